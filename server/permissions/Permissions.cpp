#include "permissions/Permissions.h"

namespace natter::server::permissions {

namespace {

constexpr Rule A = Rule::Allow;
constexpr Rule D = Rule::Deny;
constexpr Rule O = Rule::OwnOnly;
constexpr Rule L = Rule::OnLower;
constexpr Rule F = Rule::IfOpen;
constexpr Rule J = Rule::IfJoinable;
constexpr Rule M = Rule::IfMembersMayAll;

// [role][action], in the enums' order.
//                    Read Mark Send Reply Annot Repl Redact Receipts
//                    View Invite Kick Leave Dissolve Transfer SetRole Announce Rename
//                    Join ViewRequests Decide SetNickname Remark MentionAll SetMentionPolicy
constexpr Rule kGroupRules[kRoleCount][kActionCount] = {
    /* None      */ {
        D, D, D, D, D, D, D, D, /**/ D, D, D, D, D, D, D, D, D, /**/ J, D, D, D, D, D, D },
    /* Applicant */
    { D, D, D, D, D, D, D, D, /**/ D, D, D, D, D, D, D, D, D, /**/ J, D, D, D, D, D, D },
    /* Former    */
    { A, D, D, D, D, D, D, D, /**/ D, D, D, D, D, D, D, D, D, /**/ J, D, D, D, A, D, D },
    /* Member    */
    { A, A, A, A, A, O, O, A, /**/ A, F, D, A, D, D, D, D, D, /**/ D, D, D, A, A, M, D },
    /* Admin     */
    { A, A, A, A, A, O, O, A, /**/ A, A, L, A, D, D, D, A, A, /**/ D, A, A, A, A, A, A },
    /* Owner     */
    { A, A, A, A, A, O, O, A, /**/ A, A, L, D, A, L, L, A, A, /**/ D, A, A, A, A, A, A },
};

// A direct conversation: the message rules of a group; nothing to manage.
constexpr bool isGroupAction(Action action)
{
    return int(action) >= int(Action::ViewGroup);
}

ServiceError forbidden(const QString &message)
{
    return { proto::FORBIDDEN, message };
}

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

Role roleOf(const std::optional<MemberRow> &member)
{
    if (!member)
        return Role::None;
    return member->isCurrent() ? roleFromColumn(member->role) : Role::Former;
}

Role roleOf(const std::optional<MemberRow> &member, bool pendingRequest)
{
    if (!member && pendingRequest)
        return Role::Applicant;
    return roleOf(member);
}

Rule rule(Role role, Action action, proto::ConversationKind kind)
{
    if (kind == proto::DIRECT)
        return isGroupAction(action) ? Rule::Deny : kGroupRules[int(role)][int(action)];
    if (kind == proto::GROUP)
        return kGroupRules[int(role)][int(action)];
    return Rule::Deny;
}

ServiceError check(Role role, Action action, proto::ConversationKind kind, const Target &target)
{
    switch (rule(role, action, kind)) {
    case Rule::Allow: return {};
    case Rule::OwnOnly:
        if (target.own)
            return {};
        return forbidden(
            QStringLiteral("only the sender may %1 a message")
                .arg(action == Action::Redact ? QStringLiteral("recall") : QStringLiteral("edit")));
    case Rule::OnLower:
        if (target.self)
            return forbidden(
                QStringLiteral("you cannot %1 yourself").arg(QLatin1String(actionName(action))));
        if (int(target.role) < int(role))
            return {};
        return forbidden(QStringLiteral("a %1 may not %2 a %3")
                             .arg(QLatin1String(roleName(role)), QLatin1String(actionName(action)),
                                 QLatin1String(roleName(target.role))));
    case Rule::IfOpen:
        if (target.openGroup)
            return {};
        return forbidden(QStringLiteral("only admins may %1 in this group")
                             .arg(QLatin1String(actionName(action))));
    case Rule::IfJoinable:
        if (target.joinable)
            return {};
        return forbidden(QStringLiteral("this group is invite-only"));
    case Rule::IfMembersMayAll:
        if (target.membersMayAll)
            return {};
        return forbidden(QStringLiteral("only admins may @all in this group"));
    case Rule::Deny: break;
    }
    if (action == Action::Join && int(role) >= int(Role::Member))
        return { proto::INVALID_ARGUMENT, QStringLiteral("already a member") };
    if (role == Role::Applicant)
        return forbidden(QStringLiteral("not a member (your request to join is pending)"));
    if (role == Role::None)
        return forbidden(QStringLiteral("not a member"));
    if (role == Role::Former)
        return { proto::GONE, QStringLiteral("no longer a member of this group") };
    if (kind == proto::DIRECT && isGroupAction(action))
        return { proto::INVALID_ARGUMENT, QStringLiteral("not a group") };
    if (role == Role::Owner && action == Action::Leave)
        return forbidden(
            QStringLiteral("the owner hands the group over (transfer) before leaving"));
    return forbidden(QStringLiteral("a %1 may not %2 here")
                         .arg(QLatin1String(roleName(role)), QLatin1String(actionName(action))));
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
    case Role::Applicant: return "applicant";
    case Role::Former: return "former member";
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
    case Action::ViewReceipts: return "see read receipts";
    case Action::ViewGroup: return "view the group";
    case Action::Invite: return "invite";
    case Action::Kick: return "remove";
    case Action::Leave: return "leave";
    case Action::Dissolve: return "dissolve the group";
    case Action::Transfer: return "hand the ownership to";
    case Action::SetRole: return "change the role of";
    case Action::Announce: return "change the announcement";
    case Action::Rename: return "rename the group";
    case Action::Join: return "join";
    case Action::ViewRequests: return "see the join requests";
    case Action::Decide: return "decide a join request";
    case Action::SetNickname: return "set a nickname";
    case Action::Remark: return "keep a remark";
    case Action::MentionAll: return "mention everyone";
    case Action::SetMentionPolicy: return "choose who may mention everyone";
    }
    return "?";
}

ServiceError checkDirect(const DirectGate &gate)
{
    if (gate.recipientBlocked)
        return { proto::FORBIDDEN, QStringLiteral("you blocked this user: unblock them to write") };
    if (gate.senderBlocked || (gate.recipientPolicy == proto::MESSAGES_FRIENDS && !gate.friends))
        return { proto::FORBIDDEN, QStringLiteral("this user does not accept your messages") };
    return {};
}

} // namespace natter::server::permissions
