// The permissions table, cell by cell: every role × action × conversation
// kind against the rules written out here once more, by hand and in words
// (not as a table), and every rule's refusal for each kind of target.
#include "permissions/Permissions.h"

#include <QTest>

using namespace natter;
using namespace natter::server;
using namespace natter::server::permissions;

namespace {

bool isMessageAction(Action a)
{
    return int(a) <= int(Action::ViewReceipts);
}

// The rules of GROUPS.md and the issue, spelled out.
Rule expected(Role role, Action action, proto::ConversationKind kind)
{
    if (kind == proto::DIRECT && !isMessageAction(action))
        return Rule::Deny; // nothing to manage, nobody to join
    // Who is not in the group may ask to join it (unless it is invite-only),
    // again while asking; nothing else.
    if (role == Role::None || role == Role::Applicant)
        return action == Action::Join ? Rule::IfJoinable : Rule::Deny;
    // A former member reads up to their removal, may join again, and keeps
    // their own private remark on the group.
    if (role == Role::Former) {
        if (action == Action::Join)
            return Rule::IfJoinable;
        return action == Action::ReadHistory || action == Action::Remark ? Rule::Allow : Rule::Deny;
    }
    if (isMessageAction(action)) // every member alike; edits and recalls their own
        return action == Action::Replace || action == Action::Redact ? Rule::OwnOnly : Rule::Allow;
    switch (action) {
    case Action::Join: return Rule::Deny; // already in it
    case Action::ViewRequests:
    case Action::Decide: return role == Role::Member ? Rule::Deny : Rule::Allow;
    case Action::SetNickname:
    case Action::Remark: return Rule::Allow; // their own
    case Action::ViewGroup: return Rule::Allow;
    case Action::Invite: return role == Role::Member ? Rule::IfOpen : Rule::Allow;
    case Action::Leave: return role == Role::Owner ? Rule::Deny : Rule::Allow; // transfer first
    case Action::Kick: return role == Role::Member ? Rule::Deny : Rule::OnLower;
    case Action::Announce:
    case Action::Rename:
    case Action::SetMentionPolicy: return role == Role::Member ? Rule::Deny : Rule::Allow;
    // @all: admins, and members where the group allows it while small.
    case Action::MentionAll: return role == Role::Member ? Rule::IfMembersMayAll : Rule::Allow;
    case Action::Dissolve: return role == Role::Owner ? Rule::Allow : Rule::Deny;
    case Action::Transfer:
    case Action::SetRole: return role == Role::Owner ? Rule::OnLower : Rule::Deny;
    default: break;
    }
    return Rule::Deny;
}

} // namespace

