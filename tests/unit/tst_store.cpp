// The client store: key wrapping, wrong keys, corruption, schema version,
// gapless tracking, the outbox's order and durability.
#include "natter.pb.h"
#include "store/KeyVault.h"
#include "store/Store.h"
#include "sync/Outbox.h"

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
    e.body = textBody(text);
    return e;
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
        QCOMPARE(ok.db().userVersion(), Store::kSchemaVersion);
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
            store.upsertConversation(5, proto::DIRECT, "bob");
            store.insertEvents(many);
            store.db().exec("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        QFile f(Store::databasePath(dir.path()));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 8192);
        f.seek(0);
        f.write(QByteArray(8192, '\x5a')); // clobber the first pages, header included
        f.close();
        try {
            Store broken(dir.path(), key);
            broken.messages("bob", 1000);
            QFAIL("a clobbered store opened and read without error");
        } catch (const StoreError &e) {
            QVERIFY(
                e.kind() == StoreError::Kind::WrongKey || e.kind() == StoreError::Kind::Corrupt);
            QVERIFY(!e.message().isEmpty());
        }
    }
    void migratesVersion1AndKeepsDrafts()
    {
        QTemporaryDir dir;
        const QByteArray key(32, 'k');
        {
            Store store(dir.path(), key);
            store.saveAccount(alice());
            // Pretend this store was written by schema 1.
            store.db().exec("DROP TABLE drafts; PRAGMA user_version = 1;");
        }
        Store store(dir.path(), key);
        QCOMPARE(store.db().userVersion(), Store::kSchemaVersion);
        QCOMPARE(store.account().user, QStringLiteral("alice"));
        store.setDraft("bob", "half a thought");
        QCOMPARE(store.draft("bob"), QStringLiteral("half a thought"));
        store.setDraft("bob", QString());
        QCOMPARE(store.draft("bob"), QString());
    }
    void contiguityAndMissingRanges()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        store.upsertConversation(7, proto::DIRECT, "bob");
        QVERIFY(store.applyHeads({ { 7, 5 } }));
        auto missing = store.missingRanges();
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing[0].afterSeq, 0u);
        QCOMPARE(missing[0].serverSeq, 5u);
        // seq 3 arrives first (e.g. our own ack): 1..2 still missing.
        store.insertEvents({ message(7, 3, 1, "mine") });
        QCOMPARE(store.conversation(7)->localSeq, 0u);
        store.insertEvents({ message(7, 1, 2, "a"), message(7, 2, 2, "b") });
        QCOMPARE(store.conversation(7)->localSeq, 3u);
        QCOMPARE(store.missingRanges().at(0).afterSeq, 3u);
        // Duplicates are ignored, not stored twice.
        QVERIFY(store.insertEvents({ message(7, 2, 2, "b") }).isEmpty());
        store.insertEvents({ message(7, 4, 2, "c"), message(7, 5, 2, "d") });
        QVERIFY(store.missingRanges().isEmpty());
        const auto rows = store.messages("bob", 10);
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.first().text, QStringLiteral("a"));
        QCOMPARE(rows.at(2).state, MessageRow::State::Sent);
        QCOMPARE(rows.at(3).state, MessageRow::State::Received);
        // Paging: two before seq 4.
        const auto page = store.messages("bob", 2, 4);
        QCOMPARE(page.size(), 2);
        QCOMPARE(page.at(0).seq, 2u);
        QCOMPARE(page.at(1).seq, 3u);
    }
    void unreadCountsOnlyOthers()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        store.upsertConversation(7, proto::DIRECT, "bob");
        store.insertEvents(
            { message(7, 1, 2, "a"), message(7, 2, 1, "mine"), message(7, 3, 2, "c") });
        QCOMPARE(store.conversation(7)->unread, 2);
        QCOMPARE(store.unreadTotal(), 2);
        store.setReadSeq(7, 2);
        QCOMPARE(store.conversation(7)->unread, 1);
        store.setReadSeq(7, 1); // never moves back
        QCOMPARE(store.conversation(7)->readSeq, 2u);
        const auto list = store.conversations();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].lastText, QStringLiteral("c"));
        QCOMPARE(list[0].lastFrom, QString()); // bob's name unknown until the feed says
        store.upsertUser(2, "bob");
        QCOMPARE(store.conversations()[0].lastFrom, QStringLiteral("bob"));
    }
    void outboxKeepsOrderAcrossReopen()
    {
        QTemporaryDir dir;
        const QByteArray key(32, 'k');
        QStringList ids;
        {
            Store store(dir.path(), key);
            store.saveAccount(alice());
            Outbox outbox(store);
            for (int i = 0; i < 5; ++i)
                ids << outbox.enqueueMessage("bob", QStringLiteral("m%1").arg(i));
        }
        Store store(dir.path(), key);
        Outbox outbox(store);
        QCOMPARE(outbox.pendingCount(), 5);
        const auto rows = store.latestMessages("bob", 10);
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
        auto view = store.latestMessages("bob", 10);
        QCOMPARE(view.size(), 5);
        QCOMPARE(view[0].state, MessageRow::State::Sent);
        QCOMPARE(view[0].seq, 2u);
        QCOMPARE(view[0].clientId, ids[0]);
        // Seq 1 (conversation created) is not stored: a gap to pull.
        QCOMPARE(store.missingRanges().size(), 1);
        // A refused message stays visible as failed and can be retried in place.
        outbox.fail(ids[1], "no such user");
        QCOMPARE(outbox.nextPending()->clientId, ids[2]);
        view = store.latestMessages("bob", 10);
        QCOMPARE(view[1].state, MessageRow::State::Failed);
        QCOMPARE(view[1].error, QStringLiteral("no such user"));
        QVERIFY(outbox.retry(ids[1]));
        QCOMPARE(outbox.nextPending()->clientId, ids[1]);
    }
    void outboxRejectsBadText()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        Outbox outbox(store);
        QVERIFY_THROWS_EXCEPTION(StoreError, outbox.enqueueMessage("bob", QString()));
        QVERIFY_THROWS_EXCEPTION(StoreError, outbox.enqueueMessage("bob", QString(8001, 'x')));
        QCOMPARE(outbox.pendingCount(), 0);
    }
    void readMarkGoesThroughOutbox()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        Outbox outbox(store);
        QVERIFY(!outbox.enqueueRead("bob"));
        store.upsertConversation(7, proto::DIRECT, "bob");
        store.insertEvents({ message(7, 1, 2, "a"), message(7, 2, 2, "b") });
        QVERIFY(outbox.enqueueRead("bob"));
        QCOMPARE(store.conversation(7)->unread, 0);
        const auto entry = outbox.nextPending();
        QVERIFY(entry);
        QCOMPARE(entry->kind, OutboxEntry::Read);
        // A read mark is engine work, not a message the user waits for.
        QCOMPARE(outbox.pendingCount(), 1);
        QCOMPARE(outbox.pendingMessageCount(), 0);
        QCOMPARE(entry->readSeq, 2u);
        QCOMPARE(entry->conversationId, 7u);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
