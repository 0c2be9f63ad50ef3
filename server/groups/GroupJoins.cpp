#include "groups/GroupJoins.h"

#include "permissions/Permissions.h"

namespace natter::server::groups {

namespace {

using permissions::MemberRole;

proto::FeedEntry requestEntry(const ConversationRow &group, const JoinRequestRow &request)
{
    proto::FeedEntry entry;
    auto *r = entry.mutable_join_request();
    r->set_conversation_id(group.id);
    setMember(r->mutable_user(), request.userId, request.userName);
    r->set_note(request.note.toStdString());
    r->set_time_ms(request.timeMs);
    r->set_title(group.name.toStdString());
    return entry;
}

proto::FeedEntry decisionEntry(quint64 groupId, const JoinRequestRow &request, const MemberRow &by)
{
    proto::FeedEntry entry;
    auto *d = entry.mutable_join_decision();
    d->set_conversation_id(groupId);
    setMember(d->mutable_user(), request.userId, request.userName);
    d->set_approved(request.state == JoinRequestRow::State::Approved);
    setMember(d->mutable_by(), by.userId, by.userName);
    return entry;
}

// The applicant and every decider hear of a request or its decision.
void tellApplicantAndDeciders(Change &c, const QList<MemberRow> &members, quint64 applicantId,
    const proto::FeedEntry &entry, Fanout *fanout)
{
    c.feed(applicantId, entry, fanout);
    for (quint64 id : deciders(members))
        if (id != applicantId)
            c.feed(id, entry, fanout);
}

// Writes the OP_JOINED event for `user` and makes them a member.
void admit(Change &c, const QList<MemberRow> &members, const Named &user, const QString &actorName,
    Fanout *fanout)
{
    proto::GroupChange change;
    change.set_op(proto::GroupChange::OP_JOINED);
    setMember(change.add_targets(), user.id, user.name);
    const quint64 seq = c.commit(change, actorName);
    c.addMembers(members, { user }, seq, fanout);
}

} // namespace

QList<quint64> deciders(const QList<MemberRow> &members)
{
    QList<quint64> ids;
    for (const MemberRow &m : members)
        if (m.isCurrent() && m.role >= int(MemberRole::Admin))
            ids.append(m.userId);
    return ids;
}

void joinNow(Change &c, const QList<MemberRow> &members, const QString &actorName, int maxMembers,
    GroupResult *result)
{
    if (currentCount(members) + 1 > maxMembers) {
        result->error = groupFull(maxMembers);
        return;
    }
    admit(c, members, { c.actor.userId, actorName }, actorName, &result->fanout);
}

void askToJoin(Change &c, const QList<MemberRow> &members, const QString &actorName,
    const QString &note, int maxMembers, GroupResult *result)
{
    if (currentCount(members) + 1 > maxMembers) {
        result->error = groupFull(maxMembers); // checked again at the approval
        return;
    }
    const JoinRequestRow request { c.group.id, c.actor.userId, actorName, note, c.nowMs,
        JoinRequestRow::State::Pending, 0, 0 };
    c.storage.joinRequests().put(request);
    tellApplicantAndDeciders(
        c, members, c.actor.userId, requestEntry(c.group, request), &result->fanout);
    result->ack = ackWithoutEvent(c.clientId, c.group.id, c.group.version);
}

void decide(Change &c, const QList<MemberRow> &members, const MemberRow &me, JoinRequestRow request,
    bool approve, int maxMembers, GroupResult *result)
{
    if (!approve && request.state == JoinRequestRow::State::Declined) {
        // Declined already (a retry, or another admin was first): nothing to write.
        result->ack = ackWithoutEvent(c.clientId, c.group.id, c.group.version);
        return;
    }
    if (approve) {
        if (currentCount(members) + 1 > maxMembers) {
            result->error = groupFull(maxMembers);
            return;
        }
        admit(c, members, { request.userId, request.userName }, me.userName, &result->fanout);
    }
    request.state = approve ? JoinRequestRow::State::Approved : JoinRequestRow::State::Declined;
    request.decidedBy = me.userId;
    request.decidedMs = c.nowMs;
    c.storage.joinRequests().put(request);
    tellApplicantAndDeciders(
        c, members, request.userId, decisionEntry(c.group.id, request, me), &result->fanout);
    if (!approve)
        result->ack = ackWithoutEvent(c.clientId, c.group.id, c.group.version);
}

void settleInvited(Change &c, const QList<MemberRow> &members, const MemberRow &me,
    const QList<Named> &invited, Fanout *fanout)
{
    JoinRequestStore &requests = c.storage.joinRequests();
    for (const Named &u : invited) {
        auto request = requests.get(c.group.id, u.id);
        if (!request || request->state != JoinRequestRow::State::Pending)
            continue;
        request->state = JoinRequestRow::State::Approved;
        request->decidedBy = me.userId;
        request->decidedMs = c.nowMs;
        requests.put(*request);
        tellApplicantAndDeciders(c, members, u.id, decisionEntry(c.group.id, *request, me), fanout);
    }
}

} // namespace natter::server::groups

namespace natter::server {

using namespace groups;

ServiceError GroupService::validateSearch(const proto::GroupSearchRequest &request)
{
    return checkText(request.query(), limits::kMaxSearchQueryChars, "a search", false);
}

GroupSearchResult GroupService::search(
    Storage &storage, const Actor &actor, const proto::GroupSearchRequest &request)
{
    GroupSearchResult result;
    const quint32 limit = request.limit() == 0
        ? limits::kDefaultSearchResults
        : std::min(request.limit(), limits::kMaxSearchResults);
    const QList<GroupSummaryRow> rows = storage.conversations().searchGroups(
        proto::GROUP, fromStd(request.query()).trimmed(), proto::JOIN_INVITE, int(limit));
    for (const GroupSummaryRow &row : rows) {
        auto *g = result.response.add_groups();
        g->set_conversation_id(row.id);
        g->set_name(row.name.toStdString());
        g->set_join(proto::JoinPolicy(row.joinPolicy));
        g->set_members(quint32(row.members));
        const auto me = storage.conversations().member(row.id, actor.userId);
        g->set_member(me && me->isCurrent());
    }
    return result;
}

GroupRequestsResult GroupService::requests(
    Storage &storage, const Actor &actor, const proto::GroupRequestsRequest &request)
{
    GroupRequestsResult result;
    const auto group = storage.conversations().byId(request.conversation_id());
    if (!group || group->kind != proto::GROUP) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such group") };
        return result;
    }
    const auto me = storage.conversations().member(group->id, actor.userId);
    result.error = permissions::check(
        permissions::roleOf(me), permissions::Action::ViewRequests, proto::GROUP);
    if (result.error)
        return result;
    for (const JoinRequestRow &r : storage.joinRequests().pending(group->id)) {
        auto *out = result.response.add_requests();
        out->set_conversation_id(group->id);
        setMember(out->mutable_user(), r.userId, r.userName);
        out->set_note(r.note.toStdString());
        out->set_time_ms(r.timeMs);
        out->set_title(group->name.toStdString());
    }
    return result;
}

} // namespace natter::server
