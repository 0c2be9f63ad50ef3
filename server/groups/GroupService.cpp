#include "groups/GroupService.h"

#include "permissions/Permissions.h"

#include <QSet>

namespace natter::server {

namespace {

using permissions::Action;
using permissions::MemberRole;
using permissions::Role;
using permissions::Target;

QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

using permissions::roleOf;

ServiceError checkClientId(const std::string &clientId)
{
    const QString id = fromStd(clientId);
    if (id.isEmpty() || id.size() > limits::kMaxClientIdChars)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("client_id must be 1..%1 characters").arg(limits::kMaxClientIdChars) };
    return {};
}

ServiceError checkName(const std::string &name)
{
    const QString n = fromStd(name).trimmed();
    if (n.isEmpty() || n.size() > limits::kMaxGroupNameChars)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("a group name has 1..%1 characters").arg(limits::kMaxGroupNameChars) };
    return {};
}

void setMember(proto::Member *m, quint64 id, const QString &name)
{
    m->set_user_id(id);
    m->set_user(name.toStdString());
}

proto::SendAck ackOf(const EventRow &row, quint64 version)
{
    proto::SendAck ack;
    ack.set_client_id(row.clientId.toStdString());
    ack.set_conversation_id(row.conversationId);
    ack.set_seq(row.seq);
    ack.set_id(row.id);
    ack.set_time_ms(row.timeMs);
    ack.set_version(version);
    return ack;
}

// The version a group event recorded (the ack of a retried action).
quint64 versionOf(const EventRow &row)
{
    proto::EventBody body;
    if (!body.ParseFromArray(row.body.constData(), int(row.body.size())))
        throw StorageError(
            QStringLiteral("corrupt group event %1/%2").arg(row.conversationId).arg(row.seq));
    return body.group().version();
}

// The users a request names, by name; NOT_FOUND names the first unknown.
struct Named
{
    quint64 id = 0;
    QString name;
};

ServiceError resolveUsers(Storage &storage,
    const google::protobuf::RepeatedPtrField<std::string> &names, QList<Named> *out)
{
    QSet<quint64> seen;
    for (const std::string &n : names) {
        const QString name = fromStd(n);
        const auto id = storage.users().idByName(name);
        if (!id)
            return { proto::NOT_FOUND, QStringLiteral("no such user: %1").arg(name) };
        if (!seen.contains(*id)) {
            seen.insert(*id);
            out->append({ *id, name });
        }
    }
    return {};
}

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

// One change being applied: the group, the actor, what the event says.
class Change
{
public:
    Change(Storage &storage, Snowflake &ids, const Actor &actor, ConversationRow group,
        const QString &clientId, qint64 nowMs)
        : storage(storage)
        , ids(ids)
        , actor(actor)
        , group(std::move(group))
        , clientId(clientId)
        , nowMs(nowMs)
    {
    }

    // Appends the event (the group's next version) and returns its seq.
    quint64 commit(proto::GroupChange change, const QString &actorName)
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

    void feed(quint64 userId, const proto::FeedEntry &entry, Fanout *fanout)
    {
        const quint64 seq
            = storage.feed().append(userId, nowMs, toBytes(entry.SerializeAsString()));
        fanout->feedNotifies.append({ userId, seq });
    }

    Storage &storage;
    Snowflake &ids;
    const Actor &actor;
    ConversationRow group;
    QString clientId;
    qint64 nowMs;
    EventRow event;
};

// Adds users (not current members) at the event's seq: a former member
// comes back as a plain member with nothing carried over.
void addMembers(Change &c, const QList<MemberRow> &before, const QList<Named> &users, quint64 seq,
    Fanout *fanout)
{
    ConversationStore &conversations = c.storage.conversations();
    const quint64 visibleFrom = c.group.historyPolicy == proto::HISTORY_ALL ? 1 : seq;
    QList<Named> everyone;
    for (const MemberRow &m : before)
        if (m.isCurrent())
            everyone.append({ m.userId, m.userName });
    everyone += users;
    const proto::FeedEntry entry = joinedEntry(c.group, visibleFrom, everyone);
    for (const Named &u : users) {
        const MemberRow row { c.group.id, u.id, u.name, int(MemberRole::Member), visibleFrom, 0,
            0 };
        if (conversations.member(c.group.id, u.id))
            conversations.updateMember(row);
        else
            conversations.insertMember(row);
        c.feed(u.id, entry, fanout);
    }
}

// Stamps the member's removal at seq and tells their devices.
void removeMember(Change &c, MemberRow member, quint64 seq, bool dissolved, Fanout *fanout)
{
    member.leftSeq = seq;
    c.storage.conversations().updateMember(member);
    c.feed(member.userId, leftEntry(c.group.id, seq, dissolved), fanout);
}

