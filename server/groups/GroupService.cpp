#include "groups/GroupService.h"

#include "groups/GroupChange.h"
#include "groups/GroupJoins.h"
#include "permissions/Permissions.h"

namespace natter::server {

using namespace groups;

namespace {

using permissions::Action;
using permissions::MemberRole;
using permissions::Role;
using permissions::roleOf;
using permissions::Target;

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

Action actionOf(const proto::GroupActionRequest &request)
{
    switch (request.action_case()) {
    case proto::GroupActionRequest::kInvite: return Action::Invite;
    case proto::GroupActionRequest::kKick: return Action::Kick;
    case proto::GroupActionRequest::kLeave: return Action::Leave;
    case proto::GroupActionRequest::kDissolve: return Action::Dissolve;
    case proto::GroupActionRequest::kTransfer: return Action::Transfer;
    case proto::GroupActionRequest::kSetRole: return Action::SetRole;
    case proto::GroupActionRequest::kAnnounce: return Action::Announce;
    case proto::GroupActionRequest::kRename: return Action::Rename;
    case proto::GroupActionRequest::kJoin: return Action::Join;
    case proto::GroupActionRequest::kApprove:
    case proto::GroupActionRequest::kDecline: return Action::Decide;
    case proto::GroupActionRequest::kNickname: return Action::SetNickname;
    case proto::GroupActionRequest::kRemark: return Action::Remark;
    case proto::GroupActionRequest::kMentionPolicy: return Action::SetMentionPolicy;
    case proto::GroupActionRequest::ACTION_NOT_SET: break;
    }
    return Action::ViewGroup;
}

// Actions that depend on the group's state name the version they were
// decided on; one's own nickname and remark, and a join, do not.
bool versioned(Action action)
{
    return action != Action::Join && action != Action::SetNickname && action != Action::Remark;
}

ServiceError dissolvedError()
{
    return { proto::GONE, QStringLiteral("the group was dissolved") };
}

} // namespace

ServiceError GroupService::validateCreate(const proto::GroupCreateRequest &request)
{
    if (ServiceError e = checkClientId(request.client_id()))
        return e;
    if (ServiceError e
        = checkText(request.name(), limits::kMaxGroupNameChars, "a group name", false))
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
        return checkText(
            request.announce(), limits::kMaxAnnouncementChars, "an announcement", true);
    case proto::GroupActionRequest::kRename:
        return checkText(request.rename(), limits::kMaxGroupNameChars, "a group name", false);
    case proto::GroupActionRequest::kJoin:
        return checkText(request.join(), limits::kMaxJoinNoteChars, "a join note", true);
    case proto::GroupActionRequest::kNickname:
        return checkText(request.nickname(), limits::kMaxNicknameChars, "a nickname", true);
    case proto::GroupActionRequest::kRemark:
        return checkText(request.remark(), limits::kMaxRemarkChars, "a remark", true);
    case proto::GroupActionRequest::kMentionPolicy:
        if (!proto::MentionPolicy_IsValid(request.mention_policy()))
            return { proto::INVALID_ARGUMENT, QStringLiteral("unknown mention policy") };
        break;
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
    result.error = resolveUsers(storage, actor.userId, request.members(), &invited);
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
    // The owner and the members join at the event (seq 1): everybody's first line.
    const QList<MemberRow> none;
    QList<Named> everyone { { actor.userId, self->name } };
    everyone += invited;
    const quint64 seq = c.commit(change, self->name);
    c.addMembers(none, everyone, seq, &result.fanout);
    MemberRow owner = *storage.conversations().member(group.id, actor.userId);
    owner.role = int(MemberRole::Owner);
    storage.conversations().updateMember(owner);
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
    const auto myRequest = me ? std::nullopt : storage.joinRequests().get(group->id, actor.userId);
    const Role role = roleOf(me, myRequest && myRequest->state == JoinRequestRow::State::Pending);
    const auto kind = proto::ConversationKind(group->kind);
    const Action action = actionOf(request);
    if (request.action_case() == proto::GroupActionRequest::ACTION_NOT_SET) {
        result.error = { proto::INVALID_ARGUMENT, QStringLiteral("no action") };
        return result;
    }
    // Standing first (a stranger learns nothing about the group's state).
    if (permissions::rule(role, action, kind) == permissions::Rule::Deny) {
        result.error = permissions::check(role, action, kind);
        if (role == Role::Former && group->dissolved)
            result.error = dissolvedError();
        return result;
    }
    if (group->dissolved && action != Action::Remark) {
        result.error = dissolvedError();
        return result;
    }
    if (versioned(action) && request.base_version() != 0
        && request.base_version() != group->version) {
        result.error = { proto::STALE_VERSION,
            QStringLiteral("the group changed meanwhile (version %1, not %2)")
                .arg(group->version)
                .arg(request.base_version()) };
        return result;
    }

    // The member or applicant the action is aimed at.
    std::optional<MemberRow> target;
    std::optional<JoinRequestRow> applicant;
    QList<Named> invited;
    const auto targetByName = [&](const std::string &name) -> ServiceError {
        const auto id = storage.users().idByName(fromStd(name));
        target = id ? find(*id) : std::nullopt;
        if (!target || !target->isCurrent())
            return { proto::NOT_FOUND, QStringLiteral("%1 is not a member").arg(fromStd(name)) };
        return {};
    };
    const auto applicantByName = [&](const std::string &name, bool declining) -> ServiceError {
        const auto id = storage.users().idByName(fromStd(name));
        applicant = id ? storage.joinRequests().get(group->id, *id) : std::nullopt;
        const bool decidable = applicant
            && (applicant->state == JoinRequestRow::State::Pending
                || (declining && applicant->state == JoinRequestRow::State::Declined));
        if (!decidable)
            return { proto::NOT_FOUND,
                QStringLiteral("%1 has not asked to join").arg(fromStd(name)) };
        return {};
    };
    switch (request.action_case()) {
    case proto::GroupActionRequest::kKick: result.error = targetByName(request.kick()); break;
    case proto::GroupActionRequest::kTransfer:
        result.error = targetByName(request.transfer());
        break;
    case proto::GroupActionRequest::kSetRole:
        result.error = targetByName(request.set_role().user());
        break;
    case proto::GroupActionRequest::kInvite:
        result.error = resolveUsers(storage, actor.userId, request.invite().users(), &invited);
        break;
    case proto::GroupActionRequest::kApprove:
        result.error = applicantByName(request.approve(), false);
        break;
    case proto::GroupActionRequest::kDecline:
        result.error = applicantByName(request.decline(), true);
        break;
    default: break;
    }
    if (result.error)
        return result;
    Target t;
    t.openGroup = group->joinPolicy == proto::JOIN_OPEN;
    t.joinable = group->joinPolicy != proto::JOIN_INVITE;
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
        c.addMembers(members, invited, seq, &result.fanout);
        settleInvited(c, members, *me, invited, &result.fanout);
        break;
    }
    case proto::GroupActionRequest::kKick: {
        change.set_op(proto::GroupChange::OP_REMOVED);
        const quint64 seq = c.commit(change, me->userName);
        c.removeMember(*target, seq, false, &result.fanout);
        audience.removeOne(target->userId); // their feed tells them, once
        break;
    }
    case proto::GroupActionRequest::kLeave: {
        change.set_op(proto::GroupChange::OP_LEFT);
        const quint64 seq = c.commit(change, me->userName);
        c.removeMember(*me, seq, false, &result.fanout);
        audience.removeOne(actor.userId);
        break;
    }
    case proto::GroupActionRequest::kDissolve: {
        change.set_op(proto::GroupChange::OP_DISSOLVED);
        c.group.dissolved = true;
        const quint64 seq = c.commit(change, me->userName);
        for (const MemberRow &m : members)
            if (m.isCurrent())
                c.removeMember(m, seq, true, &result.fanout);
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
        c.group.announcement = fromStd(request.announce()).trimmed();
        change.set_text(c.group.announcement.toStdString());
        c.commit(change, me->userName);
        break;
    case proto::GroupActionRequest::kRename:
        change.set_op(proto::GroupChange::OP_RENAMED);
        c.group.name = fromStd(request.rename()).trimmed();
        change.set_text(c.group.name.toStdString());
        c.commit(change, me->userName);
        break;
    case proto::GroupActionRequest::kMentionPolicy:
        if (group->mentionPolicy == request.mention_policy()) {
            result.error = { proto::INVALID_ARGUMENT, QStringLiteral("already so") };
            return result;
        }
        change.set_op(proto::GroupChange::OP_MENTIONS);
        change.set_mentions(request.mention_policy());
        c.group.mentionPolicy = request.mention_policy();
        c.commit(change, me->userName);
        break;
    case proto::GroupActionRequest::kNickname: {
        MemberRow updated = *me;
        updated.nickname = fromStd(request.nickname()).trimmed();
        change.set_op(proto::GroupChange::OP_NICKNAME);
        change.set_text(updated.nickname.toStdString());
        c.commit(change, me->userName);
        conversations.updateMember(updated);
        break;
    }
    case proto::GroupActionRequest::kRemark: {
        MemberRow updated = *me;
        updated.remark = fromStd(request.remark()).trimmed();
        conversations.updateMember(updated);
        proto::FeedEntry entry;
        entry.mutable_remark()->set_conversation_id(group->id);
        entry.mutable_remark()->set_text(updated.remark.toStdString());
        c.feed(actor.userId, entry, &result.fanout);
        result.ack = ackWithoutEvent(clientId, group->id, group->version);
        return result;
    }
    case proto::GroupActionRequest::kJoin: {
        const auto self = storage.users().byId(actor.userId);
        if (!self)
            throw StorageError(QStringLiteral("user %1 does not exist").arg(actor.userId));
        if (group->joinPolicy == proto::JOIN_OPEN) {
            joinNow(c, members, self->name, maxMembers, &result);
            audience.append(actor.userId); // their other devices
        } else {
            askToJoin(
                c, members, self->name, fromStd(request.join()).trimmed(), maxMembers, &result);
        }
        if (result.error || c.event.seq == 0)
            return result;
        break;
    }
    case proto::GroupActionRequest::kApprove:
    case proto::GroupActionRequest::kDecline: {
        const bool approve = request.action_case() == proto::GroupActionRequest::kApprove;
        decide(c, members, *me, *applicant, approve, maxMembers, &result);
        if (result.error || !approve)
            return result;
        audience.append(applicant->userId);
        break;
    }
    case proto::GroupActionRequest::ACTION_NOT_SET: break;
    }
    result.ack = ackOf(c.event, c.group.version);
    if (!audience.isEmpty())
        result.fanout.notifies.append({ group->id, c.event.seq, audience, actor.deviceId });
    return result;
}

