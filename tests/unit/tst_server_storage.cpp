// Server storage and conversation rules on a real SQLite file in a
// temporary directory: idempotent send, gapless seqs, direct conversation
// reuse, feed entries, errors, and the writer's group commit.
#include "conversations/ConversationService.h"
#include "gateway/Accounts.h"
#include "gateway/Credentials.h"
#include "storage/DbWorker.h"
#include "storage/SqliteStorage.h"
#include "storage/TransactionGuard.h"

#include <QFile>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace natter;
using namespace natter::server;

namespace {

std::string textBody(const char *text)
{
    proto::EventBody body;
    body.mutable_text()->set_text(text);
    return body.SerializeAsString();
}

proto::SendRequest sendTo(const char *user, const char *clientId, const char *text = "hi")
{
    proto::SendRequest r;
    r.set_client_id(clientId);
    r.set_to_user(user);
    r.set_body(textBody(text));
    return r;
}

proto::SendRequest sendIn(quint64 conversationId, const char *clientId, const char *text = "hi")
{
    proto::SendRequest r;
    r.set_client_id(clientId);
    r.set_conversation_id(conversationId);
    r.set_body(textBody(text));
    return r;
}

} // namespace

class TestServerStorage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStorage> m_db;
    Snowflake m_ids { 1 };
    Actor m_alice, m_bob, m_carol;
    int m_dbCounter = 0;

    QString dbPath() const
    {
        return m_dir.filePath(QStringLiteral("db%1.sqlite").arg(m_dbCounter));
    }

    Actor makeUser(const char *name)
    {
        const AuthResult r = Accounts::createAccount(
            *m_db, m_ids, name, "hash", "dev", Credentials::hashSecret("secret"), 1000);
        return { r.userId, r.deviceId };
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        ++m_dbCounter;
        // As natterd's writer runs it: with its cache of rows only it changes.
        SqliteOptions writer;
        writer.writerCache = true;
        m_db = std::make_unique<SqliteStorage>(dbPath(), writer);
        m_alice = makeUser("alice");
        m_bob = makeUser("bob");
        m_carol = makeUser("carol");
    }
    void cleanup() { m_db.reset(); }

    void schemaIsVersioned()
    {
        QCOMPARE(SqliteStorage::schemaVersion(), 1);
        m_db.reset();
        // Reopening migrates nothing and a reader accepts the version.
        SqliteStorage writer(dbPath(), SqliteOptions {});
        SqliteStorage reader(dbPath(), SqliteOptions { "FULL", 1000, false });
        QVERIFY(reader.userByName("alice").has_value());
    }

    void userExists()
    {
        const AuthResult r = Accounts::createAccount(*m_db, m_ids, "alice", "h", "d", "t", 1);
        QCOMPARE(r.error.code, proto::USER_EXISTS);
    }

    void sendCreatesDirectConversationOnce()
    {
        const SendResult first
            = ConversationService::send(*m_db, m_ids, m_alice, sendTo("bob", "c1"), 2000);
        QVERIFY(!first.error);
        QCOMPARE(first.ack.seq(), 2u);
        QCOMPARE(first.fanout.feedNotifies.size(), 2); // both members joined
        QCOMPARE(first.fanout.notifies.size(), 1);
        QCOMPARE(first.fanout.notifies[0].exceptDevice, m_alice.deviceId);
        QCOMPARE(first.fanout.notifies[0].userIds.size(), 2);
        const quint64 conv = first.ack.conversation_id();

        const SendResult back = ConversationService::send(*m_db, m_ids, m_bob,
            sendTo("alice", "c1"), 2001); // same client id, other sender: distinct
        QVERIFY(!back.error);
        QCOMPARE(back.ack.conversation_id(), conv);
        QCOMPARE(back.ack.seq(), 3u);
        QVERIFY(back.fanout.feedNotifies.isEmpty());

        const QList<EventRow> events = m_db->events(conv, 0, 100);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[0].kind, int(proto::EVENT_CREATED));
        QCOMPARE(events[0].senderId, m_alice.userId);
        QCOMPARE(m_db->members(conv).size(), 2);
    }

    void sendIsIdempotent()
    {
        const SendResult a
            = ConversationService::send(*m_db, m_ids, m_alice, sendTo("bob", "same"), 2000);
        const SendResult b = ConversationService::send(
            *m_db, m_ids, m_alice, sendTo("bob", "same", "different text"), 9999);
        QVERIFY(b.duplicate);
        QCOMPARE(b.ack.seq(), a.ack.seq());
        QCOMPARE(b.ack.id(), a.ack.id());
        QCOMPARE(b.ack.time_ms(), a.ack.time_ms());
        QVERIFY(b.fanout.isEmpty());
        QCOMPARE(m_db->events(a.ack.conversation_id(), 0, 100).size(), 2);

        // The unique index holds even if the service check were bypassed.
        EventRow dup = m_db->events(a.ack.conversation_id(), 1, 1).first();
        dup.seq = 99;
        QVERIFY_THROWS_EXCEPTION(StorageError, m_db->insertEvent(dup));
    }

    void seqsAreGapless()
    {
        const SendResult first
            = ConversationService::send(*m_db, m_ids, m_alice, sendTo("bob", "g0"), 1);
        const quint64 conv = first.ack.conversation_id();
        for (int i = 1; i <= 50; ++i) {
            const QByteArray cid = "g" + QByteArray::number(i);
            const Actor &who = i % 2 ? m_bob : m_alice;
            const SendResult r = ConversationService::send(
                *m_db, m_ids, who, sendIn(conv, cid.constData()), 1 + i);
            QVERIFY(!r.error);
            QCOMPARE(r.ack.seq(), quint64(i + 2));
        }
        const QList<EventRow> events = m_db->events(conv, 0, 1000);
        QCOMPARE(events.size(), 52);
        for (int i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].seq, quint64(i + 1));
        QCOMPARE(m_db->conversationById(conv)->lastSeq, 52u);

        proto::PullRequest pull;
        auto *range = pull.add_ranges();
        range->set_conversation_id(conv);
        range->set_after_seq(10);
        range->set_limit(5);
        const PullResult p = ConversationService::pull(*m_db, m_alice, pull);
        QVERIFY(!p.error);
        QCOMPARE(p.response.events_size(), 5);
        QCOMPARE(p.response.events(0).seq(), 11u);
        QCOMPARE(p.response.heads(0).last_seq(), 52u);
    }

    void errors()
    {
        QCOMPARE(
            ConversationService::send(*m_db, m_ids, m_alice, sendTo("nobody", "e1"), 1).error.code,
            proto::NOT_FOUND);
        QCOMPARE(
            ConversationService::send(*m_db, m_ids, m_alice, sendTo("alice", "e2"), 1).error.code,
            proto::INVALID_ARGUMENT);
        QCOMPARE(ConversationService::send(*m_db, m_ids, m_alice, sendIn(42, "e3"), 1).error.code,
            proto::NOT_FOUND);
        const quint64 conv
            = ConversationService::send(*m_db, m_ids, m_alice, sendTo("bob", "e4"), 1)
                  .ack.conversation_id();
        QCOMPARE(ConversationService::send(*m_db, m_ids, m_carol, sendIn(conv, "e5"), 1).error.code,
            proto::FORBIDDEN);
        proto::PullRequest pull;
        pull.add_ranges()->set_conversation_id(conv);
        QCOMPARE(ConversationService::pull(*m_db, m_carol, pull).error.code, proto::FORBIDDEN);

        QCOMPARE(ConversationService::validateSend(sendTo("bob", ""), 8000).code,
            proto::INVALID_ARGUMENT);
        QCOMPARE(ConversationService::validateSend(sendTo("bob", "x", ""), 8000).code,
            proto::INVALID_ARGUMENT);
        const std::string longText(8001, 'x');
        QCOMPARE(ConversationService::validateSend(sendTo("bob", "x", longText.c_str()), 8000).code,
            proto::TOO_LARGE);
        proto::SendRequest garbage = sendTo("bob", "x");
        garbage.set_body("\xff\xff\xff");
        QCOMPARE(ConversationService::validateSend(garbage, 8000).code, proto::INVALID_ARGUMENT);
        QVERIFY(!ConversationService::validateSend(sendTo("bob", "x", "ok"), 8000));
    }

    void feedEntries()
    {
        const SendResult s
            = ConversationService::send(*m_db, m_ids, m_alice, sendTo("bob", "f1"), 5000);
        const quint64 conv = s.ack.conversation_id();
        proto::FeedPullResponse feed
            = ConversationService::feedPull(*m_db, m_bob, proto::FeedPullRequest());
        QCOMPARE(feed.entries_size(), 1);
        QCOMPARE(feed.entries(0).seq(), 1u);
        QCOMPARE(feed.entries(0).joined().conversation_id(), conv);
        QCOMPARE(feed.entries(0).joined().members_size(), 2);
        QCOMPARE(feed.feed_seq(), 1u);
        QCOMPARE(feed.heads_size(), 1);
        QCOMPARE(feed.heads(0).last_seq(), 2u);

        proto::MarkReadRequest mark;
        mark.set_conversation_id(conv);
        mark.set_seq(100);
        MarkReadResult m = ConversationService::markRead(*m_db, m_bob, mark, 6000);
        QVERIFY(!m.error);
        QCOMPARE(m.fanout.feedNotifies.size(), 1);
        QCOMPARE(m.fanout.feedNotifies[0].seq, 2u);
        m = ConversationService::markRead(*m_db, m_bob, mark, 6001); // no change
        QVERIFY(m.fanout.isEmpty());
        QCOMPARE(
            ConversationService::markRead(*m_db, m_carol, mark, 1).error.code, proto::FORBIDDEN);

        proto::FeedPullRequest after;
        after.set_after_seq(1);
        feed = ConversationService::feedPull(*m_db, m_bob, after);
        QCOMPARE(feed.entries_size(), 1);
        QCOMPARE(feed.entries(0).read().seq(), 2u); // clamped to the head
        QCOMPARE(feed.entries(0).time_ms(), 6000);
    }

    void devicesAndTokens()
    {
        const QByteArray secret = Credentials::newSecret();
        const AuthResult d = Accounts::addDevice(
            *m_db, m_ids, m_alice.userId, "phone", Credentials::hashSecret(secret), {}, 10);
        QVERIFY(!d.error);
        const QString token = Credentials::makeToken(d.deviceId, secret);
        quint64 id = 0;
        QByteArray parsed;
        QVERIFY(Credentials::parseToken(token, &id, &parsed));
        QCOMPARE(id, d.deviceId);
        QVERIFY(!Accounts::resume(*m_db, id, Credentials::hashSecret(parsed), 20).error);
        QCOMPARE(Accounts::resume(*m_db, id, Credentials::hashSecret("nope"), 20).error.code,
            proto::AUTH_FAILED);
        QCOMPARE(m_db->deviceById(id)->lastSeenMs, 20);

        Fanout fanout;
        QCOMPARE(Accounts::revoke(*m_db, m_bob.userId, id, &fanout).code, proto::NOT_FOUND);
        QVERIFY(!Accounts::revoke(*m_db, m_alice.userId, id, &fanout));
        QCOMPARE(fanout.closeDevices, QList<quint64> { id });
        QCOMPARE(Accounts::resume(*m_db, id, Credentials::hashSecret(parsed), 30).error.code,
            proto::AUTH_FAILED);
        const proto::DevicesResponse list = Accounts::devices(*m_db, m_alice.userId, id);
        QCOMPARE(list.devices_size(), 2);
        QVERIFY(list.devices(1).revoked());
        QVERIFY(list.devices(1).current());
    }

    void passwords()
    {
        QVERIFY(Credentials::init());
        const PwhashParams cheap { 1, 1 << 20 };
        const QByteArray hash = Credentials::hashPassword("correct horse", cheap);
        QVERIFY(hash.startsWith("$argon2id$"));
        QVERIFY(Credentials::verifyPassword(hash, "correct horse"));
        QVERIFY(!Credentials::verifyPassword(hash, "wrong horse"));
        QVERIFY(!Credentials::needsRehash(hash, cheap));
        QVERIFY(Credentials::needsRehash(hash, PwhashParams { 2, 2 << 20 }));
    }

    void writerCacheForgetsRolledBackWrites()
    {
        m_db->begin();
        m_db->savepoint("op");
        const SendResult lost
            = ConversationService::send(*m_db, m_ids, m_alice, sendTo("bob", "r1"), 1);
        QVERIFY(!lost.error);
        const quint64 lostConversation = lost.ack.conversation_id();
        QVERIFY(m_db->conversationById(lostConversation).has_value());
        m_db->rollbackToSavepoint("op");
        m_db->releaseSavepoint("op");
        // Nothing of the rolled-back send is remembered.
        QVERIFY(!m_db->conversationById(lostConversation).has_value());
        QVERIFY(!m_db->directConversation(
            ConversationService::directKey(m_alice.userId, m_bob.userId)));
        QVERIFY(m_db->memberUserIds(lostConversation).isEmpty());
        const SendResult first
            = ConversationService::send(*m_db, m_ids, m_alice, sendTo("bob", "r2"), 2);
        QVERIFY(first.ack.conversation_id() != lostConversation);
        QCOMPARE(first.ack.seq(), quint64(2)); // 1 is the "created" event
        m_db->commit();

        // A rolled-back message leaves the conversation's last seq where it was.
        const quint64 conversation = first.ack.conversation_id();
        m_db->begin();
        m_db->savepoint("op");
        ConversationService::send(*m_db, m_ids, m_alice, sendIn(conversation, "r3"), 3);
        QCOMPARE(m_db->conversationById(conversation)->lastSeq, quint64(3));
        m_db->rollbackToSavepoint("op");
        m_db->releaseSavepoint("op");
        QCOMPARE(m_db->conversationById(conversation)->lastSeq, quint64(2));
        const SendResult next
            = ConversationService::send(*m_db, m_ids, m_bob, sendIn(conversation, "r4"), 4);
        QCOMPARE(next.ack.seq(), quint64(3));
        QCOMPARE(m_db->memberUserIds(conversation),
            QList<quint64>(
                { qMin(m_alice.userId, m_bob.userId), qMax(m_alice.userId, m_bob.userId) }));
        m_db->commit();
    }

    void transactionGuardRollsBack()
    {
        {
            TransactionGuard tx(*m_db);
            m_db->insertUser(UserRow { 777, "temp", "h", 1, 0 });
        }
        QVERIFY(!m_db->userByName("temp"));
        {
            TransactionGuard tx(*m_db);
            m_db->insertUser(UserRow { 778, "kept", "h", 1, 0 });
            tx.commit();
        }
        QVERIFY(m_db->userByName("kept"));
    }

    void sqlErrorsReachTheCaller()
    {
        QVERIFY_THROWS_EXCEPTION(
            StorageError, m_db->insertUser(UserRow { m_alice.userId, "dup", "h", 1, 0 }));
        QVERIFY_THROWS_EXCEPTION(StorageError, m_db->appendFeed(123456, 1, "x"));
        QFile junk(m_dir.filePath("junk.sqlite"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(8192, 'j'));
        junk.close();
        QVERIFY_THROWS_EXCEPTION(StorageError, SqliteStorage(junk.fileName(), SqliteOptions {}));
    }

    // A bad op in a batch fails alone; the others commit and are delivered.
    void groupCommitIsolatesFailures()
    {
        m_db.reset();
        DbWorker writer(dbPath(), SqliteOptions {}, 512);
        QCOMPARE(writer.startAndOpen(), QString());
        QSemaphore done;
        std::atomic<int> delivered { 0 }, failed { 0 };
        // Hold the writer busy so the following ops land in one batch.
        writer.submit(DbOp { [](Storage &) {
                                QThread::msleep(100);
                                return DbOutcome {};
                            },
            {} });
        Snowflake ids(2);
        for (int i = 0; i < 20; ++i) {
            writer.submit(
                DbOp { [&, i](Storage &s) {
                          if (i == 7) // a duplicate primary key
                              s.insertUser(UserRow { m_alice.userId, "x", "h", 1, 0 });
                          s.insertUser(UserRow { ids.next(), QString("u%1").arg(i), "h", 1, 0 });
                          // A refused request: its writes go, its answer still leaves.
                          return DbOutcome { i == 12, [&] {
                                                ++delivered;
                                                done.release();
                                            } };
                      },
                    [&](const QString &) {
                        ++failed;
                        done.release();
                    } });
        }
        QVERIFY(done.tryAcquire(20, 10000));
        QCOMPARE(delivered.load(), 19);
        QCOMPARE(failed.load(), 1);
        QVERIFY(writer.batchesCommitted() <= 3); // grouped, not one commit per op
        writer.stopAndWait();

        SqliteStorage check(dbPath(), SqliteOptions {});
        QVERIFY(check.userByName("u0"));
        QVERIFY(!check.userByName("u7"));
        QVERIFY(!check.userByName("u12"));
        QVERIFY(check.userByName("u11"));
        QVERIFY(check.userByName("u19"));
    }
};

QTEST_GUILESS_MAIN(TestServerStorage)
#include "tst_server_storage.moc"