// A retry of a change already made (its client id is taken): the
// original ack, nothing written.
bool retried(Storage &storage, const Actor &actor, const QString &clientId, GroupResult *result)
{
    const auto existing = storage.events().byClientId(actor.userId, clientId);
    if (!existing)
        return false;
    result->ack = ackOf(*existing, versionOf(*existing));
    result->duplicate = true;
    return true;
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

} // namespace

ServiceError GroupService::validateCreate(const proto::GroupCreateRequest &request)
{
    if (ServiceError e = checkClientId(request.client_id()))
        return e;
    if (ServiceError e = checkName(request.name()))
        return e;
    if (!proto::JoinPolicy_IsValid(request.join())
        || !proto::HistoryPolicy_IsValid(request.history()))
        return { proto::INVALID_ARGUMENT, QStringLiteral("unknown join or history policy") };
    if (request.members_size() > limits::kMaxGroupInvites)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("at most %1 members at once").arg(limits::kMaxGroupInvites) };
    return {};
}

ServiceError GroupService::validateAction(const proto::GroupActionRequest &request)
{
    if (ServiceError e = checkClientId(request.client_id()))
        return e;
    switch (request.action_case()) {
    case proto::GroupActionRequest::ACTION_NOT_SET:
        return { proto::INVALID_ARGUMENT, QStringLiteral("a group action names what it does") };
    case proto::GroupActionRequest::kInvite:
        if (request.invite().users_size() == 0
            || request.invite().users_size() > limits::kMaxGroupInvites)
            return { proto::INVALID_ARGUMENT,
                QStringLiteral("invite 1..%1 users at once").arg(limits::kMaxGroupInvites) };
        break;
    case proto::GroupActionRequest::kSetRole:
        if (request.set_role().role() != proto::ROLE_ADMIN
            && request.set_role().role() != proto::ROLE_MEMBER)
            return { proto::INVALID_ARGUMENT,
                QStringLiteral("a role is admin or member; the owner hands over by transfer") };
        break;
    case proto::GroupActionRequest::kAnnounce:
        if (fromStd(request.announce()).size() > limits::kMaxAnnouncementChars)
            return { proto::TOO_LARGE,
                QStringLiteral("an announcement has at most %1 characters")
                    .arg(limits::kMaxAnnouncementChars) };
        break;
    case proto::GroupActionRequest::kRename: return checkName(request.rename());
    default: break;
    }
    return {};
}

GroupResult GroupService::create(Storage &storage, Snowflake &ids, const Actor &actor,
    const proto::GroupCreateRequest &request, int maxMembers, qint64 nowMs)
{
    GroupResult result;
    const QString clientId = fromStd(request.client_id());
    if (retried(storage, actor, clientId, &result))
        return result;
    QList<Named> invited;
    result.error = resolveUsers(storage, request.members(), &invited);
    if (result.error)
        return result;
    invited.removeIf([&](const Named &u) { return u.id == actor.userId; });
    if (invited.size() + 1 > maxMembers) {
        result.error = groupFull(maxMembers);
        return result;
    }
    const auto self = storage.users().byId(actor.userId);
    if (!self)
        throw StorageError(QStringLiteral("creator %1 does not exist").arg(actor.userId));

    ConversationRow group { ids.next(), proto::GROUP, 0, nowMs, fromStd(request.name()).trimmed(),
        request.join(), request.history(), 0, {}, false };
    storage.conversations().insert(group, {});
    Change c(storage, ids, actor, group, clientId, nowMs);
    proto::GroupChange change;
    change.set_op(proto::GroupChange::OP_CREATED);
    change.set_text(group.name.toStdString());
    change.set_join(request.join());
    change.set_history(request.history());
    for (const Named &u : invited)
        setMember(change.add_targets(), u.id, u.name);
    // The members first: the event (seq 1) is everybody's first line.
    storage.conversations().insertMember(
        MemberRow { group.id, actor.userId, self->name, int(MemberRole::Owner), 1, 0, 0 });
    for (const Named &u : invited)
        storage.conversations().insertMember(
            MemberRow { group.id, u.id, u.name, int(MemberRole::Member), 1, 0, 0 });
    c.commit(change, self->name);
    QList<Named> everyone { { actor.userId, self->name } };
    everyone += invited;
    const proto::FeedEntry entry = joinedEntry(c.group, 1, everyone);
    c.feed(actor.userId, entry, &result.fanout);
    for (const Named &u : invited)
        c.feed(u.id, entry, &result.fanout);
    result.ack = ackOf(c.event, c.group.version);
    return result;
}

