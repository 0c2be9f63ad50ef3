// The authorization matrix of tst_natterd_groups: the group operations it
// performs and the actor standings it performs them from, with what the
// permissions table (the one the server checks) expects of each cell.
#pragma once

#include "permissions/Permissions.h"

namespace natter::test {

namespace perm = natter::server::permissions;

// The operations of the matrix, each with what it needs of the fixture.
enum class Op {
    Pull,
    MarkRead,
    Send,
    Info,
    Invite,
    KickMember,
    KickAdmin,
    Leave,
    Dissolve,
    Transfer,
    Promote,
    Announce,
    Rename,
    Join,
    Requests,
    Approve,
    Decline,
    Nickname,
    Remark,
    Receipts,
    MentionAll,
    MentionPolicy,
};
inline constexpr Op kOps[] = { Op::Pull, Op::MarkRead, Op::Send, Op::Info, Op::Invite,
    Op::KickMember, Op::KickAdmin, Op::Leave, Op::Dissolve, Op::Transfer, Op::Promote, Op::Announce,
    Op::Rename, Op::Join, Op::Requests, Op::Approve, Op::Decline, Op::Nickname, Op::Remark,
    Op::Receipts, Op::MentionAll, Op::MentionPolicy };

inline const char *opName(Op op)
{
    switch (op) {
    case Op::Pull: return "pull";
    case Op::MarkRead: return "mark_read";
    case Op::Send: return "send";
    case Op::Info: return "info";
    case Op::Invite: return "invite";
    case Op::KickMember: return "kick a member";
    case Op::KickAdmin: return "kick an admin";
    case Op::Leave: return "leave";
    case Op::Dissolve: return "dissolve";
    case Op::Transfer: return "transfer";
    case Op::Promote: return "promote";
    case Op::Announce: return "announce";
    case Op::Rename: return "rename";
    case Op::Join: return "join";
    case Op::Requests: return "list requests";
    case Op::Approve: return "approve";
    case Op::Decline: return "decline";
    case Op::Nickname: return "nickname";
    case Op::Remark: return "remark";
    case Op::Receipts: return "receipts";
    case Op::MentionAll: return "@all";
    case Op::MentionPolicy: return "mention policy";
    }
    return "?";
}

// The actor standings of the matrix.
enum class Standing {
    Owner,
    Admin,
    Member,
    Stranger,
    Applicant,
    Removed,
    Left,
    Dissolved,
    RevokedDevice,
};
inline constexpr Standing kStandings[]
    = { Standing::Owner, Standing::Admin, Standing::Member, Standing::Stranger, Standing::Applicant,
          Standing::Removed, Standing::Left, Standing::Dissolved, Standing::RevokedDevice };

inline const char *standingName(Standing s)
{
    switch (s) {
    case Standing::Owner: return "owner";
    case Standing::Admin: return "admin";
    case Standing::Member: return "member";
    case Standing::Stranger: return "non-member";
    case Standing::Removed: return "removed member";
    case Standing::Left: return "member who left";
    case Standing::Dissolved: return "member of a dissolved group";
    case Standing::Applicant: return "pending applicant";
    case Standing::RevokedDevice: return "member on a revoked device";
    }
    return "?";
}

inline perm::Role roleOf(Standing s)
{
    switch (s) {
    case Standing::Owner: return perm::Role::Owner;
    case Standing::Admin: return perm::Role::Admin;
    case Standing::Member: return perm::Role::Member;
    case Standing::Stranger: return perm::Role::None;
    case Standing::Applicant: return perm::Role::Applicant;
    case Standing::RevokedDevice: return perm::Role::Member; // but signed out
    default: return perm::Role::Former;
    }
}

struct Expect
{
    perm::Action action;
    perm::Target target;
};

inline Expect expectationOf(Op op, Standing actor)
{
    perm::Target t;
    t.joinable = true; // the fixture's group is by approval
    switch (op) {
    case Op::Pull: return { perm::Action::ReadHistory, t };
    case Op::MarkRead: return { perm::Action::MarkRead, t };
    case Op::Send: return { perm::Action::Send, t };
    case Op::Info: return { perm::Action::ViewGroup, t };
    case Op::Invite: return { perm::Action::Invite, t }; // not an open group
    case Op::KickMember: t.role = perm::Role::Member; return { perm::Action::Kick, t };
    case Op::KickAdmin:
        t.role = perm::Role::Admin;
        t.self = actor == Standing::Admin; // the fixture's admin is the target
        return { perm::Action::Kick, t };
    case Op::Leave: return { perm::Action::Leave, t };
    case Op::Dissolve: return { perm::Action::Dissolve, t };
    case Op::Transfer: t.role = perm::Role::Member; return { perm::Action::Transfer, t };
    case Op::Promote: t.role = perm::Role::Member; return { perm::Action::SetRole, t };
    case Op::Announce: return { perm::Action::Announce, t };
    case Op::Rename: return { perm::Action::Rename, t };
    case Op::Join: return { perm::Action::Join, t };
    case Op::Requests: return { perm::Action::ViewRequests, t };
    case Op::Approve:
    case Op::Decline: return { perm::Action::Decide, t };
    case Op::Nickname: return { perm::Action::SetNickname, t };
    case Op::Remark: return { perm::Action::Remark, t };
    case Op::Receipts: return { perm::Action::ViewReceipts, t };
    case Op::MentionAll: return { perm::Action::MentionAll, t }; // the policy: admins only
    case Op::MentionPolicy: return { perm::Action::SetMentionPolicy, t };
    }
    return { perm::Action::ReadHistory, t };
}

} // namespace natter::test
