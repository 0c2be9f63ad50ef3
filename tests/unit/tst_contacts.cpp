// What the client store keeps of people: relations as whole snapshots from
// the feed (a request, then friends, a friend's new display name), one that
// is over forgotten unless it holds a block or a fresh decline, the list by
// name and the count of requests waiting; the wire's Contact mapped field by
// field (an unknown state is "none"); the privacy settings and own profile
// kept as a whole; and changes queued in the outbox: checked first (a bad
// name, oneself, a long note or name, a control character), a settings
// change saved at once for the settings it names only, the queued request
// as it will be sent.
#include "natter.pb.h"
#include "people/PeopleRequests.h"
#include "store/Store.h"
#include "sync/ConnectionSupervisor.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace natter;

namespace {

int incoming(const QList<ContactRow> &rows)
{
    return int(std::count_if(rows.cbegin(), rows.cend(),
        [](const ContactRow &r) { return r.state == ContactState::Incoming; }));
}

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
        QCOMPARE(incoming(c.list()), 1);
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
        QCOMPARE(incoming(c.list()), 0);
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

    void changesQueuedInTheOutbox()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        Account me;
        me.user = QStringLiteral("alice");
        me.userId = 1;
        me.deviceId = 11;
        me.token = QStringLiteral("t");
        me.serverUrl = QStringLiteral("ws://127.0.0.1:1");
        store.saveAccount(me);
        ConnectionSupervisor supervisor(store);
        PeopleRequests people(store, supervisor);
        int queued = 0;
        connect(&people, &PeopleRequests::queued, this, [&] { ++queued; });
        using A = PeopleRequests::Action;
        QString error;
        QVERIFY(people.queueAction(QStringLiteral("Bob Smith"), A::Request, {}, &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("not a user name")));
        QVERIFY(people.queueAction(QStringLiteral("alice"), A::Block, {}, &error).isEmpty());
        QCOMPARE(error, QStringLiteral("that is you"));
        QVERIFY(people.queueAction(QStringLiteral("bob"), A::Request, QString(201, 'n'), &error)
                    .isEmpty());
        QVERIFY(people.queueProfile({ QString(65, 'x'), {} }, &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("at most 64")));
        QVERIFY(people.queueProfile({ QStringLiteral("a\u0007b"), {} }, &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("control")));
        QCOMPARE(queued, 0);
        QCOMPARE(store.outbox().pendingCount(), 0); // nothing refused was queued

        const QString req
            = people.queueAction(QStringLiteral("bob"), A::Request, QStringLiteral("hi"), &error);
        QVERIFY(!req.isEmpty());
        store.accountState().setSettings({ false, true, false, false }); // as the feed said
        PrivacySettings wanted; // everything on, but only receipts named
        wanted.receiptsOff = true;
        QVERIFY(!people.queueSettings(wanted, PeopleRequests::Receipts, &error).isEmpty());
        const PrivacySettings now = store.accountState().settings();
        QVERIFY(now.receiptsOff && now.presenceOff); // presence untouched
        QVERIFY(!people.queueProfile({ QStringLiteral("  Alice  "), QStringLiteral("hi") }, &error)
                     .isEmpty());
        QCOMPARE(store.accountState().profile().displayName, QStringLiteral("Alice"));
        QCOMPARE(queued, 3);
        QCOMPARE(store.outbox().pendingCount(), 3);

        // What will be sent, in order.
        const auto first = store.outbox().nextPending();
        QVERIFY(first);
        QCOMPARE(first->kind, OutboxEntry::Account);
        QCOMPARE(first->clientId, req);
        proto::Envelope env;
        QVERIFY(env.ParseFromArray(first->body.constData(), int(first->body.size())));
        QCOMPARE(env.friend_action().user(), std::string("bob"));
        QCOMPARE(env.friend_action().request(), std::string("hi"));
        store.outbox().remove(first->clientId);
        const auto second = store.outbox().nextPending();
        QVERIFY(env.ParseFromArray(second->body.constData(), int(second->body.size())));
        QCOMPARE(env.settings_request().change(), uint32_t(proto::SETTING_RECEIPTS));
        QVERIFY(env.settings_request().settings().receipts_off());

        proto::Envelope other;
        other.mutable_logout();
        QVERIFY_THROWS_EXCEPTION(StoreError, store.outbox().enqueueAccountRequest(other));
    }
};

QTEST_GUILESS_MAIN(TestContacts)
#include "tst_contacts.moc"
