// Permissions: the one place that says who may do what in a conversation —
// the actor's standing there (role) × the action × the conversation's kind.
// Every service asks check() before it acts, and the authorization test
// walks the same table cell by cell. Pure functions; any thread.
#pragma once

#include "common/ServiceError.h"

namespace natter::server::permissions {

// How members.role is stored.
enum class MemberRole : int { Member = 0, Admin = 1, Owner = 2 };

// The actor's standing in the conversation.
enum class Role {
    None, // not a member, never was
    Member,
    Admin,
    Owner,
};
constexpr int kRoleCount = 4;

enum class Action {
    ReadHistory, // pull events, see heads
    MarkRead,
    Send, // a plain message
    Reply, // a message that quotes another
    Annotate, // react to a message
    Replace, // edit a message
    Redact, // recall a message
};
constexpr int kActionCount = 7;

enum class Rule {
    Deny,
    Allow,
    OwnOnly, // allowed on the actor's own events only
};

Role roleFromColumn(int role); // a member's stored role
Rule rule(Role role, Action action, proto::ConversationKind kind);
// The refusal, if any. ownTarget: the action's target event is the actor's
// (for OwnOnly rules; ignored otherwise).
ServiceError check(Role role, Action action, proto::ConversationKind kind, bool ownTarget = false);
// What a send with this relation does.
Action actionFor(proto::RelationType relation);

const char *roleName(Role role);
const char *actionName(Action action);

} // namespace natter::server::permissions
