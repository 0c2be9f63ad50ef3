#include "conversations/ConversationService.h"

#include <QtGlobal>

namespace natter::server {

namespace {

constexpr int kRoleMember = 0;
constexpr int kRoleOwner = 2;

std::string toStd(const QByteArray &bytes)
{
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

void fillEvent(const EventRow &row, proto::Event *event)
{
    event->set_conversation_id(row.conversationId);
    event->set_seq(row.seq);
    event->set_id(row.id);
    event->set_sender_id(row.senderId);
    event->set_sender_device(row.senderDevice);
    event->set_client_id(row.clientId.toStdString());
    event->set_kind(static_cast<proto::EventKind>(row.kind));
    event->set_time_ms(row.timeMs);
    event->set_body(toStd(row.body));
}

// A request's limit: 0 means the default; never above the maximum.
int pullLimit(quint32 requested)
{
    return static_cast<int>(
        qMin(requested == 0 ? limits::kDefaultPullLimit : requested, limits::kMaxPullLimit));
}

proto::SendAck ackOf(const EventRow &row)
{
    proto::SendAck ack;
    ack.set_client_id(row.clientId.toStdString());
    ack.set_conversation_id(row.conversationId);
    ack.set_seq(row.seq);
    ack.set_id(row.id);
    ack.set_time_ms(row.timeMs);
    return ack;
}

} // namespace

QString ConversationService::directKey(quint64 a, quint64 b)
{
    return QStringLiteral("%1:%2").arg(qMin(a, b)).arg(qMax(a, b));
}

ServiceError ConversationService::validateSend(const proto::SendRequest &request, int maxTextChars)
{
    const QString clientId = QString::fromStdString(request.client_id());
    if (clientId.isEmpty() || clientId.size() > limits::kMaxClientIdChars)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("client_id must be 1..%1 characters").arg(limits::kMaxClientIdChars) };
    if (request.target_case() == proto::SendRequest::TARGET_NOT_SET)
        return { proto::INVALID_ARGUMENT, QStringLiteral("send needs to_user or conversation_id") };
    proto::EventBody body;
    if (!body.ParseFromString(request.body()) || !body.has_text())
        return { proto::INVALID_ARGUMENT, QStringLiteral("body must be an EventBody with text") };
    const QString text = QString::fromStdString(body.text().text());
    if (text.isEmpty())
        return { proto::INVALID_ARGUMENT, QStringLiteral("text must not be empty") };
    if (text.size() > maxTextChars)
        return { proto::TOO_LARGE,
            QStringLiteral("text longer than %1 characters").arg(maxTextChars) };
    return {};
}

quint64 ConversationService::createDirect(Storage &storage, Snowflake &ids, const Actor &actor,
    const UserRow &self, const UserRow &peer, qint64 nowMs, Fanout *fanout)
{
    const quint64 conversationId = ids.next();
    storage.insertConversation(
        ConversationRow { conversationId, proto::DIRECT, 1, nowMs }, directKey(self.id, peer.id));
    storage.insertMember(MemberRow { conversationId, self.id, {}, kRoleOwner, 1, 0 });
    storage.insertMember(MemberRow { conversationId, peer.id, {}, kRoleMember, 1, 0 });
    storage.insertEvent(EventRow { conversationId, 1, ids.next(), self.id, actor.deviceId, {},
        proto::EVENT_CREATED, nowMs, {} });

    proto::FeedEntry entry;
    auto *joined = entry.mutable_joined();
    joined->set_conversation_id(conversationId);
    joined->set_kind(proto::DIRECT);
    for (const UserRow *u : { &self, &peer }) {
        auto *m = joined->add_members();
        m->set_user_id(u->id);
        m->set_user(u->name.toStdString());
    }
    const QByteArray body = toBytes(entry.SerializeAsString());
    for (const UserRow *u : { &self, &peer }) {
        const quint64 seq = storage.appendFeed(u->id, nowMs, body);
        fanout->feedNotifies.append({ u->id, seq });
    }
    return conversationId;
}

SendResult ConversationService::send(Storage &storage, Snowflake &ids, const Actor &actor,
    const proto::SendRequest &request, qint64 nowMs)
{
    SendResult result;
    const QString clientId = QString::fromStdString(request.client_id());
    if (auto existing = storage.eventByClientId(actor.userId, clientId)) {
        result.ack = ackOf(*existing);
        result.duplicate = true;
        return result;
    }

    quint64 conversationId = 0;
    if (request.target_case() == proto::SendRequest::kToUser) {
        const auto peerId = storage.userIdByName(QString::fromStdString(request.to_user()));
        if (!peerId) {
            result.error = { proto::NOT_FOUND, QStringLiteral("no such user") };
            return result;
        }
        if (*peerId == actor.userId) {
            result.error = { proto::INVALID_ARGUMENT, QStringLiteral("cannot message yourself") };
            return result;
        }
        if (auto found = storage.directConversation(directKey(actor.userId, *peerId))) {
            conversationId = *found;
        } else {
            const auto self = storage.userById(actor.userId);
            const auto peer = storage.userById(*peerId);
            if (!self || !peer)
                throw StorageError(QStringLiteral("sender %1 or peer %2 does not exist")
                                       .arg(actor.userId)
                                       .arg(*peerId));
            conversationId = createDirect(storage, ids, actor, *self, *peer, nowMs, &result.fanout);
        }
    } else {
        conversationId = request.conversation_id();
        if (!storage.conversationById(conversationId)) {
            result.error = { proto::NOT_FOUND, QStringLiteral("no such conversation") };
            return result;
        }
        if (!storage.memberUserIds(conversationId).contains(actor.userId)) {
            result.error = { proto::FORBIDDEN, QStringLiteral("not a member") };
            return result;
        }
    }

    const auto conversation = storage.conversationById(conversationId);
    if (!conversation)
        throw StorageError(QStringLiteral("conversation %1 vanished").arg(conversationId));
    EventRow event { conversationId, conversation->lastSeq + 1, ids.next(), actor.userId,
        actor.deviceId, clientId, proto::EVENT_MESSAGE, nowMs, toBytes(request.body()) };
    storage.insertEvent(event);
    storage.setLastSeq(conversationId, event.seq);

    result.ack = ackOf(event);
    result.fanout.notifies.append(
        { conversationId, event.seq, storage.memberUserIds(conversationId), actor.deviceId });
    return result;
}

MarkReadResult ConversationService::markRead(
    Storage &storage, const Actor &actor, const proto::MarkReadRequest &request, qint64 nowMs)
{
    MarkReadResult result;
    const auto conversation = storage.conversationById(request.conversation_id());
    if (!conversation) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such conversation") };
        return result;
    }
    const auto member = storage.member(conversation->id, actor.userId);
    if (!member) {
        result.error = { proto::FORBIDDEN, QStringLiteral("not a member") };
        return result;
    }
    const quint64 seq = qMin<quint64>(request.seq(), conversation->lastSeq);
    if (seq <= member->readSeq)
        return result;
    storage.setReadSeq(conversation->id, actor.userId, seq);
    proto::FeedEntry entry;
    entry.mutable_read()->set_conversation_id(conversation->id);
    entry.mutable_read()->set_seq(seq);
    const quint64 feedSeq
        = storage.appendFeed(actor.userId, nowMs, toBytes(entry.SerializeAsString()));
    result.fanout.feedNotifies.append({ actor.userId, feedSeq });
    return result;
}

