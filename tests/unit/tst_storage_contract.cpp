// The storage contract: what every backend of natterd's storage must do,
// through the interfaces alone (StorageBackend, Storage and its per-aggregate
// stores). Every test runs once per backend in backends(); a new backend
// (PostgreSQL) joins the list and must pass all of it unchanged.
#include "storage/StorageBackend.h"
#include "storage/TransactionGuard.h"

#include "natter.pb.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace natter;
using namespace natter::server;

namespace {

QStringList backends()
{
    return { QStringLiteral("sqlite") };
}

EventRow message(quint64 conversation, quint64 id, quint64 sender, const QString &clientId,
    const QByteArray &body = "b")
{
    return EventRow { conversation, 0, id, sender, sender + 1, clientId, proto::EVENT_MESSAGE,
        qint64(id), body, {} };
}

template<class F> StorageError::Kind errorKindOf(F &&f)
{
    try {
        f();
    } catch (const StorageError &e) {
        return e.kind();
    }
    return StorageError::Kind::Internal;
}

} // namespace

class TestStorageContract : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    StorageOptions m_options;
    std::unique_ptr<StorageBackend> m_backend;
    std::unique_ptr<WriterStorage> m_w;

    void reopen()
    {
        m_w.reset();
        m_backend = StorageBackend::open(m_options);
        m_w = m_backend->openWriter();
    }

    // Users 1 (alice) and 2 (bob), conversation 10 with both, in one
    // committed transaction.
    void seed()
    {
        TransactionGuard tx(*m_w);
        m_w->users().insert(UserRow { 1, "alice", "h1", 100, 0 });
        m_w->users().insert(UserRow { 2, "bob", "h2", 101, 0 });
        m_w->conversations().insert(ConversationRow { 10, proto::DIRECT, 0, 5 }, "1:2");
        m_w->conversations().insertMember(MemberRow { 10, 2, {}, 0, 1, 0 });
        m_w->conversations().insertMember(MemberRow { 10, 1, {}, 2, 1, 0 });
        tx.commit();
        m_w->takeWrites();
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : backends())
            QTest::newRow(qPrintable(b)) << b;
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        QVERIFY(m_dir.isValid());
        m_options = StorageOptions {};
        m_options.backend = backend;
        m_options.dataDir = m_dir.filePath(QStringLiteral("db%1").arg(++m_counter));
        m_options.synchronous = QStringLiteral("NORMAL");
        reopen();
        seed();
    }

    void cleanup()
    {
        m_w.reset();
        m_backend.reset();
    }

    void unknownBackendIsRefused()
    {
        StorageOptions bad = m_options;
        bad.backend = QStringLiteral("nosuchdb");
        QCOMPARE(errorKindOf([&] { StorageBackend::open(bad); }), StorageError::Kind::Schema);
    }

    void users()
    {
        UserStore &users = m_w->users();
        QCOMPARE(users.byName("alice")->id, 1u);
        QCOMPARE(users.byName("alice")->pwhash, QByteArray("h1"));
        QCOMPARE(users.byId(2)->name, QStringLiteral("bob"));
        QCOMPARE(*users.idByName("bob"), 2u);
        QVERIFY(!users.byName("carol"));
        QVERIFY(!users.idByName("carol"));
        QVERIFY(!users.byId(3));
        QCOMPARE(errorKindOf([&] {
            users.insert(UserRow { 3, "alice", "h", 1, 0 });
        }),
            StorageError::Kind::Duplicate);
        QCOMPARE(errorKindOf([&] {
            users.insert(UserRow { 1, "other", "h", 1, 0 });
        }),
            StorageError::Kind::Duplicate);
        users.setPasswordHash(1, "new-hash");
        QCOMPARE(users.byId(1)->pwhash, QByteArray("new-hash"));
        const QByteArray big(200 * 1024, 'p'); // no length limit of its own
        users.insert(UserRow { 4, "dora", big, 7, 0 });
        QCOMPARE(users.byName("dora")->pwhash, big);
        QCOMPARE(users.byName("dora")->createdMs, 7);
    }

    void devices()
    {
        DeviceStore &devices = m_w->devices();
        devices.insert(DeviceRow { 21, 1, "phone", "hash-b", 10, 11, false });
        devices.insert(DeviceRow { 20, 1, "laptop", "hash-a", 12, 13, false });
        devices.insert(DeviceRow { 22, 2, "pc", "hash-c", 14, 15, false });
        QCOMPARE(errorKindOf([&] {
            devices.insert(DeviceRow { 20, 2, "x", "h", 1, 1, false });
        }),
            StorageError::Kind::Duplicate);
        const QList<DeviceRow> mine = devices.ofUser(1);
        QCOMPARE(mine.size(), 2);
        QCOMPARE(mine[0].id, 20u); // by id
        QCOMPARE(mine[0].name, QStringLiteral("laptop"));
        QCOMPARE(mine[1].tokenHash, QByteArray("hash-b"));
        devices.touch(21, 99);
        devices.revoke(21);
        const auto phone = devices.byId(21);
        QCOMPARE(phone->lastSeenMs, 99);
        QVERIFY(phone->revoked);
        QVERIFY(!devices.byId(20)->revoked);
        QVERIFY(!devices.byId(99));
        QVERIFY(devices.ofUser(3).isEmpty());
    }

    void conversationsAndMembers()
    {
        ConversationStore &c = m_w->conversations();
        QCOMPARE(c.byId(10)->kind, int(proto::DIRECT));
        QCOMPARE(c.byId(10)->lastSeq, 0u);
        QCOMPARE(*c.directByKey("1:2"), 10u);
        QVERIFY(!c.directByKey("1:3"));
        QVERIFY(!c.byId(11));
        QCOMPARE(errorKindOf([&] {
            c.insert(ConversationRow { 11, proto::DIRECT, 0, 1 }, "1:2");
        }),
            StorageError::Kind::Duplicate);
        c.insert(ConversationRow { 12, proto::GROUP, 0, 1 }, {}); // groups have no key
        c.insert(ConversationRow { 13, proto::GROUP, 0, 1 }, {});
        QCOMPARE(c.memberUserIds(10), QList<quint64>({ 1, 2 }));
        const QList<MemberRow> members = c.members(10);
        QCOMPARE(members.size(), 2);
        QCOMPARE(members[0].userName, QStringLiteral("alice"));
        QCOMPARE(members[0].role, 2);
        QCOMPARE(c.member(10, 2)->userName, QStringLiteral("bob"));
        QVERIFY(!c.member(10, 3));
        QCOMPARE(errorKindOf([&] {
            c.insertMember(MemberRow { 10, 1, {}, 0, 1, 0 });
        }),
            StorageError::Kind::Duplicate);
        c.setReadSeq(10, 2, 7);
        QCOMPARE(c.member(10, 2)->readSeq, 7u);
        QCOMPARE(c.member(10, 1)->readSeq, 0u);
        c.insertMember(MemberRow { 13, 1, {}, 0, 1, 0 });
        const QList<HeadRow> heads = c.headsOfUser(1);
        QCOMPARE(heads.size(), 2);
        QCOMPARE(heads[0].conversationId, 10u);
        QCOMPARE(heads[1].conversationId, 13u);
        QCOMPARE(c.headsOfUser(2).size(), 1);
    }

    // A group's settings and a former member: kept with the seq that
    // removed them, out of the current ids, their head clipped there.
    void groupsAndFormerMembers()
    {
        ConversationStore &c = m_w->conversations();
        ConversationRow g { 20, proto::GROUP, 0, 1, "team", proto::JOIN_OPEN, proto::HISTORY_ALL, 1,
            {}, false };
        c.insert(g, {});
        c.insertMember(MemberRow { 20, 1, {}, 2, 1, 0, 0 });
        c.insertMember(MemberRow { 20, 2, {}, 0, 1, 0, 0 });
        for (int i = 0; i < 5; ++i)
            m_w->events().append(
                EventRow { 20, 0, quint64(900 + i), 1, 7, {}, proto::EVENT_MESSAGE, 10, "x", {} });
        const auto stored = c.byId(20);
        QCOMPARE(stored->name, QStringLiteral("team"));
        QCOMPARE(stored->joinPolicy, int(proto::JOIN_OPEN));
        QCOMPARE(stored->historyPolicy, int(proto::HISTORY_ALL));
        QCOMPARE(stored->version, 1u);
        QVERIFY(!stored->dissolved);
        QVERIFY(stored->announcement.isEmpty());
        QCOMPARE(stored->lastSeq, 5u);

        g = *stored;
        g.name = "renamed";
        g.version = 2;
        g.announcement = "read me";
        g.dissolved = true;
        c.updateGroup(g);
        const auto updated = c.byId(20);
        QCOMPARE(updated->name, QStringLiteral("renamed"));
        QCOMPARE(updated->version, 2u);
        QCOMPARE(updated->announcement, QStringLiteral("read me"));
        QVERIFY(updated->dissolved);
        QCOMPARE(updated->lastSeq, 5u); // not the settings' to move

        MemberRow bob = *c.member(20, 2);
        QVERIFY(bob.isCurrent());
        bob.leftSeq = 3;
        c.updateMember(bob);
        QCOMPARE(c.member(20, 2)->leftSeq, 3u);
        QVERIFY(!c.member(20, 2)->isCurrent());
        QCOMPARE(c.memberUserIds(20), QList<quint64>({ 1 }));
        QCOMPARE(c.members(20).size(), 2); // former members stay
        HeadRow bobsHead;
        for (const HeadRow &h : c.headsOfUser(2))
            if (h.conversationId == 20)
                bobsHead = h;
        QCOMPARE(bobsHead.lastSeq, 3u);
        for (const HeadRow &h : c.headsOfUser(1))
            if (h.conversationId == 20)
                QCOMPARE(h.lastSeq, 5u);

        // Back as a plain member, seeing from seq 6 on.
        c.updateMember(MemberRow { 20, 2, {}, 0, 6, 0, 0 });
        QCOMPARE(c.memberUserIds(20), QList<quint64>({ 1, 2 }));
        QCOMPARE(c.member(20, 2)->joinedSeq, 6u);
        QVERIFY(c.member(20, 2)->isCurrent());
        QVERIFY(m_w->takeWrites().membershipChanged.contains(20));
    }

    // A member's nickname and remark ride on their row; a group search
    // lists neither invite-only nor dissolved groups and takes its text
    // literally (no wildcards).
    void nicknamesRemarksAndSearch()
    {
        ConversationStore &c = m_w->conversations();
        const auto group = [&](quint64 id, const char *name, int join, bool dissolved) {
            c.insert(ConversationRow { id, proto::GROUP, 0, 1, QString::fromUtf8(name), join,
                         proto::HISTORY_JOINED, 1, {}, dissolved },
                {});
        };
        group(30, "Chess club", proto::JOIN_OPEN, false);
        group(31, "chess masters", proto::JOIN_APPROVAL, false);
        group(32, "Chess secret", proto::JOIN_INVITE, false);
        group(33, "Chess of old", proto::JOIN_OPEN, true);
        group(34, "50% chess", proto::JOIN_OPEN, false);
        c.insertMember(MemberRow { 30, 1, {}, 2, 1, 0, 0, "Al", "my club" });
        c.insertMember(MemberRow { 30, 2, {}, 0, 1, 0, 0, {}, {} });
        c.insertMember(MemberRow { 31, 2, {}, 0, 1, 0, 4, {}, {} }); // left

        QCOMPARE(c.member(30, 1)->nickname, QStringLiteral("Al"));
        QCOMPARE(c.member(30, 1)->remark, QStringLiteral("my club"));
        MemberRow al = *c.member(30, 1);
        al.nickname.clear();
        al.remark = "still mine";
        c.updateMember(al);
        QVERIFY(c.member(30, 1)->nickname.isEmpty());
        QCOMPARE(c.members(30).at(0).remark, QStringLiteral("still mine"));

        const QList<GroupSummaryRow> found
            = c.searchGroups(proto::GROUP, "CHESS", proto::JOIN_INVITE, 10);
        QCOMPARE(found.size(), 3);
        QCOMPARE(found[0].name, QStringLiteral("50% chess")); // by name
        QCOMPARE(found[1].id, 30u);
        QCOMPARE(found[1].members, 2);
        QCOMPARE(found[2].id, 31u);
        QCOMPARE(found[2].members, 0); // the one who left does not count
        QCOMPARE(found[2].joinPolicy, int(proto::JOIN_APPROVAL));
        QCOMPARE(c.searchGroups(proto::GROUP, "chess", proto::JOIN_INVITE, 1).size(), 1);
        QCOMPARE(c.searchGroups(proto::GROUP, "%", proto::JOIN_INVITE, 10).size(), 1);
        QCOMPARE(c.searchGroups(proto::GROUP, "_", proto::JOIN_INVITE, 10).size(), 0);
        QCOMPARE(c.searchGroups(proto::GROUP, "c%b", proto::JOIN_INVITE, 10).size(), 0);
        QCOMPARE(c.searchGroups(proto::DIRECT, "chess", proto::JOIN_INVITE, 10).size(), 0);
    }

    // A request per (group, user): pending until decided, pending again
    // when asked again.
    void joinRequests()
    {
        JoinRequestStore &r = m_w->joinRequests();
        QVERIFY(!r.get(10, 1));
        r.put(JoinRequestRow { 10, 1, {}, "let me in", 50, JoinRequestRow::State::Pending, 0, 0 });
        r.put(JoinRequestRow { 10, 2, {}, {}, 40, JoinRequestRow::State::Pending, 0, 0 });
        QCOMPARE(r.pendingCount(10), 2);
        const QList<JoinRequestRow> pending = r.pending(10);
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending[0].userId, 2u); // oldest first
        QCOMPARE(pending[0].userName, QStringLiteral("bob"));
        QCOMPARE(pending[1].note, QStringLiteral("let me in"));
        r.put(
            JoinRequestRow { 10, 1, {}, "let me in", 50, JoinRequestRow::State::Declined, 2, 60 });
        QCOMPARE(r.pendingCount(10), 1);
        const auto declined = r.get(10, 1);
        QCOMPARE(declined->state, JoinRequestRow::State::Declined);
        QCOMPARE(declined->decidedBy, 2u);
        QCOMPARE(declined->decidedMs, 60);
        r.put(JoinRequestRow { 10, 1, {}, "again", 70, JoinRequestRow::State::Pending, 0, 0 });
        QCOMPARE(r.pendingCount(10), 2);
        QCOMPARE(r.get(10, 1)->note, QStringLiteral("again"));
        QCOMPARE(r.pendingCount(11), 0);
    }

    void eventsAreGapless()
    {
        EventStore &events = m_w->events();
        for (quint64 i = 1; i <= 30; ++i)
            QCOMPARE(
                events.append(message(10, 100 + i, i % 2 + 1, QStringLiteral("c%1").arg(i))), i);
        QCOMPARE(m_w->conversations().byId(10)->lastSeq, 30u);
        const QList<EventRow> all = events.after(10, 0, 1000);
        QCOMPARE(all.size(), 30);
        for (int i = 0; i < all.size(); ++i) {
            QCOMPARE(all[i].seq, quint64(i + 1));
            QCOMPARE(all[i].id, quint64(101 + i));
        }
        const QList<EventRow> page = events.after(10, 10, 5);
        QCOMPARE(page.size(), 5);
        QCOMPARE(page.first().seq, 11u);
        QCOMPARE(page.last().seq, 15u);
        QVERIFY(events.after(10, 30, 10).isEmpty());
        QCOMPARE(events.at(10, 7)->clientId, QStringLiteral("c7"));
        QVERIFY(!events.at(10, 31));
        QCOMPARE(events.byClientId(2, "c3")->seq, 3u);
        QVERIFY(!events.byClientId(1, "c3")); // client ids are per sender
        QCOMPARE(errorKindOf([&] { events.append(message(99, 1, 1, "x")); }),
            StorageError::Kind::Internal);
    }

    void eventFieldsRoundTrip()
    {
        EventRow e { 10, 0, 555, 1, 11, "round", proto::EVENT_MESSAGE, 123456789012, "body bytes",
            RelationRow { proto::RELATION_ANNOTATE, 1, QStringLiteral("👍") } };
        const quint64 first = m_w->events().append(
            EventRow { 10, 0, 554, 2, 12, {}, proto::EVENT_CREATED, 1, {}, {} });
        QCOMPARE(first, 1u);
        QCOMPARE(m_w->events().append(e), 2u);
        const auto created = m_w->events().at(10, 1);
        QVERIFY(created->clientId.isEmpty());
        QVERIFY(created->body.isEmpty());
        QVERIFY(!created->relation.isSet());
        const auto back = m_w->events().at(10, 2);
        QCOMPARE(back->id, 555u);
        QCOMPARE(back->senderId, 1u);
        QCOMPARE(back->senderDevice, 11u);
        QCOMPARE(back->kind, int(proto::EVENT_MESSAGE));
        QCOMPARE(back->timeMs, 123456789012);
        QCOMPARE(back->body, QByteArray("body bytes"));
        QCOMPARE(back->relation.type, int(proto::RELATION_ANNOTATE));
        QCOMPARE(back->relation.seq, 1u);
        QCOMPARE(back->relation.key, QStringLiteral("👍"));
    }

    void duplicateClientIdIsRefusedAndLeavesNoGap()
    {
        EventStore &events = m_w->events();
        m_w->begin();
        QCOMPARE(events.append(message(10, 1, 1, "same")), 1u);
        m_w->savepoint();
        QCOMPARE(errorKindOf([&] { events.append(message(10, 2, 1, "same")); }),
            StorageError::Kind::Duplicate);
        m_w->rollbackToSavepoint();
        m_w->releaseSavepoint();
        // Server events have no client id: never a clash.
        QCOMPARE(events.append(message(10, 3, 1, {})), 2u);
        QCOMPARE(events.append(message(10, 4, 1, {})), 3u);
        m_w->commit();
        QCOMPARE(m_w->conversations().byId(10)->lastSeq, 3u);
        QCOMPARE(events.after(10, 0, 10).size(), 3);
    }

    void feed()
    {
        FeedStore &feed = m_w->feed();
        QCOMPARE(feed.append(1, 10, "a"), 1u);
        QCOMPARE(feed.append(1, 11, "b"), 2u);
        QCOMPARE(feed.append(2, 12, "c"), 1u); // each user has its own seq
        QCOMPARE(feed.append(1, 13, "d"), 3u);
        QCOMPARE(m_w->users().byId(1)->feedSeq, 3u);
        const QList<FeedRow> rows = feed.after(1, 1, 10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].seq, 2u);
        QCOMPARE(rows[0].timeMs, 11);
        QCOMPARE(rows[0].body, QByteArray("b"));
        QCOMPARE(feed.after(1, 0, 1).size(), 1);
        QVERIFY(feed.after(2, 1, 10).isEmpty());
        QCOMPARE(errorKindOf([&] { feed.append(77, 1, "x"); }), StorageError::Kind::Internal);
    }

    // Contacts: one row per side, an empty row deleted, and the writer's
    // direct-message gate following every change (its cache forgets).
    void contactsAndGate()
    {
        TransactionGuard tx(*m_w);
        ContactStore &c = m_w->contacts();
        QCOMPARE(c.gate(2, 1).friends, false);
        c.put(ContactRow { 1, 2, proto::CONTACT_FRIEND, {}, false, 50 });
        c.put(ContactRow { 2, 1, proto::CONTACT_FRIEND, {}, false, 50 });
        QVERIFY(c.gate(2, 1).friends);
        QCOMPARE(c.friendIds(1), QList<quint64> { 2 });
        QCOMPARE(c.count(1, proto::CONTACT_FRIEND), 1);
        const auto row = c.get(1, 2);
        QVERIFY(row);
        QCOMPARE(row->peerName, QStringLiteral("bob"));
        QCOMPARE(row->peerSignInMs, 0); // bob has no device
        c.put(ContactRow { 1, 2, proto::CONTACT_NONE, {}, true, 60 }); // alice blocks bob
        const DirectGate g = c.gate(2, 1);
        QVERIFY(g.senderBlocked);
        QVERIFY(!g.friends);
        QVERIFY(c.gate(1, 2).recipientBlocked);
        QCOMPARE(c.ofUser(1).size(), 1);
        c.put(ContactRow { 1, 2, proto::CONTACT_NONE, {}, false, 70 }); // empty: gone
        QVERIFY(!c.get(1, 2));
        QVERIFY(c.ofUser(1).isEmpty());
        UserRow settings = *m_w->users().byId(1);
        settings.messagePolicy = proto::MESSAGES_FRIENDS;
        m_w->users().setSettings(settings);
        QCOMPARE(c.gate(2, 1).recipientPolicy, int(proto::MESSAGES_FRIENDS));
        tx.commit();
    }

    // User search: a name prefix (indexed) or a display-name prefix (case
    // folded), wildcards as text, opted-out users and the asker left out.
    void userSearch()
    {
        TransactionGuard tx(*m_w);
        UserStore &u = m_w->users();
        u.insert(UserRow { 3, "alpha_x", "h", 1, 0 });
        u.insert(UserRow { 4, "al%", "h", 1, 0 });
        u.setProfile(2, QStringLiteral("Ålice Bob"), QStringLiteral("busy"));
        UserRow hidden = *u.byId(3);
        hidden.unsearchable = true;
        u.setSettings(hidden);
        auto names = [&](const QString &q, quint64 except) {
            QStringList out;
            for (const UserRow &r : u.search(q, except, 20))
                out.append(r.name);
            return out;
        };
        QCOMPARE(names(QStringLiteral("al"), 0), QStringList({ "al%", "alice" }));
        QCOMPARE(names(QStringLiteral("al"), 1), QStringList({ "al%" }));
        QCOMPARE(names(QStringLiteral("ål"), 0), QStringList({ "bob" }));
        QCOMPARE(names(QStringLiteral("ÅLICE"), 0), QStringList({ "bob" }));
        QCOMPARE(names(QStringLiteral("a%"), 0), QStringList());
        QCOMPARE(u.byId(2)->status, QStringLiteral("busy"));
        tx.commit();
    }

    // The administrator's side: disabling survives a reopen, the listing
    // has everyone (opted out of search too) by a part of the name or the
    // display name with wildcards taken as text, and the counts count.
    void adminUsersAndCounts()
    {
        {
            TransactionGuard tx(*m_w);
            UserStore &u = m_w->users();
            u.insert(UserRow { 3, "carl_x", "h", 1, 0 });
            UserRow hidden = *u.byId(3);
            hidden.unsearchable = true;
            u.setSettings(hidden);
            u.setProfile(2, QStringLiteral("Robert Ångström"), {});
            u.setDisabled(1, true);
            m_w->devices().insert(DeviceRow { 50, 1, "pc", "t", 1, 1, false });
            m_w->devices().insert(DeviceRow { 51, 2, "pc", "t", 1, 1, false });
            m_w->devices().revoke(51);
            m_w->events().append(message(10, 1, 1, "one"));
            tx.commit();
        }
        m_w->takeWrites();
        reopen();
        UserStore &u = m_w->users();
        QVERIFY(u.byId(1)->disabled);
        QVERIFY(u.byName("alice")->disabled);
        QVERIFY(!u.byId(2)->disabled);
        auto names = [&](const QString &text, int limit = 100) {
            QStringList out;
            for (const UserRow &r : u.list(text, limit))
                out.append(r.name);
            return out;
        };
        QCOMPARE(names({}), QStringList({ "alice", "bob", "carl_x" }));
        QCOMPARE(names({}, 2), QStringList({ "alice", "bob" }));
        QCOMPARE(names(QStringLiteral("l_")), QStringList({ "carl_x" })); // "_" is no wildcard
        QCOMPARE(names(QStringLiteral("ngstr")), QStringList({ "bob" })); // display name
        QCOMPARE(names(QStringLiteral("ÅNG")), QStringList({ "bob" })); // case folded
        QCOMPARE(names(QStringLiteral("%")), QStringList());
        {
            TransactionGuard tx(*m_w);
            u.setDisabled(1, false);
            tx.commit();
        }
        QVERIFY(!u.byId(1)->disabled);
        const ServerCounts c = m_w->stats().counts();
        QCOMPARE(c.users, 3);
        QCOMPARE(c.disabledUsers, 0);
        QCOMPARE(c.devices, 1);
        QCOMPARE(c.directs, 1);
        QCOMPARE(c.groups, 0);
        QCOMPARE(c.events, 1);
        QVERIFY(m_backend->sizeOnDisk() > 0);
    }

    void rollbackUndoesEverything()
    {
        {
            TransactionGuard tx(*m_w);
            m_w->users().insert(UserRow { 3, "carol", "h", 1, 0 });
            m_w->events().append(message(10, 1, 1, "gone"));
            m_w->conversations().insert(ConversationRow { 14, proto::DIRECT, 0, 1 }, "1:3");
        } // rolled back
        QVERIFY(!m_w->users().byName("carol"));
        QVERIFY(!m_w->conversations().byId(14));
        QVERIFY(!m_w->conversations().directByKey("1:3"));
        QCOMPARE(m_w->conversations().byId(10)->lastSeq, 0u);
        QCOMPARE(m_w->events().append(message(10, 2, 1, "kept")), 1u);
    }

    // What a rolled-back savepoint wrote is forgotten everywhere, also in
    // whatever the writer keeps in memory.
    void savepointRollbackForgetsItsWrites()
    {
        m_w->begin();
        QCOMPARE(m_w->events().append(message(10, 1, 1, "before")), 1u);
        m_w->savepoint();
        QCOMPARE(m_w->events().append(message(10, 2, 1, "undone")), 2u);
        m_w->conversations().insert(ConversationRow { 15, proto::DIRECT, 0, 1 }, "2:9");
        m_w->conversations().insertMember(MemberRow { 10, 9, {}, 0, 2, 0 });
        QCOMPARE(m_w->conversations().byId(10)->lastSeq, 2u);
        m_w->rollbackToSavepoint();
        m_w->releaseSavepoint();
        QCOMPARE(m_w->conversations().byId(10)->lastSeq, 1u);
        QVERIFY(!m_w->conversations().byId(15));
        QVERIFY(!m_w->conversations().directByKey("2:9"));
        QCOMPARE(m_w->conversations().memberUserIds(10), QList<quint64>({ 1, 2 }));
        QVERIFY(!m_w->conversations().member(10, 9));
        QCOMPARE(m_w->events().append(message(10, 3, 2, "after")), 2u);
        m_w->commit();
        const WriterStorage::Writes writes = m_w->takeWrites();
        QCOMPARE(writes.events.size(), 2);
        QCOMPARE(writes.events[0].clientId, QStringLiteral("before"));
        QCOMPARE(writes.events[1].clientId, QStringLiteral("after"));
        QCOMPARE(writes.events[1].seq, 2u);
        QVERIFY(writes.membershipChanged.isEmpty());
    }

    void writesReportMembershipChanges()
    {
        {
            TransactionGuard tx(*m_w);
            m_w->conversations().insert(ConversationRow { 16, proto::GROUP, 0, 1 }, {});
            m_w->conversations().insertMember(MemberRow { 16, 1, {}, 2, 1, 0 });
            m_w->events().append(message(16, 1, 1, "g1"));
            tx.commit();
        }
        const WriterStorage::Writes writes = m_w->takeWrites();
        QCOMPARE(writes.membershipChanged, QList<quint64>({ 16 }));
        QCOMPARE(writes.events.size(), 1);
        QCOMPARE(writes.events[0].conversationId, 16u);
        QVERIFY(m_w->takeWrites().events.isEmpty()); // taken once
    }

    void readersSeeCommittedDataOnly()
    {
        std::unique_ptr<Storage> reader = m_backend->openReader();
        m_w->begin();
        m_w->users().insert(UserRow { 5, "eve", "h", 1, 0 });
        {
            TransactionGuard snapshot(*reader);
            QVERIFY(!reader->users().byName("eve"));
            snapshot.commit();
        }
        m_w->commit();
        TransactionGuard snapshot(*reader);
        QCOMPARE(reader->users().byName("eve")->id, 5u);
        QCOMPARE(reader->conversations().memberUserIds(10), QList<quint64>({ 1, 2 }));
        snapshot.commit();
    }

    void dataSurvivesReopening()
    {
        m_w->events().append(message(10, 1, 1, "durable"));
        const int version = m_backend->schemaVersion();
        reopen();
        QCOMPARE(m_backend->schemaVersion(), version);
        QCOMPARE(m_w->events().at(10, 1)->clientId, QStringLiteral("durable"));
        QCOMPARE(m_w->events().append(message(10, 2, 2, "next")), 2u);
        QVERIFY(!m_backend->describe().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStorageContract)
#include "tst_storage_contract.moc"