GroupResult GroupService::act(Storage &storage, Snowflake &ids, const Actor &actor,
    const proto::GroupActionRequest &request, int maxMembers, qint64 nowMs)
{
    GroupResult result;
    const QString clientId = fromStd(request.client_id());
    if (retried(storage, actor, clientId, &result))
        return result;
    const auto group = storage.conversations().byId(request.conversation_id());
    if (!group || group->kind != proto::GROUP) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such group") };
        return result;
    }
    ConversationStore &conversations = storage.conversations();
    const QList<MemberRow> members = conversations.members(group->id);
    const auto find = [&](quint64 userId) -> std::optional<MemberRow> {
        for (const MemberRow &m : members)
            if (m.userId == userId)
                return m;
        return std::nullopt;
    };
    const auto me = find(actor.userId);
    const Role role = roleOf(me);
    const auto kind = proto::ConversationKind(group->kind);

    // The action, its target member (if any) and the permission it needs.
    Action action = Action::ViewGroup;
    std::optional<MemberRow> target;
    QList<Named> invited;
    const auto targetByName = [&](const std::string &name) -> ServiceError {
        const auto id = storage.users().idByName(fromStd(name));
        target = id ? find(*id) : std::nullopt;
        if (!target || !target->isCurrent())
            return { proto::NOT_FOUND, QStringLiteral("%1 is not a member").arg(fromStd(name)) };
        return {};
    };
    switch (request.action_case()) {
    case proto::GroupActionRequest::kInvite: action = Action::Invite; break;
    case proto::GroupActionRequest::kKick: action = Action::Kick; break;
    case proto::GroupActionRequest::kLeave: action = Action::Leave; break;
    case proto::GroupActionRequest::kDissolve: action = Action::Dissolve; break;
    case proto::GroupActionRequest::kTransfer: action = Action::Transfer; break;
    case proto::GroupActionRequest::kSetRole: action = Action::SetRole; break;
    case proto::GroupActionRequest::kAnnounce: action = Action::Announce; break;
    case proto::GroupActionRequest::kRename: action = Action::Rename; break;
    case proto::GroupActionRequest::ACTION_NOT_SET:
        result.error = { proto::INVALID_ARGUMENT, QStringLiteral("no action") };
        return result;
    }
    // Standing first (a stranger learns nothing about the group's state).
    if (role == Role::None || role == Role::Former) {
        result.error = permissions::check(role, action, kind);
        if (role == Role::Former && group->dissolved)
            result.error.message = QStringLiteral("the group was dissolved");
        return result;
    }
    if (request.base_version() != 0 && request.base_version() != group->version) {
        result.error = { proto::STALE_VERSION,
            QStringLiteral("the group changed meanwhile (version %1, not %2)")
                .arg(group->version)
                .arg(request.base_version()) };
        return result;
    }
    switch (request.action_case()) {
    case proto::GroupActionRequest::kKick: result.error = targetByName(request.kick()); break;
    case proto::GroupActionRequest::kTransfer:
        result.error = targetByName(request.transfer());
        break;
    case proto::GroupActionRequest::kSetRole:
        result.error = targetByName(request.set_role().user());
        break;
    case proto::GroupActionRequest::kInvite:
        result.error = resolveUsers(storage, request.invite().users(), &invited);
        break;
    default: break;
    }
    if (result.error)
        return result;
    Target t;
    t.openGroup = group->joinPolicy == proto::JOIN_OPEN;
    if (target) {
        t.self = target->userId == actor.userId;
        t.role = roleOf(target);
    }
    result.error = permissions::check(role, action, kind, t);
    if (result.error)
        return result;

    Change c(storage, ids, actor, *group, clientId, nowMs);
    proto::GroupChange change;
    if (target)
        setMember(change.add_targets(), target->userId, target->userName);
    // Who hears of the event: the members before it (a removed one reads it too).
    QList<quint64> audience = conversations.memberUserIds(group->id);
    switch (request.action_case()) {
    case proto::GroupActionRequest::kInvite: {
        invited.removeIf([&](const Named &u) {
            const auto m = find(u.id);
            return m && m->isCurrent();
        });
        if (invited.isEmpty()) {
            result.error = { proto::INVALID_ARGUMENT, QStringLiteral("already members") };
            return result;
        }
        if (currentCount(members) + invited.size() > maxMembers) {
            result.error = groupFull(maxMembers);
            return result;
        }
        change.set_op(proto::GroupChange::OP_ADDED);
        for (const Named &u : invited) {
            setMember(change.add_targets(), u.id, u.name);
            audience.append(u.id);
        }
        const quint64 seq = c.commit(change, me->userName);
        addMembers(c, members, invited, seq, &result.fanout);
        break;
    }
    case proto::GroupActionRequest::kKick: {
        change.set_op(proto::GroupChange::OP_REMOVED);
        const quint64 seq = c.commit(change, me->userName);
        removeMember(c, *target, seq, false, &result.fanout);
        audience.removeOne(target->userId); // their feed tells them, once
        break;
    }
    case proto::GroupActionRequest::kLeave: {
        change.set_op(proto::GroupChange::OP_LEFT);
        const quint64 seq = c.commit(change, me->userName);
        removeMember(c, *me, seq, false, &result.fanout);
        audience.removeOne(actor.userId);
        break;
    }
    case proto::GroupActionRequest::kDissolve: {
        change.set_op(proto::GroupChange::OP_DISSOLVED);
        c.group.dissolved = true;
        const quint64 seq = c.commit(change, me->userName);
        for (const MemberRow &m : members)
            if (m.isCurrent())
                removeMember(c, m, seq, true, &result.fanout);
        audience.clear(); // every member's feed says it
        break;
    }
    case proto::GroupActionRequest::kTransfer: {
        change.set_op(proto::GroupChange::OP_OWNER);
        c.commit(change, me->userName);
        MemberRow newOwner = *target;
        newOwner.role = int(MemberRole::Owner);
        conversations.updateMember(newOwner);
        MemberRow oldOwner = *me;
        oldOwner.role = int(MemberRole::Admin);
        conversations.updateMember(oldOwner);
        break;
    }
    case proto::GroupActionRequest::kSetRole: {
        const int wanted = request.set_role().role() == proto::ROLE_ADMIN ? int(MemberRole::Admin)
                                                                          : int(MemberRole::Member);
        if (target->role == wanted) {
            result.error = { proto::INVALID_ARGUMENT, QStringLiteral("already in that role") };
            return result;
        }
        change.set_op(proto::GroupChange::OP_ROLE);
        change.set_role(proto::GroupRole(wanted));
        c.commit(change, me->userName);
        MemberRow updated = *target;
        updated.role = wanted;
        conversations.updateMember(updated);
        break;
    }
    case proto::GroupActionRequest::kAnnounce:
        change.set_op(proto::GroupChange::OP_ANNOUNCEMENT);
        change.set_text(request.announce());
        c.group.announcement = fromStd(request.announce());
        c.commit(change, me->userName);
        break;
    case proto::GroupActionRequest::kRename:
        change.set_op(proto::GroupChange::OP_RENAMED);
        c.group.name = fromStd(request.rename()).trimmed();
        change.set_text(c.group.name.toStdString());
        c.commit(change, me->userName);
        break;
    case proto::GroupActionRequest::ACTION_NOT_SET: break;
    }
    result.ack = ackOf(c.event, c.group.version);
    if (!audience.isEmpty())
        result.fanout.notifies.append({ group->id, c.event.seq, audience, actor.deviceId });
    return result;
}

