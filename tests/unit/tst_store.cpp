// The client store: key wrapping, wrong keys, corruption, schema version,
// gapless tracking, the outbox's order and durability.
#include "natter.pb.h"
#include "store/KeyVault.h"
#include "store/Schema.h"
#include "store/Store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace natter;

namespace {

StoredEvent message(quint64 conv, quint64 seq, quint64 sender, const QString &text)
{
    StoredEvent e;
    e.conversationId = conv;
    e.seq = seq;
    e.id = 1000 + seq;
    e.senderId = sender;
    e.senderDevice = 1;
    e.kind = proto::EVENT_MESSAGE;
    e.timeMs = 1700000000000 + qint64(seq);
    e.body = content::textBody(text);
    return e;
}

StoredEvent groupEvent(quint64 conv, quint64 seq, proto::GroupChange change)
{
    StoredEvent e = message(conv, seq, 2, {});
    e.kind = proto::EVENT_GROUP;
    proto::EventBody body;
    *body.mutable_group() = std::move(change);
    e.body = QByteArray::fromStdString(body.SerializeAsString());
    return e;
}

proto::GroupChange change(proto::GroupChange::Op op, quint64 version, const std::string &text = {})
{
    proto::GroupChange c;
    c.set_op(op);
    c.mutable_actor()->set_user("bob");
    c.mutable_actor()->set_user_id(2);
    auto *t = c.add_targets();
    t->set_user("alice");
    t->set_user_id(1);
    c.set_version(version);
    c.set_text(text);
    return c;
}

Account alice()
{
    Account a;
    a.serverUrl = QStringLiteral("ws://127.0.0.1:1");
    a.user = QStringLiteral("alice");
    a.userId = 1;
    a.deviceId = 11;
    a.token = QStringLiteral("t");
    return a;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private slots:
    void keyVaultRoundTrip()
    {
        QTemporaryDir dir;
        const QByteArray key = KeyVault::create(dir.path(), "correct horse");
        QCOMPARE(key.size(), KeyVault::kKeyBytes);
        QCOMPARE(KeyVault::unlock(dir.path(), "correct horse"), key);
        // The key file must not contain the raw key.
        QFile f(KeyVault::keyFilePath(dir.path()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(key));
    }
    void keyVaultWrongPassphrase()
    {
        QTemporaryDir dir;
        KeyVault::create(dir.path(), "right");
        try {
            KeyVault::unlock(dir.path(), "wrong");
            QFAIL("unlock with a wrong passphrase succeeded");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::WrongKey);
        }
    }
    void keyVaultDamagedAndMissing()
    {
        QTemporaryDir dir;
        try {
            KeyVault::unlock(dir.path(), "x");
            QFAIL("unlock without a key file succeeded");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Missing);
        }
        KeyVault::create(dir.path(), "x");
        QFile f(KeyVault::keyFilePath(dir.path()));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.resize(10);
        f.close();
        try {
            KeyVault::unlock(dir.path(), "x");
            QFAIL("unlock of a truncated key file succeeded");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Corrupt);
        }
    }
    void wrongRawKeyIsRefused()
    {
        QTemporaryDir dir;
        const QByteArray key(32, 'k');
        {
            Store store(dir.path(), key);
            store.saveAccount(alice());
        }
        try {
            Store again(dir.path(), QByteArray(32, 'j'));
            QFAIL("opened with a wrong key");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::WrongKey);
        }
        Store ok(dir.path(), key);
        QCOMPARE(ok.account().user, QStringLiteral("alice"));
        QCOMPARE(Database(Store::databasePath(dir.path()), key).userVersion(), schema::kVersion);
    }
    void corruptFileIsAClearError()
    {
        QTemporaryDir dir;
        const QByteArray key(32, 'k');
        {
            Store store(dir.path(), key);
            store.saveAccount(alice());
            QList<StoredEvent> many;
            for (int i = 1; i <= 300; ++i)
                many.append(message(5, quint64(i), 2, QString(200, QChar('a' + i % 26))));
            store.joinConversation(5, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } });
            store.insertEvents(many);
        }
        Database(Store::databasePath(dir.path()), key).exec("PRAGMA wal_checkpoint(TRUNCATE);");
        QFile f(Store::databasePath(dir.path()));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 8192);
        f.seek(0);
        f.write(QByteArray(8192, '\x5a')); // clobber the first pages, header included
        f.close();
        try {
            Store broken(dir.path(), key);
            broken.timeline().lines(5, 1000);
            QFAIL("a clobbered store opened and read without error");
        } catch (const StoreError &e) {
            QVERIFY(
                e.kind() == StoreError::Kind::WrongKey || e.kind() == StoreError::Kind::Corrupt);
            QVERIFY(!e.message().isEmpty());
        }
    }
    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QByteArray key(32, 'k');
        {
            Store store(dir.path(), key);
        }
        Database(Store::databasePath(dir.path()), key).setUserVersion(schema::kVersion + 1);
        try {
            Store store(dir.path(), key);
            QFAIL("a newer store was opened");
        } catch (const StoreError &e) {
            QVERIFY(e.message().contains(QLatin1String("newer")));
        }
    }
    // A profile written by main 6661323 (schema 2; tests/fixtures): alice
    // and bob, four messages, a read mark, and two messages queued offline —
    // one to bob, one to dave, with whom there is no conversation yet. Two
    // drafts are added in schema 2's form (keyed by peer) before it migrates.
    void migratesTheLastReleasesProfile()
    {
        QTemporaryDir dir;
        for (const char *name : { "key.bin", "store.db" }) {
            QVERIFY(QFile::copy(
                QStringLiteral(NATTER_FIXTURES_DIR "/client-schema2/") + name, dir.filePath(name)));
            QFile::setPermissions(
                dir.filePath(name), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        const QByteArray key = KeyVault::unlock(dir.path(), "fixture passphrase");
        {
            Database old(Store::databasePath(dir.path()), key);
            QCOMPARE(old.userVersion(), 2);
            old.exec("INSERT INTO drafts (peer, text) VALUES ('bob', 'about bob'), "
                     "('erin', 'to erin');");
        }
        Store store(dir.path(), key);
        QCOMPARE(Database(Store::databasePath(dir.path()), key).userVersion(), schema::kVersion);
        QCOMPARE(store.me().userName, QStringLiteral("alice"));
        const auto bob = store.conversations().directWith("bob");
        QVERIFY(bob && !Conversations::isLocal(*bob));
        const auto summary = store.conversations().summary(*bob);
        QCOMPARE(summary->title, QStringLiteral("bob"));
        QCOMPARE(summary->unread, 0); // alice read up to bob's message
        QCOMPARE(summary->lastText, QStringLiteral("hi alice"));
        QCOMPARE(summary->lastFrom, QStringLiteral("bob"));
        QCOMPARE(store.conversations().members(*bob).size(), 2);
        const QList<MessageRow> rows = store.latestMessages(*bob, 100);
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].text, QStringLiteral("hello bob 1"));
        QCOMPARE(rows[3].state, MessageRow::State::Received);
        QCOMPARE(rows[4].text, QStringLiteral("queued for bob"));
        QCOMPARE(rows[4].state, MessageRow::State::Pending);
        QCOMPARE(store.drafts().draft(*bob), QStringLiteral("about bob"));
        // dave and erin: local conversations, until the server creates them.
        const auto dave = store.conversations().directWith("dave");
        QVERIFY(dave && Conversations::isLocal(*dave));
        QCOMPARE(store.conversations().pendingPeer(*dave), QStringLiteral("dave"));
        QCOMPARE(store.outbox().lines(*dave).size(), 1);
        const auto erin = store.conversations().directWith("erin");
        QVERIFY(erin && Conversations::isLocal(*erin) && *erin != *dave);
        QCOMPARE(store.drafts().draft(*erin), QStringLiteral("to erin"));
        // The list shows dave (something queued), not erin (only a draft).
        QStringList titles;
        for (const ConversationSummary &c : store.conversations().list(10))
            titles << c.title;
        QCOMPARE(titles.size(), 2);
        QVERIFY(titles.contains("bob") && titles.contains("dave"));
        // The outbox order survived: bob's message first, then dave's.
        QCOMPARE(store.outbox().nextPending()->conversationId, *bob);
        QCOMPARE(store.outbox().pendingMessageCount(), 2);
    }
    void contiguityAndMissingRanges()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        store.joinConversation(7, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } });
        QVERIFY(store.conversations().applyHeads({ { 7, 5 } }));
        auto missing = store.conversations().missingRanges();
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing[0].afterSeq, 0u);
        QCOMPARE(missing[0].serverSeq, 5u);
        // seq 3 arrives first (e.g. our own ack): 1..2 still missing.
        store.insertEvents({ message(7, 3, 1, "mine") });
        QCOMPARE(store.conversations().summary(7)->localSeq, 0u);
        store.insertEvents({ message(7, 1, 2, "a"), message(7, 2, 2, "b") });
        QCOMPARE(store.conversations().summary(7)->localSeq, 3u);
        QCOMPARE(store.conversations().missingRanges().at(0).afterSeq, 3u);
        // Duplicates are ignored, not stored twice.
        QVERIFY(store.insertEvents({ message(7, 2, 2, "b") }).isEmpty());
        store.insertEvents({ message(7, 4, 2, "c"), message(7, 5, 2, "d") });
        QVERIFY(store.conversations().missingRanges().isEmpty());
        const auto rows = store.timeline().lines(7, 10);
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.first().text, QStringLiteral("a"));
        QCOMPARE(rows.at(2).state, MessageRow::State::Sent);
        QCOMPARE(rows.at(3).state, MessageRow::State::Received);
        QCOMPARE(rows.at(3).from, QStringLiteral("bob"));
        // Paging: two before seq 4.
        const auto page = store.timeline().lines(7, 2, 4);
        QCOMPARE(page.size(), 2);
        QCOMPARE(page.at(0).seq, 2u);
        QCOMPARE(page.at(1).seq, 3u);
        QCOMPARE(store.timeline().lineCount(), 5u);
    }
    // A group joined at seq 4 (history "joined"): nothing before it will
    // come, so the store counts from there; its events are system lines
    // (never unread) that name the group, carry its version and rename it;
    // after the removal at seq 7 the head stops there whatever comes.
    void groupsFromTheirJoinToTheirRemoval()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        store.joinConversation(9, proto::GROUP, {}, QStringLiteral("team"), 4);
        auto s = store.conversations().summary(9);
        QCOMPARE(s->title, QStringLiteral("team"));
        QCOMPARE(s->localSeq, 3u);
        QVERIFY(s->isMember());
        QVERIFY(!s->historyGap());
        store.insertEvents(
            { groupEvent(9, 4, change(proto::GroupChange::OP_ADDED, 4)), message(9, 5, 2, "hi"),
                groupEvent(9, 6, change(proto::GroupChange::OP_RENAMED, 5, "crew")) });
        s = store.conversations().summary(9);
        QCOMPARE(s->localSeq, 6u);
        QCOMPARE(s->title, QStringLiteral("crew"));
        QCOMPARE(s->groupVersion, 5u);
        QCOMPARE(s->unread, 1); // the message only
        const auto rows = store.timeline().lines(9, 10);
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows[0].group.isSet());
        QCOMPARE(rows[0].group.op, QStringLiteral("added"));
        QCOMPARE(rows[0].text, QStringLiteral("bob added alice"));
        QVERIFY(!rows[1].group.isSet());
        QCOMPARE(rows[1].from, QStringLiteral("bob")); // named by the group event
        QCOMPARE(rows[2].group.text, QStringLiteral("crew"));
        // An older rename arriving late does not win.
        store.insertEvents({ groupEvent(9, 3, change(proto::GroupChange::OP_RENAMED, 3, "old")) });
        QCOMPARE(store.conversations().summary(9)->title, QStringLiteral("crew"));

        // A queued change carries the version this store has seen.
        proto::GroupActionRequest rename;
        rename.set_rename("mine");
        store.outbox().enqueueGroupAction(9, rename);
        const auto entry = store.outbox().nextPending();
        QCOMPARE(entry->kind, OutboxEntry::GroupAction);
        proto::GroupActionRequest queued;
        QVERIFY(queued.ParseFromArray(entry->body.constData(), int(entry->body.size())));
        QCOMPARE(queued.base_version(), 5u);
        QCOMPARE(queued.conversation_id(), 9u);
        QCOMPARE(QString::fromStdString(queued.client_id()), entry->clientId);
        // Its ack moves the head (the event comes by pull) and ends the entry.
        store.outbox().acknowledge(*entry, 9, 8, 5000, 1);
        QVERIFY(!store.outbox().nextPending());
        QCOMPARE(store.conversations().summary(9)->serverSeq, 8u);

        store.conversations().applyLeft(9, 7, false);
        s = store.conversations().summary(9);
        QVERIFY(!s->isMember());
        QCOMPARE(s->serverSeq, 7u); // clipped to the removal
        store.conversations().applyHeads({ { 9, 12 } }); // a late notify
        QCOMPARE(store.conversations().summary(9)->serverSeq, 7u);
        QVERIFY_THROWS_EXCEPTION(StoreError, store.outbox().enqueueGroupAction(9, rename));
        // Back in, from seq 10 on.
        store.joinConversation(9, proto::GROUP, {}, QStringLiteral("crew"), 10);
        s = store.conversations().summary(9);
        QVERIFY(s->isMember());
        QCOMPARE(s->localSeq, 9u);
    }

    // The unread count and the last line are columns kept as events arrive
    // (in any order) and as the read position moves.
    void unreadAndLastLineFollowTheEvents()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        store.joinConversation(7, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } });
        store.insertEvents({ message(7, 3, 2, "c"), message(7, 2, 1, "mine") });
        QCOMPARE(store.conversations().summary(7)->unread, 1);
        store.insertEvents({ message(7, 1, 2, "a") }); // late, and older
        QCOMPARE(store.conversations().summary(7)->unread, 2);
        QCOMPARE(store.conversations().unreadTotal(), 2);
        QCOMPARE(store.conversations().summary(7)->lastText, QStringLiteral("c"));
        store.conversations().setReadSeq(7, 2);
        QCOMPARE(store.conversations().summary(7)->unread, 1);
        store.conversations().setReadSeq(7, 1); // never moves back
        QCOMPARE(store.conversations().summary(7)->readSeq, 2u);
        QCOMPARE(store.conversations().summary(7)->unread, 1);
        // Events before the feed: the conversation is not listed yet.
        StoredEvent fromCarol = message(8, 1, 3, "from carol");
        fromCarol.timeMs += 100; // the newest
        store.insertEvents({ fromCarol });
        QCOMPARE(store.conversations().list(10).size(), 1);
        QCOMPARE(store.conversations().unreadTotal(), 2);
        store.joinConversation(8, proto::DIRECT, { { 1, "alice" }, { 3, "carol" } });
        const auto list = store.conversations().list(10);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].title, QStringLiteral("carol"));
        QCOMPARE(list[0].lastFrom, QStringLiteral("carol"));
        QCOMPARE(list[1].lastText, QStringLiteral("c"));
        // The feed's read position comes first sometimes.
        store.conversations().setReadSeq(8, 1);
        QCOMPARE(store.conversations().summary(8)->unread, 0);
    }
    // Replies are lines; edits, reactions and recalls are stored but are no
    // lines of their own, and never unread.
    void relationsAreStored()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        store.joinConversation(7, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } });
        StoredEvent reply = message(7, 2, 2, "re: a");
        reply.relation = Relation::reply(1);
        StoredEvent reaction = message(7, 3, 2, QString());
        reaction.body.clear();
        reaction.relation = { Relation::Type::Annotate, 1, QStringLiteral("👍") };
        StoredEvent edit = message(7, 4, 2, "a, edited");
        edit.relation = { Relation::Type::Replace, 2, {} };
        store.insertEvents({ message(7, 1, 1, "a"), reply, reaction, edit });
        const auto rows = store.timeline().lines(7, 10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[1].replyTo, 1u);
        QCOMPARE(rows[0].replyTo, 0u);
        QCOMPARE(store.conversations().summary(7)->unread, 1);
        QCOMPARE(store.conversations().summary(7)->localSeq, 4u);
        QCOMPARE(store.conversations().summary(7)->lastText, QStringLiteral("re: a"));
    }
    // A direct chat started with no conversation yet is local: its messages
    // go out by the peer's name, and the first ack gives it the server's id.
    void localConversationBecomesTheServers()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        const quint64 local = store.conversations().startDirect("bob", 1000);
        QVERIFY(Conversations::isLocal(local));
        QCOMPARE(store.conversations().startDirect("bob", 2000), local); // the same one
        QCOMPARE(store.conversations().list(10).size(), 0); // nothing queued yet
        const QString first = store.outbox().enqueueMessage(local, "one");
        store.outbox().enqueueMessage(local, "two");
        store.drafts().setDraft(local, "three, half written");
        QCOMPARE(store.conversations().list(10).size(), 1);
        QVERIFY(store.conversations().list(10)[0].local);
        QCOMPARE(store.conversations().list(10)[0].title, QStringLiteral("bob"));
        QVERIFY(!store.outbox().enqueueRead(local)); // nothing to mark on the server
        const auto entry = store.outbox().nextPending();
        QCOMPARE(entry->clientId, first);
        QCOMPARE(store.outbox().acknowledge(*entry, 42, 2, 900, 5000), 42u);
        // The local id stays valid, as an alias: whoever still holds it
        // (a CLI reading stdin, a queued GUI call) reaches the server's.
        QCOMPARE(store.conversations().resolve(local), 42u);
        QCOMPARE(store.conversations().resolve(42), 42u);
        QCOMPARE(store.conversations().list(10).size(), 1);
        QCOMPARE(*store.conversations().directWith("bob"), 42u); // by title until the feed
        QCOMPARE(store.conversations().summary(42)->title, QStringLiteral("bob"));
        QCOMPARE(store.drafts().draft(42), QStringLiteral("three, half written"));
        const auto view = store.latestMessages(42, 10);
        QCOMPARE(view.size(), 2);
        QCOMPARE(view[0].state, MessageRow::State::Sent);
        QCOMPARE(view[1].state, MessageRow::State::Pending);
        QCOMPARE(store.outbox().nextPending()->conversationId, 42u);
        store.outbox().enqueueMessage(local, "four");
        QCOMPARE(store.outbox().lines(42).size(), 2);
        QVERIFY(store.outbox().lines(local).isEmpty());
        QVERIFY(store.outbox().enqueueRead(local)); // the server's conversation now
    }
    // The feed tells of bob's conversation while a local one for bob waits:
    // what was queued there goes to bob's conversation.
    void feedMergesAWaitingLocalConversation()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        const quint64 local = store.conversations().startDirect("bob", 1);
        store.outbox().enqueueMessage(local, "queued");
        store.drafts().setDraft(local, "draft");
        QCOMPARE(store.joinConversation(50, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } }),
            QList<quint64> { local });
        QCOMPARE(store.conversations().resolve(local), 50u);
        QCOMPARE(*store.conversations().directWith("bob"), 50u);
        QCOMPARE(store.outbox().lines(50).size(), 1);
        QCOMPARE(store.drafts().draft(50), QStringLiteral("draft"));
        QCOMPARE(store.conversations().list(10).size(), 1);
    }
    void outboxKeepsOrderAcrossReopen()
    {
        QTemporaryDir dir;
        const QByteArray key(32, 'k');
        QStringList ids;
        {
            Store store(dir.path(), key);
            store.saveAccount(alice());
            store.joinConversation(9, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } });
            for (int i = 0; i < 5; ++i)
                ids << store.outbox().enqueueMessage(9, QStringLiteral("m%1").arg(i));
        }
        Store store(dir.path(), key);
        Outbox &outbox = store.outbox();
        QCOMPARE(outbox.pendingCount(), 5);
        const auto rows = store.latestMessages(9, 10);
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].state, MessageRow::State::Pending);
        QCOMPARE(rows[4].text, QStringLiteral("m4"));
        // Ack the first: it becomes a stored event and leaves the outbox atomically.
        auto first = outbox.nextPending();
        QVERIFY(first);
        QCOMPARE(first->clientId, ids[0]);
        outbox.acknowledge(*first, 9, 2, 777, 1700000000000);
        QCOMPARE(outbox.pendingCount(), 4);
        QCOMPARE(outbox.nextPending()->clientId, ids[1]);
        auto view = store.latestMessages(9, 10);
        QCOMPARE(view.size(), 5);
        QCOMPARE(view[0].state, MessageRow::State::Sent);
        QCOMPARE(view[0].seq, 2u);
        QCOMPARE(view[0].clientId, ids[0]);
        // Seq 1 (conversation created) is not stored: a gap to pull.
        QCOMPARE(store.conversations().missingRanges().size(), 1);
        // A refused message stays visible as failed and can be retried in place.
        outbox.fail(ids[1], "no such user");
        QCOMPARE(outbox.nextPending()->clientId, ids[2]);
        view = store.latestMessages(9, 10);
        QCOMPARE(view[1].state, MessageRow::State::Failed);
        QCOMPARE(view[1].error, QStringLiteral("no such user"));
        QVERIFY(outbox.retry(ids[1]));
        QCOMPARE(outbox.nextPending()->clientId, ids[1]);
    }
    void outboxRejectsBadInput()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.joinConversation(9, proto::DIRECT, { { 2, "bob" } });
        QVERIFY_THROWS_EXCEPTION(StoreError, store.outbox().enqueueMessage(9, QString()));
        QVERIFY_THROWS_EXCEPTION(StoreError, store.outbox().enqueueMessage(9, QString(8001, 'x')));
        try {
            store.outbox().enqueueMessage(10, "to nowhere");
            QFAIL("queued into an unknown conversation");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Missing);
        }
        QCOMPARE(store.outbox().pendingCount(), 0);
    }
    void readMarkGoesThroughOutbox()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        Outbox &outbox = store.outbox();
        QVERIFY(!outbox.enqueueRead(7));
        store.joinConversation(7, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } });
        store.insertEvents({ message(7, 1, 2, "a"), message(7, 2, 2, "b") });
        QCOMPARE(store.conversations().summary(7)->unread, 2);
        QVERIFY(outbox.enqueueRead(7));
        QCOMPARE(store.conversations().summary(7)->unread, 0);
        const auto entry = outbox.nextPending();
        QVERIFY(entry);
        QCOMPARE(entry->kind, OutboxEntry::Read);
        // A read mark is engine work, not a message the user waits for.
        QCOMPARE(outbox.pendingCount(), 1);
        QCOMPARE(outbox.pendingMessageCount(), 0);
        QCOMPARE(entry->readSeq, 2u);
        QCOMPARE(entry->conversationId, 7u);
    }
    void draftsPerConversation()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.drafts().setDraft(7, "half a thought");
        store.drafts().setDraft(8, "another");
        QCOMPARE(store.drafts().draft(7), QStringLiteral("half a thought"));
        store.drafts().setDraft(7, QString());
        QCOMPARE(store.drafts().draft(7), QString());
        // Moving onto a conversation that has its own draft keeps that one.
        store.drafts().setDraft(9, "mine");
        store.drafts().move(8, 9);
        QCOMPARE(store.drafts().draft(9), QStringLiteral("mine"));
        QCOMPARE(store.drafts().draft(8), QString());
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