GroupInfoResult GroupService::info(Storage &storage, const PresenceView &presence,
    const Actor &actor, const proto::GroupInfoRequest &request, int maxMembers)
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
    const Role role = roleOf(me);
    result.error
        = permissions::check(role, Action::ViewGroup, proto::ConversationKind(group->kind));
    if (result.error) {
        if (me && group->dissolved)
            result.error = dissolvedError();
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
    info.set_remark(me->remark.toStdString());
    info.set_mention_policy(proto::MentionPolicy(group->mentionPolicy));
    if (permissions::rule(role, Action::ViewRequests, proto::GROUP) == permissions::Rule::Allow)
        info.set_pending_requests(quint32(storage.joinRequests().pendingCount(group->id)));
    // Who is online, of the current members who share presence, if the
    // asker shares theirs (reciprocal).
    QList<quint64> sharing;
    if (!me->presenceOff)
        for (const MemberRow &m : members)
            if (m.isCurrent() && !m.presenceOff)
                sharing.append(m.userId);
    const QSet<quint64> online = presence.onlineAmong(sharing);
    for (const MemberRow &m : members) {
        if (!m.isCurrent())
            continue;
        auto *gm = info.add_members();
        gm->set_user_id(m.userId);
        gm->set_user(m.userName.toStdString());
        gm->set_role(proto::GroupRole(m.role));
        gm->set_nickname(m.nickname.toStdString());
        gm->set_online(online.contains(m.userId));
    }
    info.set_online(quint32(online.size()));
    return result;
}

} // namespace natter::server
