// The permissions table, cell by cell: every role × action × conversation
// kind against the rules written out here once more, by hand.
#include "permissions/Permissions.h"

#include <QTest>

using namespace natter;
using namespace natter::server;
using namespace natter::server::permissions;

namespace {

// What each role may do with messages, in any kind of conversation.
Rule expected(Role role, Action action)
{
    if (role == Role::None)
        return Rule::Deny;
    if (action == Action::Replace || action == Action::Redact)
        return Rule::OwnOnly;
    return Rule::Allow;
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
        const Rule want = expected(r, a);
        QCOMPARE(rule(r, a, k), want);
        const ServiceError own = check(r, a, k, true);
        const ServiceError other = check(r, a, k, false);
        QCOMPARE(bool(own), want == Rule::Deny);
        QCOMPARE(bool(other), want != Rule::Allow);
        if (other) {
            QCOMPARE(other.code, proto::FORBIDDEN);
            QVERIFY(!other.message.isEmpty());
        }
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
