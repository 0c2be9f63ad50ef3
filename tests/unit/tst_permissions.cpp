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
    return int(a) <= int(Action::Redact);
}

// The rules of GROUPS.md and the issue, spelled out.
Rule expected(Role role, Action action, proto::ConversationKind kind)
{
    if (role == Role::None)
        return Rule::Deny; // a stranger does nothing
    if (role == Role::Former) // reads up to their removal, nothing else
        return action == Action::ReadHistory ? Rule::Allow : Rule::Deny;
    if (isMessageAction(action)) // every member alike; edits and recalls their own
        return action == Action::Replace || action == Action::Redact ? Rule::OwnOnly : Rule::Allow;
    if (kind == proto::DIRECT)
        return Rule::Deny; // nothing to manage
    switch (action) {
    case Action::ViewGroup: return Rule::Allow;
    case Action::Invite: return role == Role::Member ? Rule::IfOpen : Rule::Allow;
    case Action::Leave: return role == Role::Owner ? Rule::Deny : Rule::Allow; // transfer first
    case Action::Kick: return role == Role::Member ? Rule::Deny : Rule::OnLower;
    case Action::Announce:
    case Action::Rename: return role == Role::Member ? Rule::Deny : Rule::Allow;
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
        switch (want) {
        case Rule::Allow: QVERIFY(!own && !plain); break;
        case Rule::Deny:
            QVERIFY(own && plain);
            QCOMPARE(plain.code,
                r == Role::Former ? proto::GONE
                    : k == proto::DIRECT && !isMessageAction(a) && r != Role::None
                    ? proto::INVALID_ARGUMENT
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
