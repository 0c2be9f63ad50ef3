// What the client store keeps of people: relations as whole snapshots from
// the feed (a request, then friends, a friend's new display name), one that
// is over forgotten unless it holds a block or a fresh decline, the list by
// name and the count of requests waiting; the wire's Contact mapped field by
// field (an unknown state is "none"); and the privacy settings and own
// profile kept as a whole.
#include "natter.pb.h"
#include "people/PeopleRequests.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace natter;

namespace {

ContactRow row(quint64 id, const char *name, ContactState state)
{
    ContactRow r;
    r.userId = id;
    r.name = QString::fromLatin1(name);
    r.state = state;
    r.sinceMs = 1700000000000;
    return r;
}

} // namespace

class TestContacts : public QObject
{
    Q_OBJECT
private slots:
    void relationsAsSnapshots()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        Contacts &c = store.contacts();
        c.upsert(row(3, "carol", ContactState::Incoming));
        c.upsert(row(2, "bob", ContactState::Outgoing));
        QCOMPARE(c.incomingCount(), 1);
        ContactRow bob = row(2, "bob", ContactState::Friend);
        bob.displayName = QStringLiteral("Bob B");
        bob.status = QStringLiteral("away");
        c.upsert(bob);
        auto all = c.list();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].name, QStringLiteral("bob")); // by name
        QCOMPARE(all[0].state, ContactState::Friend);
        QCOMPARE(all[0].displayName, QStringLiteral("Bob B"));
        QCOMPARE(all[0].status, QStringLiteral("away"));
        QCOMPARE(all[0].sinceMs, qint64(1700000000000));

        // Over: forgotten. Blocked or declined: kept.
        c.upsert(row(3, "carol", ContactState::None));
        QCOMPARE(c.incomingCount(), 0);
        QCOMPARE(c.list().size(), 1);
        ContactRow dave = row(4, "dave", ContactState::None);
        dave.blocked = true;
        c.upsert(dave);
        ContactRow erin = row(5, "erin", ContactState::None);
        erin.declined = true;
        c.upsert(erin);
        all = c.list();
        QCOMPARE(all.size(), 3);
        QVERIFY(all[1].blocked);
        QVERIFY(all[2].declined);
        dave.blocked = false;
        c.upsert(dave);
        QCOMPARE(c.list().size(), 2);
    }

    void wireContactMapped()
    {
        proto::Contact w;
        w.mutable_user()->set_user_id(7);
        w.mutable_user()->set_user("gina");
        w.set_state(proto::CONTACT_INCOMING);
        w.set_note("hi");
        w.set_display_name("Gina");
        w.set_status("here");
        w.set_since_ms(42);
        w.set_blocked(true);
        ContactRow r = PeopleRequests::contactRow(w);
        QCOMPARE(r.userId, quint64(7));
        QCOMPARE(r.name, QStringLiteral("gina"));
        QCOMPARE(r.state, ContactState::Incoming);
        QCOMPARE(r.note, QStringLiteral("hi"));
        QCOMPARE(r.displayName, QStringLiteral("Gina"));
        QCOMPARE(r.status, QStringLiteral("here"));
        QCOMPARE(r.sinceMs, qint64(42));
        QVERIFY(r.blocked);
        w.set_state(proto::ContactState(9)); // a newer server's state
        QCOMPARE(PeopleRequests::contactRow(w).state, ContactState::None);
        QCOMPARE(PeopleRequests::stateName(ContactState::Outgoing), QStringLiteral("outgoing"));
        PeopleRequests::Action a {};
        QVERIFY(PeopleRequests::parseAction(QStringLiteral("unblock"), &a));
        QCOMPARE(a, PeopleRequests::Action::Unblock);
        QVERIFY(!PeopleRequests::parseAction(QStringLiteral("befriend"), &a));
    }

    void settingsAndProfileKeptWhole()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        AccountState &s = store.accountState();
        QVERIFY(!s.settings().presenceOff && !s.receiptsOff());
        s.setSettings({ true, false, true, true });
        const PrivacySettings got = s.settings();
        QVERIFY(got.receiptsOff && !got.presenceOff && got.unsearchable && got.friendsOnly);
        QVERIFY(s.receiptsOff());
        s.setProfile({ QStringLiteral("Alice A"), QStringLiteral("busy") });
        QCOMPARE(s.profile().displayName, QStringLiteral("Alice A"));
        QCOMPARE(s.profile().status, QStringLiteral("busy"));
        s.setProfile({ QStringLiteral("Alice A"), {} });
        QVERIFY(s.profile().status.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestContacts)
#include "tst_contacts.moc"
