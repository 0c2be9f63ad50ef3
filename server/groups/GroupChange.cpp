#include "groups/GroupChange.h"

#include "permissions/Permissions.h"

#include <QSet>

namespace natter::server::groups {

namespace {

// What a new member's devices learn: the group, where their history
// starts, and who is in it (so every sender has a name).
proto::FeedEntry joinedEntry(
    const ConversationRow &group, quint64 visibleFrom, const QList<Named> &members)
{
    proto::FeedEntry entry;
    auto *joined = entry.mutable_joined();
    joined->set_conversation_id(group.id);
    joined->set_kind(proto::GROUP);
    joined->set_title(group.name.toStdString());
    joined->set_visible_from(visibleFrom);
    for (const Named &m : members)
        setMember(joined->add_members(), m.id, m.name);
    return entry;
}

proto::FeedEntry leftEntry(quint64 conversationId, quint64 lastSeq, bool dissolved)
{
    proto::FeedEntry entry;
    auto *left = entry.mutable_left();
    left->set_conversation_id(conversationId);
    left->set_last_seq(lastSeq);
    left->set_dissolved(dissolved);
    return entry;
}

} // namespace

void setMember(proto::Member *m, quint64 id, const QString &name)
{
    m->set_user_id(id);
    m->set_user(name.toStdString());
}

proto::SendAck ackWithoutEvent(const QString &clientId, quint64 conversationId, quint64 version)
{
    proto::SendAck ack;
    ack.set_client_id(clientId.toStdString());
    ack.set_conversation_id(conversationId);
    ack.set_version(version);
    return ack;
}

quint64 versionOf(const EventRow &row)
{
    proto::EventBody body;
    if (!body.ParseFromArray(row.body.constData(), int(row.body.size())))
        throw StorageError(
            QStringLiteral("corrupt group event %1/%2").arg(row.conversationId).arg(row.seq));
    return body.group().version();
}

ServiceError checkClientId(const std::string &clientId)
{
    const QString id = fromStd(clientId);
    if (id.isEmpty() || id.size() > limits::kMaxClientIdChars)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("client_id must be 1..%1 characters").arg(limits::kMaxClientIdChars) };
    return {};
}

ServiceError checkText(const std::string &text, int maxChars, const char *what, bool mayBeEmpty)
{
    const QString t = fromStd(text).trimmed();
    if ((t.isEmpty() && !mayBeEmpty) || t.size() > maxChars)
        return { t.size() > maxChars ? proto::TOO_LARGE : proto::INVALID_ARGUMENT,
            QStringLiteral("%1 has %2..%3 characters")
                .arg(QLatin1String(what))
                .arg(mayBeEmpty ? 0 : 1)
                .arg(maxChars) };
    return {};
}

ServiceError resolveUsers(Storage &storage, quint64 actor,
    const google::protobuf::RepeatedPtrField<std::string> &names, QList<Named> *out)
{
    QSet<quint64> seen;
    for (const std::string &n : names) {
        const QString name = fromStd(n);
        const auto id = storage.users().idByName(name);
        if (!id)
            return { proto::NOT_FOUND, QStringLiteral("no such user: %1").arg(name) };
        // A block keeps one out of the blocker's groups as out of their chats.
        if (const auto theirs = storage.contacts().get(*id, actor); theirs && theirs->blocked)
            return { proto::FORBIDDEN,
                QStringLiteral("%1 does not accept invitations from you").arg(name) };
        if (!seen.contains(*id)) {
            seen.insert(*id);
            out->append({ *id, name });
        }
    }
    return {};
}

int currentCount(const QList<MemberRow> &members)
{
    int n = 0;
    for (const MemberRow &m : members)
        n += m.isCurrent() ? 1 : 0;
    return n;
}

ServiceError groupFull(int maxMembers)
{
    return { proto::GROUP_FULL, QStringLiteral("a group has at most %1 members").arg(maxMembers) };
}

Change::Change(Storage &storage, Snowflake &ids, const Actor &actor, ConversationRow group,
    const QString &clientId, qint64 nowMs)
    : storage(storage)
    , ids(ids)
    , actor(actor)
    , group(std::move(group))
    , clientId(clientId)
    , nowMs(nowMs)
{
}

quint64 Change::commit(proto::GroupChange change, const QString &actorName)
{
    group.version += 1;
    change.set_version(group.version);
    setMember(change.mutable_actor(), actor.userId, actorName);
    proto::EventBody body;
    *body.mutable_group() = std::move(change);
    event = EventRow { group.id, 0, ids.next(), actor.userId, actor.deviceId, clientId,
        proto::EVENT_GROUP, nowMs, toBytes(body.SerializeAsString()), {} };
    event.seq = storage.events().append(event);
    group.lastSeq = event.seq;
    storage.conversations().updateGroup(group);
    return event.seq;
}

void Change::feed(quint64 userId, const proto::FeedEntry &entry, Fanout *fanout)
{
    const quint64 seq = storage.feed().append(userId, nowMs, toBytes(entry.SerializeAsString()));
    fanout->feedNotifies.append({ userId, seq });
}

void Change::addMembers(
    const QList<MemberRow> &before, const QList<Named> &users, quint64 seq, Fanout *fanout)
{
    ConversationStore &conversations = storage.conversations();
    const quint64 visibleFrom = group.historyPolicy == proto::HISTORY_ALL ? 1 : seq;
    QList<Named> everyone;
    for (const MemberRow &m : before)
        if (m.isCurrent())
            everyone.append({ m.userId, m.userName });
    everyone += users;
    const proto::FeedEntry entry = joinedEntry(group, visibleFrom, everyone);
    for (const Named &u : users) {
        MemberRow row { group.id, u.id, u.name, int(permissions::MemberRole::Member), visibleFrom,
            0, 0, {}, {}, seq };
        if (const auto former = conversations.member(group.id, u.id)) {
            row.remark = former->remark;
            conversations.updateMember(row);
        } else {
            conversations.insertMember(row);
        }
        feed(u.id, entry, fanout);
    }
}

void Change::removeMember(MemberRow member, quint64 seq, bool dissolved, Fanout *fanout)
{
    member.leftSeq = seq;
    member.nickname.clear();
    storage.conversations().updateMember(member);
    feed(member.userId, leftEntry(group.id, seq, dissolved), fanout);
}

} // namespace natter::server::groups
