#include "conversations/ConversationService.h"

#include "common/Wire.h"
#include "permissions/Permissions.h"

#include <QtGlobal>

#include <algorithm>

namespace natter::server {

namespace {

using permissions::Action;
using permissions::MemberRole;
using permissions::Role;
using permissions::Target;

constexpr int kMaxRelationKeyChars = 64;

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
    if (row.relation.isSet()) {
        auto *rel = event->mutable_relates_to();
        rel->set_type(static_cast<proto::RelationType>(row.relation.type));
        rel->set_seq(row.relation.seq);
        rel->set_key(row.relation.key.toStdString());
    }
}

// A request's limit: 0 means the default; never above the maximum.
int pullLimit(quint32 requested)
{
    return static_cast<int>(
        qMin(requested == 0 ? limits::kDefaultPullLimit : requested, limits::kMaxPullLimit));
}

using permissions::roleOf;

Role roleIn(Storage &storage, quint64 conversationId, quint64 userId)
{
    return roleOf(storage.conversations().member(conversationId, userId));
}

// The relation's shape: a known type, a target, a key only on annotations.
ServiceError validateRelation(const proto::Relation &rel)
{
    if (!proto::RelationType_IsValid(rel.type()))
        return { proto::INVALID_ARGUMENT, QStringLiteral("unknown relation type") };
    if (rel.type() == proto::RELATION_NONE)
        return rel.seq() == 0 && rel.key().empty()
            ? ServiceError {}
            : ServiceError { proto::INVALID_ARGUMENT, QStringLiteral("relation without a type") };
    if (rel.seq() == 0)
        return { proto::INVALID_ARGUMENT, QStringLiteral("relation without a target seq") };
    const QString key = QString::fromStdString(rel.key());
    if (rel.type() == proto::RELATION_ANNOTATE) {
        if (key.isEmpty() || key.size() > kMaxRelationKeyChars)
            return { proto::INVALID_ARGUMENT,
                QStringLiteral("a reaction needs a key of 1..%1 characters")
                    .arg(kMaxRelationKeyChars) };
    } else if (!key.isEmpty()) {
        return { proto::INVALID_ARGUMENT, QStringLiteral("only reactions carry a key") };
    }
    return {};
}

} // namespace

QString ConversationService::directKey(quint64 a, quint64 b)
{
    return QStringLiteral("%1:%2").arg(qMin(a, b)).arg(qMax(a, b));
}

ServiceError ConversationService::validateSend(const proto::SendRequest &request,
    const ContentRules &rules, const ContentLimits &limits, Mentions *mentions)
{
    const QString clientId = QString::fromStdString(request.client_id());
    if (clientId.isEmpty() || clientId.size() > limits::kMaxClientIdChars)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("client_id must be 1..%1 characters").arg(limits::kMaxClientIdChars) };
    if (request.target_case() == proto::SendRequest::TARGET_NOT_SET)
        return { proto::INVALID_ARGUMENT, QStringLiteral("send needs to_user or conversation_id") };
    if (ServiceError e = validateRelation(request.relates_to()))
        return e;
    proto::EventBody body;
    if (!body.ParseFromString(request.body()))
        return { proto::INVALID_ARGUMENT, QStringLiteral("the body is not an EventBody") };
    // Reactions and recalls say everything in their relation.
    const proto::RelationType type = request.relates_to().type();
    if (type == proto::RELATION_ANNOTATE || type == proto::RELATION_REDACT)
        return body.content_case() == proto::EventBody::CONTENT_NOT_SET
            ? ServiceError {}
            : ServiceError { proto::INVALID_ARGUMENT,
                  QStringLiteral("a reaction or recall carries no content") };
    if (ServiceError e = rules.validate(body, limits))
        return e;
    if (mentions)
        *mentions = Mentions::of(body);
    return {};
}

ServiceError ConversationService::checkMentionAll(
    Storage &storage, const ConversationRow &conversation, permissions::Role role)
{
    // A mention of a user who is not (or no longer) a member does nothing
    // (they cannot read the message): a queued message is not refused for
    // it. @all is a right of its own.
    if (conversation.kind != proto::GROUP)
        return { proto::INVALID_ARGUMENT, QStringLiteral("@all is for groups") };
    Target t;
    t.membersMayAll = conversation.mentionPolicy == proto::MENTION_ALL_MEMBERS
        && storage.conversations().memberUserIds(conversation.id).size() <= kSmallGroup;
    return permissions::check(role, Action::MentionAll, proto::GROUP, t);
}