PullResult ConversationService::pull(
    Storage &storage, const Actor &actor, const proto::PullRequest &request)
{
    PullResult result;
    if (request.ranges_size() > limits::kMaxPullRanges) {
        result.error = { proto::INVALID_ARGUMENT,
            QStringLiteral("at most %1 ranges per pull").arg(limits::kMaxPullRanges) };
        return result;
    }
    for (const proto::PullRange &range : request.ranges()) {
        // pullRecent() must give the same answer: keep the two in step.
        const auto conversation = storage.conversationById(range.conversation_id());
        if (!conversation) {
            result.error = { proto::NOT_FOUND, QStringLiteral("no such conversation") };
            return result;
        }
        if (!storage.member(conversation->id, actor.userId)) {
            result.error = { proto::FORBIDDEN, QStringLiteral("not a member") };
            return result;
        }
        for (const EventRow &row :
            storage.events(conversation->id, range.after_seq(), pullLimit(range.limit())))
            fillEvent(row, result.response.add_events());
        auto *head = result.response.add_heads();
        head->set_conversation_id(conversation->id);
        head->set_last_seq(conversation->lastSeq);
    }
    return result;
}

std::optional<proto::PullResponse> ConversationService::pullRecent(
    const RecentEvents &recent, const Actor &actor, const proto::PullRequest &request)
{
    if (request.ranges_size() > limits::kMaxPullRanges)
        return std::nullopt; // the database path answers with the error
    proto::PullResponse response;
    for (const proto::PullRange &range : request.ranges()) {
        auto slice = recent.after(
            range.conversation_id(), actor.userId, range.after_seq(), pullLimit(range.limit()));
        if (!slice)
            return std::nullopt;
        for (const EventRow &row : slice->events)
            fillEvent(row, response.add_events());
        auto *head = response.add_heads();
        head->set_conversation_id(range.conversation_id());
        head->set_last_seq(slice->lastSeq);
    }
    return response;
}

proto::FeedPullResponse ConversationService::feedPull(
    Storage &storage, const Actor &actor, const proto::FeedPullRequest &request)
{
    proto::FeedPullResponse response;
    for (const FeedRow &row :
        storage.feed(actor.userId, request.after_seq(), pullLimit(request.limit()))) {
        auto *entry = response.add_entries();
        if (!entry->ParseFromArray(row.body.constData(), static_cast<int>(row.body.size())))
            throw StorageError(QStringLiteral("corrupt feed entry %1").arg(row.seq));
        entry->set_seq(row.seq);
        entry->set_time_ms(row.timeMs);
    }
    const auto user = storage.userById(actor.userId);
    response.set_feed_seq(user ? user->feedSeq : 0);
    for (const HeadRow &h : storage.headsOfUser(actor.userId)) {
        auto *head = response.add_heads();
        head->set_conversation_id(h.conversationId);
        head->set_last_seq(h.lastSeq);
    }
    return response;
}

} // namespace natter::server