class TestPermissions : public QObject
{
    Q_OBJECT
private slots:
    void everyCell_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("kind");
        for (int r = 0; r < kRoleCount; ++r)
            for (int a = 0; a < kActionCount; ++a)
                for (int k : { int(proto::DIRECT), int(proto::GROUP) })
                    QTest::addRow("%s / %s / %s", roleName(Role(r)), actionName(Action(a)),
                        k == proto::DIRECT ? "direct" : "group")
                        << r << a << k;
    }
    void everyCell()
    {
        QFETCH(int, role);
        QFETCH(int, action);
        QFETCH(int, kind);
        const Role r = Role(role);
        const Action a = Action(action);
        const auto k = proto::ConversationKind(kind);
        const Rule want = expected(r, a, k);
        QCOMPARE(rule(r, a, k), want);

        // Each rule against the targets that make it allow or refuse.
        const ServiceError own = check(r, a, k, Target { true });
        const ServiceError plain = check(r, a, k, Target {});
        Target lower;
        lower.role = Role::Member;
        Target same;
        same.role = r;
        Target self;
        self.self = true;
        self.role = Role::Member;
        Target open;
        open.openGroup = true;
        Target joinable;
        joinable.joinable = true;
        Target mayAll;
        mayAll.membersMayAll = true;
        switch (want) {
        case Rule::Allow: QVERIFY(!own && !plain); break;
        case Rule::Deny:
            QVERIFY(own && plain);
            QCOMPARE(plain.code,
                r == Role::Former                               ? proto::GONE
                    : r == Role::None || r == Role::Applicant   ? proto::FORBIDDEN
                    : a == Action::Join                         ? proto::INVALID_ARGUMENT
                    : k == proto::DIRECT && !isMessageAction(a) ? proto::INVALID_ARGUMENT
                                                                : proto::FORBIDDEN);
            break;
        case Rule::OwnOnly:
            QVERIFY(!own);
            QVERIFY(plain);
            QCOMPARE(plain.code, proto::FORBIDDEN);
            break;
        case Rule::OnLower:
            QCOMPARE(bool(check(r, a, k, lower)), int(r) <= int(Role::Member));
            QVERIFY(check(r, a, k, same)); // admins cannot act on admins
            QVERIFY(check(r, a, k, self)); // nor anyone on themselves
            QCOMPARE(check(r, a, k, self).code, proto::FORBIDDEN);
            break;
        case Rule::IfOpen:
            QVERIFY(!check(r, a, k, open));
            QVERIFY(plain);
            QCOMPARE(plain.code, proto::FORBIDDEN);
            break;
        case Rule::IfJoinable:
            QVERIFY(!check(r, a, k, joinable));
            QVERIFY(plain); // invite-only
            QCOMPARE(plain.code, proto::FORBIDDEN);
            break;
        case Rule::IfMembersMayAll:
            QVERIFY(!check(r, a, k, mayAll));
            QVERIFY(plain); // admins only, or a big group
            QCOMPARE(plain.code, proto::FORBIDDEN);
            break;
        }
        if (plain)
            QVERIFY(!plain.message.isEmpty());
    }
    void nobodyRaisesTheirOwnRole()
    {
        for (int r = 0; r < kRoleCount; ++r) {
            Target self;
            self.self = true;
            self.role = Role(r);
            QVERIFY(check(Role(r), Action::SetRole, proto::GROUP, self));
            QVERIFY(check(Role(r), Action::Transfer, proto::GROUP, self));
            QVERIFY(check(Role(r), Action::Kick, proto::GROUP, self));
        }
        Target owner;
        owner.role = Role::Owner;
        QVERIFY(check(Role::Admin, Action::Kick, proto::GROUP, owner));
    }
    void unknownConversationKindsAreClosed()
    {
        for (int a = 0; a < kActionCount; ++a)
            QCOMPARE(rule(Role::Owner, Action(a), proto::CONVERSATION_UNKNOWN), Rule::Deny);
    }
    void storedRoles()
    {
        QCOMPARE(roleFromColumn(int(MemberRole::Member)), Role::Member);
        QCOMPARE(roleFromColumn(int(MemberRole::Admin)), Role::Admin);
        QCOMPARE(roleFromColumn(int(MemberRole::Owner)), Role::Owner);
        QCOMPARE(roleFromColumn(42), Role::Member); // no privileges from garbage
        // Asking to join makes a stranger an applicant, never a member; a
        // former member who asks again stays a former member (who reads).
        QCOMPARE(roleOf(std::nullopt, true), Role::Applicant);
        QCOMPARE(roleOf(std::nullopt, false), Role::None);
        QCOMPARE(
            roleOf(MemberRow { 1, 2, {}, int(MemberRole::Member), 1, 0, 9 }, true), Role::Former);
        QCOMPARE(roleOf(std::nullopt), Role::None);
        QCOMPARE(roleOf(MemberRow { 1, 2, {}, int(MemberRole::Owner), 1, 0, 9 }), Role::Former);
        QCOMPARE(roleOf(MemberRow { 1, 2, {}, int(MemberRole::Admin), 1, 0, 0 }), Role::Admin);
    }
    void relationsMapToActions()
    {
        QCOMPARE(actionFor(proto::RELATION_NONE), Action::Send);
        QCOMPARE(actionFor(proto::RELATION_REPLY), Action::Reply);
        QCOMPARE(actionFor(proto::RELATION_ANNOTATE), Action::Annotate);
        QCOMPARE(actionFor(proto::RELATION_REPLACE), Action::Replace);
        QCOMPARE(actionFor(proto::RELATION_REDACT), Action::Redact);
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