quint64 ConversationService::createDirect(Storage &storage, Snowflake &ids, const Actor &actor,
    const UserRow &self, const UserRow &peer, qint64 nowMs, Fanout *fanout)
{
    const quint64 conversationId = ids.next();
    ConversationStore &conversations = storage.conversations();
    conversations.insert(
        ConversationRow { conversationId, proto::DIRECT, 0, nowMs, {}, 0, 0, 0, {}, false },
        directKey(self.id, peer.id));
    conversations.insertMember(
        MemberRow { conversationId, self.id, {}, int(MemberRole::Owner), 1, 0, 0, {}, {}, 1 });
    conversations.insertMember(
        MemberRow { conversationId, peer.id, {}, int(MemberRole::Member), 1, 0, 0, {}, {}, 1 });
    storage.events().append(EventRow { conversationId, 0, ids.next(), self.id, actor.deviceId, {},
        proto::EVENT_CREATED, nowMs, {}, {} });

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
        const quint64 seq = storage.feed().append(u->id, nowMs, body);
        fanout->feedNotifies.append({ u->id, seq });
    }
    return conversationId;
}

quint64 ConversationService::resolveTarget(Storage &storage, Snowflake &ids, const Actor &actor,
    const proto::SendRequest &request, qint64 nowMs, SendResult *result)
{
    if (request.target_case() == proto::SendRequest::kConversationId)
        return request.conversation_id();
    // A message that starts a direct chat: the one place a send names a user.
    const auto peerId = storage.users().idByName(QString::fromStdString(request.to_user()));
    if (!peerId) {
        result->error = { proto::NOT_FOUND, QStringLiteral("no such user") };
        return 0;
    }
    if (*peerId == actor.userId) {
        result->error = { proto::INVALID_ARGUMENT, QStringLiteral("cannot message yourself") };
        return 0;
    }
    if (auto found = storage.conversations().directByKey(directKey(actor.userId, *peerId)))
        return *found;
    const auto self = storage.users().byId(actor.userId);
    const auto peer = storage.users().byId(*peerId);
    if (!self || !peer)
        throw StorageError(
            QStringLiteral("sender %1 or peer %2 does not exist").arg(actor.userId).arg(*peerId));
    return createDirect(storage, ids, actor, *self, *peer, nowMs, &result->fanout);
}

SendResult ConversationService::send(Storage &storage, Snowflake &ids, const Actor &actor,
    const proto::SendRequest &request, qint64 nowMs, const Mentions &mentions)
{
    SendResult result;
    const QString clientId = QString::fromStdString(request.client_id());
    if (auto existing = storage.events().byClientId(actor.userId, clientId)) {
        result.ack = ackOf(*existing);
        result.duplicate = true;
        return result;
    }
    const quint64 conversationId = resolveTarget(storage, ids, actor, request, nowMs, &result);
    if (result.error)
        return result;
    const auto conversation = storage.conversations().byId(conversationId);
    if (!conversation) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such conversation") };
        return result;
    }
    const proto::Relation &rel = request.relates_to();
    bool ownTarget = false;
    if (rel.type() != proto::RELATION_NONE) {
        // A relation points at a message line of the same conversation.
        const auto target = rel.seq() <= conversation->lastSeq
            ? storage.events().at(conversationId, rel.seq())
            : std::nullopt;
        if (!target || target->kind != proto::EVENT_MESSAGE
            || (target->relation.type != proto::RELATION_NONE
                && target->relation.type != proto::RELATION_REPLY)) {
            result.error = { proto::NOT_FOUND, QStringLiteral("no such message to relate to") };
            return result;
        }
        ownTarget = target->senderId == actor.userId;
    }
    const Role role = roleIn(storage, conversationId, actor.userId);
    if (conversation->kind == proto::DIRECT && role >= Role::Member) {
        // Blocks and "friends only" (a refused first message rolls back the
        // chat it created).
        for (quint64 peer : storage.conversations().memberUserIds(conversationId))
            if (peer != actor.userId) {
                if (const ServiceError e
                    = permissions::checkDirect(storage.contacts().gate(actor.userId, peer))) {
                    result.error = e;
                    return result;
                }
            }
    }
    if (const ServiceError e = permissions::check(role, permissions::actionFor(rel.type()),
            proto::ConversationKind(conversation->kind), permissions::Target { ownTarget })) {
        result.error = e;
        return result;
    }
    if (mentions.all) {
        if (const ServiceError e = checkMentionAll(storage, *conversation, role)) {
            result.error = e;
            return result;
        }
    }

    EventRow event { conversationId, 0, ids.next(), actor.userId, actor.deviceId, clientId,
        proto::EVENT_MESSAGE, nowMs, toBytes(request.body()),
        RelationRow { rel.type(), rel.seq(), QString::fromStdString(rel.key()) } };
    event.seq = storage.events().append(event);

    result.ack = ackOf(event);
    result.fanout.notifies.append({ conversationId, event.seq,
        storage.conversations().memberUserIds(conversationId), actor.deviceId });
    return result;
}

