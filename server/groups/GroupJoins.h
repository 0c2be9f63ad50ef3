// GroupJoins (inside groups/ only): joining a group — at once when it is
// open, by a request that the owner or an admin approves or declines when
// it is by approval — and settling requests when an applicant is invited.
// Requests and decisions travel on the feeds of the applicant and of the
// group's owner and admins, so every device of each converges.
#pragma once

#include "groups/GroupChange.h"
#include "groups/GroupService.h"

namespace natter::server::groups {

// The members who decide join requests (owner and admins), by user id.
QList<quint64> deciders(const QList<MemberRow> &members);

// The actor joins the open group at once (GROUP_FULL at the limit).
void joinNow(Change &c, const QList<MemberRow> &members, const QString &actorName, int maxMembers,
    GroupResult *result);
// The actor asks to join (or asks again, with a new note).
void askToJoin(Change &c, const QList<MemberRow> &members, const QString &actorName,
    const QString &note, int maxMembers, GroupResult *result);
// The actor (owner or admin) approves or declines the request.
void decide(Change &c, const QList<MemberRow> &members, const MemberRow &me, JoinRequestRow request,
    bool approve, int maxMembers, GroupResult *result);
// Users just invited whose requests were pending: approved by the inviter.
void settleInvited(Change &c, const QList<MemberRow> &members, const MemberRow &me,
    const QList<Named> &invited, Fanout *fanout);

} // namespace natter::server::groups