GroupInfoResult GroupService::info(
    Storage &storage, const Actor &actor, const proto::GroupInfoRequest &request, int maxMembers)
{
    GroupInfoResult result;
    const auto group = storage.conversations().byId(request.conversation_id());
    if (!group || group->kind != proto::GROUP) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such group") };
        return result;
    }
    const QList<MemberRow> members = storage.conversations().members(group->id);
    std::optional<MemberRow> me;
    for (const MemberRow &m : members)
        if (m.userId == actor.userId)
            me = m;
    result.error
        = permissions::check(roleOf(me), Action::ViewGroup, proto::ConversationKind(group->kind));
    if (result.error) {
        if (me && group->dissolved)
            result.error.message = QStringLiteral("the group was dissolved");
        return result;
    }
    proto::GroupInfo &info = result.info;
    info.set_conversation_id(group->id);
    info.set_name(group->name.toStdString());
    info.set_join(proto::JoinPolicy(group->joinPolicy));
    info.set_history(proto::HistoryPolicy(group->historyPolicy));
    info.set_version(group->version);
    info.set_announcement(group->announcement.toStdString());
    info.set_dissolved(group->dissolved);
    info.set_last_seq(group->lastSeq);
    info.set_max_members(quint64(maxMembers));
    for (const MemberRow &m : members) {
        if (!m.isCurrent())
            continue;
        auto *gm = info.add_members();
        gm->set_user_id(m.userId);
        gm->set_user(m.userName.toStdString());
        gm->set_role(proto::GroupRole(m.role));
    }
    return result;
}

} // namespace natter::server