MarkReadResult ConversationService::markRead(
    Storage &storage, const Actor &actor, const proto::MarkReadRequest &request, qint64 nowMs)
{
    MarkReadResult result;
    const auto conversation = storage.conversations().byId(request.conversation_id());
    if (!conversation) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such conversation") };
        return result;
    }
    const auto member = storage.conversations().member(conversation->id, actor.userId);
    const Role role = roleOf(member);
    if (const ServiceError e
        = permissions::check(role, Action::MarkRead, proto::ConversationKind(conversation->kind))) {
        result.error = e;
        return result;
    }
    const quint64 seq = qMin<quint64>(request.seq(), conversation->lastSeq);
    if (seq <= member->readSeq)
        return result;
    const quint64 before = member->readSeq;
    storage.conversations().setReadSeq(conversation->id, actor.userId, seq);
    if (!member->receiptsOff)
        tellSenders(storage, *conversation, actor.userId, before, seq, &result.fanout);
    proto::FeedEntry entry;
    entry.mutable_read()->set_conversation_id(conversation->id);
    entry.mutable_read()->set_seq(seq);
    const quint64 feedSeq
        = storage.feed().append(actor.userId, nowMs, toBytes(entry.SerializeAsString()));
    result.fanout.feedNotifies.append({ actor.userId, feedSeq });
    return result;
}

void ConversationService::tellSenders(Storage &storage, const ConversationRow &conversation,
    quint64 reader, quint64 fromSeq, quint64 toSeq, Fanout *fanout)
{
    const QList<quint64> members = storage.conversations().memberUserIds(conversation.id);
    QList<quint64> senders;
    if (conversation.kind == proto::DIRECT) {
        senders = members;
    } else {
        // The senders of the newest messages the read passed (a big jump
        // tells those of its last kReceiptScan seqs: the ones on screen).
        senders = storage.events().sendersOf(conversation.id,
            qMax(fromSeq, toSeq > kReceiptScan ? toSeq - kReceiptScan : 0), toSeq,
            proto::EVENT_MESSAGE);
        senders.removeIf(
            [&](quint64 id) { return !std::binary_search(members.cbegin(), members.cend(), id); });
    }
    senders.removeAll(reader);
    if (!senders.isEmpty())
        fanout->receiptNotifies.append({ conversation.id, toSeq, senders, 0 });
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
        const auto conversation = storage.conversations().byId(range.conversation_id());
        if (!conversation) {
            result.error = { proto::NOT_FOUND, QStringLiteral("no such conversation") };
            return result;
        }
        const auto member = storage.conversations().member(conversation->id, actor.userId);
        if (const ServiceError e = permissions::check(
                roleOf(member), Action::ReadHistory, proto::ConversationKind(conversation->kind))) {
            result.error = e;
            return result;
        }
        // The member's visible range, from the database: from their join
        // (a group's history policy set joinedSeq) to their removal.
        const quint64 last = member->isCurrent() ? conversation->lastSeq
                                                 : qMin(member->leftSeq, conversation->lastSeq);
        const quint64 after
            = qMax<quint64>(range.after_seq(), member->joinedSeq > 0 ? member->joinedSeq - 1 : 0);
        if (after < last) {
            for (const EventRow &row :
                storage.events().after(conversation->id, after, pullLimit(range.limit()))) {
                if (row.seq > last)
                    break;
                fillEvent(row, result.response.add_events());
            }
        }
        auto *head = result.response.add_heads();
        head->set_conversation_id(conversation->id);
        head->set_last_seq(last);
    }
    return result;
}

std::optional<proto::PullResponse> ConversationService::pullRecent(
    const RecentEvents &recent, const Actor &actor, const proto::PullRequest &request)
{
    if (request.ranges_size() > limits::kMaxPullRanges)
        return std::nullopt; // the database path answers with the error
    // RecentEvents answers current members only, and holds only events
    // after the last membership change (DbWorker::publish), so it never
    // reaches before a member's join; every current member may read the
    // history in every kind of conversation (permissions' ReadHistory
    // column): the same decision pull() makes. Former members always miss.
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
        storage.feed().after(actor.userId, request.after_seq(), pullLimit(request.limit()))) {
        auto *entry = response.add_entries();
        if (!entry->ParseFromArray(row.body.constData(), static_cast<int>(row.body.size())))
            throw StorageError(QStringLiteral("corrupt feed entry %1").arg(row.seq));
        entry->set_seq(row.seq);
        entry->set_time_ms(row.timeMs);
    }
    const auto user = storage.users().byId(actor.userId);
    response.set_feed_seq(user ? user->feedSeq : 0);
    for (const HeadRow &h : storage.conversations().headsOfUser(actor.userId)) {
        auto *head = response.add_heads();
        head->set_conversation_id(h.conversationId);
        head->set_last_seq(h.lastSeq);
    }
    return response;
}

} // namespace natter::server
