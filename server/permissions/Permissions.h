// Permissions: the one place that says who may do what in a conversation —
// the actor's standing there (role) × the action × the conversation's kind.
// Every service asks check() before it acts, and the authorization tests
// (the unit table test and the matrix against a running natterd) walk the
// same table cell by cell. Pure functions; any thread.
#pragma once

#include "common/ServiceError.h"
#include "storage/Rows.h"

#include <optional>

namespace natter::server::permissions {

// How members.role is stored (the values of proto::GroupRole).
enum class MemberRole : int { Member = 0, Admin = 1, Owner = 2 };

// The actor's standing in the conversation, lowest first.
enum class Role {
    None, // not a member, never was
    Applicant, // not a member, never was, and asked to join (a group by approval)
    Former, // left, was removed, or the group was dissolved: reads up to then
    Member,
    Admin,
    Owner,
};
constexpr int kRoleCount = 6;

enum class Action {
    ReadHistory, // pull events, see heads (a former member: up to their removal)
    MarkRead,
    Send, // a plain message
    Reply, // a message that quotes another
    Annotate, // react to a message
    Replace, // edit a message
    Redact, // recall a message
    ViewReceipts, // who read one's messages (current members only)
    // Groups only.
    ViewGroup, // the group's info and member list
    Invite,
    Kick,
    Leave,
    Dissolve,
    Transfer, // hand the ownership to another member
    SetRole, // make a member an admin, or an admin a member
    Announce,
    Rename,
    Join, // join an open group, or ask to join one by approval
    ViewRequests, // the pending join requests
    Decide, // approve or decline a join request
    SetNickname, // one's own nickname in the group
    Remark, // one's private note on the group
    MentionAll, // @all in a message
    SetMentionPolicy, // choose who may @all
};
constexpr int kActionCount = 24;

enum class Rule {
    Deny,
    Allow,
    OwnOnly, // allowed on the actor's own events only
    OnLower, // on another member whose role is below the actor's
    IfOpen, // allowed when the group's join policy is open
    IfJoinable, // allowed when the group is open or by approval (not invite-only)
    IfMembersMayAll, // allowed when the group lets every member @all (and is small)
};

// What the action is aimed at, where the rule needs it.
struct Target
{
    bool own = false; // OwnOnly: the target event is the actor's
    Role role = Role::None; // OnLower: the target member's role
    bool self = false; // OnLower: the target is the actor
    bool openGroup = false; // IfOpen: the group's join policy is open
    bool joinable = false; // IfJoinable: open or by approval
    bool membersMayAll = false; // IfMembersMayAll: the policy allows it and the group is small
};

Role roleFromColumn(int role); // a current member's stored role
// A user's standing from their member row (none when there is no row).
Role roleOf(const std::optional<MemberRow> &member);
// The same, where a user without a member row may have asked to join.
Role roleOf(const std::optional<MemberRow> &member, bool pendingRequest);
Rule rule(Role role, Action action, proto::ConversationKind kind);
// The refusal, if any: FORBIDDEN, or GONE for a former member.
ServiceError check(
    Role role, Action action, proto::ConversationKind kind, const Target &target = {});
// What a send with this relation does.
Action actionFor(proto::RelationType relation);
// Whether a user may write in a direct chat, beside the table: not when
// either side blocked the other, nor to someone who takes messages from
// friends only unless they are friends. The refusal does not say which
// (FORBIDDEN).
ServiceError checkDirect(const DirectGate &gate);

const char *roleName(Role role);
const char *actionName(Action action);

} // namespace natter::server::permissions
