#include "permissions/Permissions.h"

namespace natter::server::permissions {

namespace {

constexpr Rule A = Rule::Allow;
constexpr Rule D = Rule::Deny;
constexpr Rule O = Rule::OwnOnly;

// [role][action], in the enums' order. Direct and group conversations share
// these rules so far; the group management actions come with groups.
//                                  Read Mark Send Reply Annot Repl Redact
constexpr Rule kMessageRules[kRoleCount][kActionCount] = {
    /* None   */ { D, D, D, D, D, D, D },
    /* Member */ { A, A, A, A, A, O, O },
    /* Admin  */ { A, A, A, A, A, O, O },
    /* Owner  */ { A, A, A, A, A, O, O },
};

} // namespace

Role roleFromColumn(int role)
{
    switch (MemberRole(role)) {
    case MemberRole::Owner: return Role::Owner;
    case MemberRole::Admin: return Role::Admin;
    case MemberRole::Member: return Role::Member;
    }
    return Role::Member; // an unknown stored role has no privileges
}

Rule rule(Role role, Action action, proto::ConversationKind kind)
{
    if (kind != proto::DIRECT && kind != proto::GROUP)
        return Rule::Deny;
    return kMessageRules[int(role)][int(action)];
}

ServiceError check(Role role, Action action, proto::ConversationKind kind, bool ownTarget)
{
    switch (rule(role, action, kind)) {
    case Rule::Allow: return {};
    case Rule::OwnOnly:
        if (ownTarget)
            return {};
        return { proto::FORBIDDEN,
            QStringLiteral("only the sender may %1 a message")
                .arg(
                    action == Action::Redact ? QStringLiteral("recall") : QStringLiteral("edit")) };
    case Rule::Deny: break;
    }
    if (role == Role::None)
        return { proto::FORBIDDEN, QStringLiteral("not a member") };
    return { proto::FORBIDDEN,
        QStringLiteral("a %1 may not %2 here")
            .arg(QLatin1String(roleName(role)), QLatin1String(actionName(action))) };
}

Action actionFor(proto::RelationType relation)
{
    switch (relation) {
    case proto::RELATION_REPLY: return Action::Reply;
    case proto::RELATION_ANNOTATE: return Action::Annotate;
    case proto::RELATION_REPLACE: return Action::Replace;
    case proto::RELATION_REDACT: return Action::Redact;
    default: return Action::Send;
    }
}

const char *roleName(Role role)
{
    switch (role) {
    case Role::None: return "non-member";
    case Role::Member: return "member";
    case Role::Admin: return "admin";
    case Role::Owner: return "owner";
    }
    return "?";
}

const char *actionName(Action action)
{
    switch (action) {
    case Action::ReadHistory: return "read the history";
    case Action::MarkRead: return "mark read";
    case Action::Send: return "send";
    case Action::Reply: return "reply";
    case Action::Annotate: return "react";
    case Action::Replace: return "edit";
    case Action::Redact: return "recall";
    }
    return "?";
}

} // namespace natter::server::permissions
