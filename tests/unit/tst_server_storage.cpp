// Server storage and conversation rules on a real SQLite file in a
// temporary directory: idempotent send, gapless seqs, direct conversation
// reuse, feed entries, errors, the writer's group commit, its checkpoints
// and WAL write buffer, and pulls answered from RecentEvents.
#include "conversations/ConversationService.h"
#include "gateway/Accounts.h"
#include "gateway/Credentials.h"
#include "storage/DbWorker.h"
#include "storage/RecentEvents.h"
#include "storage/SqliteStorage.h"
#include "storage/TransactionGuard.h"
#include "storage/WalWriteBuffer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

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

    // Runs op on the writer and waits for its answer (or failure).
    static void onWriter(DbWorker &writer, std::function<DbOutcome(Storage &)> op)
    {
        QSemaphore done;
        writer.submit(DbOp { [&](Storage &s) {
                                DbOutcome out = op(s);
                                auto deliver = std::move(out.deliver);
                                out.deliver = [&done, deliver] {
                                    if (deliver)
                                        deliver();
                                    done.release();
                                };
                                return out;
                            },
            [&](const QString &) { done.release(); } });
        QVERIFY(done.tryAcquire(1, 10000));
    }

    // Whatever RecentEvents answers is byte for byte what the database says;
    // it declines what it does not hold, non-members and rolled-back sends.
    void recentEventsAnswerLikeTheDatabase()
    {
        m_db.reset();
        RecentEvents recent;
        SqliteOptions options;
        options.writerCache = true;
        DbWorker writer(dbPath(), options, 64, &recent);
        QCOMPARE(writer.startAndOpen(), QString());
        Snowflake ids(3);
        quint64 conv = 0;
        for (int i = 0; i < 80; ++i) {
            const Actor &from = i % 3 ? m_alice : m_bob;
            const QByteArray cid = QByteArray("r") + QByteArray::number(i);
            onWriter(writer, [&](Storage &s) {
                SendResult r = ConversationService::send(
                    s, ids, from, sendTo(&from == &m_alice ? "bob" : "alice", cid.constData()), i);
                conv = r.ack.conversation_id();
                return DbOutcome { bool(r.error), {} };
            });
        }
        // A refused op: its event never reaches RecentEvents, and the seq it
        // had is handed out again.
        onWriter(writer, [&](Storage &s) {
            ConversationService::send(s, ids, m_alice, sendTo("bob", "undone"), 100);
            return DbOutcome { true, {} };
        });
        onWriter(writer, [&](Storage &s) {
            ConversationService::send(s, ids, m_alice, sendTo("bob", "kept"), 101);
            return DbOutcome {};
        });
        QVERIFY(conv != 0);

        SqliteStorage reader(dbPath(), SqliteOptions { "FULL", 1000, false });
        const auto answerOf
            = [&](const Actor &who, quint64 conversation, quint64 after, quint32 limit) {
                  proto::PullRequest request;
                  auto *range = request.add_ranges();
                  range->set_conversation_id(conversation);
                  range->set_after_seq(after);
                  range->set_limit(limit);
                  const auto fromMemory = ConversationService::pullRecent(recent, who, request);
                  const PullResult fromDb = ConversationService::pull(reader, who, request);
                  return std::make_pair(fromMemory, fromDb);
              };
        int served = 0;
        for (quint64 after : { 0, 1, 17, 30, 60, 79, 80, 81, 82, 500 }) {
            for (quint32 limit : { 0u, 1u, 5u }) {
                const auto [memory, db] = answerOf(m_bob, conv, after, limit);
                QVERIFY(!db.error);
                if (!memory)
                    continue;
                ++served;
                QCOMPARE(memory->SerializeAsString(), db.response.SerializeAsString());
                for (const proto::Event &e : memory->events())
                    QVERIFY(e.client_id() != "undone");
            }
        }
        QVERIFY(served >= 18); // everything after the run's start (seq 82 - 64)
        QVERIFY(!answerOf(m_bob, conv, 0, 0).first); // older than the run
        QVERIFY(!answerOf(m_carol, conv, 80, 0).first); // not a member
        QVERIFY(!answerOf(m_bob, conv + 1, 0, 0).first); // unknown conversation
        const auto [memory, db] = answerOf(m_bob, conv, 80, 0);
        QVERIFY(memory);
        QCOMPARE(memory->events_size(), 2); // seq 81, 82
        QCOMPARE(memory->events(1).client_id(), std::string("kept"));
        QCOMPARE(memory->heads(0).last_seq(), 82u);
    }

    void recentEventsStayBounded()
    {
        RecentEvents recent;
        const QList<quint64> members { 1, 2 };
        const auto event = [](quint64 conv, quint64 seq, qsizetype bodyBytes) {
            return EventRow { conv, seq, seq, 1, 1, QString(), 1, 0, QByteArray(bodyBytes, 'b') };
        };
        for (quint64 seq = 1; seq <= 100; ++seq)
            recent.append(event(7, seq, 10), members);
        QVERIFY(!recent.after(7, 1, 0, 1000)); // seqs 1..36 are gone
        auto slice = recent.after(7, 1, 36, 1000);
        QVERIFY(slice);
        QCOMPARE(slice->events.size(), RecentEvents::kEventsPerConversation);
        QCOMPARE(slice->events.first().seq, 37u);
        QCOMPARE(slice->lastSeq, 100u);
        // A gap: the run starts over at the new seq.
        recent.append(event(7, 102, 10), members);
        QVERIFY(!recent.after(7, 1, 100, 1000));
        QCOMPARE(recent.after(7, 1, 101, 1000)->events.size(), 1);
        recent.forget(7);
        QVERIFY(!recent.after(7, 1, 101, 1000));
        // The byte budget: the least recently appended conversations go.
        const qsizetype big = 1024 * 1024;
        for (quint64 conv = 100; conv < 150; ++conv)
            recent.append(event(conv, 1, big), members);
        QVERIFY(recent.bytes() <= RecentEvents::kBudgetBytes);
        QVERIFY(recent.conversations() < 50);
        QVERIFY(!recent.after(100, 1, 0, 10));
        QVERIFY(recent.after(149, 1, 0, 10));
    }

    // Under writes that never pause, the WAL still starts over from its
    // beginning again and again: the writer finishes what the checkpoint
    // thread caught up with (at the latest kMaxFinishDelay after the offer).
    void walStartsOverUnderContinuousWrites()
    {
        m_db.reset();
        SqliteOptions options;
        options.synchronous = QStringLiteral("NORMAL"); // quick; checkpoints alike
        options.writerCache = true;
        options.checkpointPages = 32;
        const QString path = dbPath();
        {
            DbWorker writer(path, options, 4);
            QCOMPARE(writer.startAndOpen(), QString());
            QSemaphore room(200); // ops in flight: the queue never runs dry
            Snowflake ids(4);
            QElapsedTimer clock;
            clock.start();
            int submitted = 0;
            while (clock.elapsed() < 1500) {
                room.acquire();
                const int i = submitted++;
                writer.submit(
                    DbOp { [&, i](Storage &s) {
                              s.insertUser(UserRow { ids.next(),
                                  QStringLiteral("w%1-%2").arg(i % 97).arg(i), "h", 1, 0 });
                              return DbOutcome { false, [&] { room.release(); } };
                          },
                        [&](const QString &) { room.release(); } });
            }
            QVERIFY(room.tryAcquire(200, 10000));
            // The WAL header's checkpoint sequence number counts the times the
            // WAL started over (read before the last connection closes and
            // removes the file). Without the writer's part it stays near 0.
            QFile wal(path + "-wal");
            QVERIFY(wal.open(QIODevice::ReadOnly));
            const QByteArray header = wal.read(32);
            QCOMPARE(header.size(), 32);
            const quint32 restarts = qFromBigEndian<quint32>(header.constData() + 12);
            QVERIFY2(restarts >= 5, qPrintable(QString::number(restarts)));
        }
        SqliteStorage check(path, SqliteOptions {});
        QVERIFY(check.userByName("w0-0"));
    }

    // One write per commit, readers see every commit, and the VFS is only
    // used where SQLite syncs the WAL at each commit.
    void walWriteBufferWritesOncePerCommit()
    {
        m_db.reset();
        QVERIFY(WalWriteBuffer::uriFor(dbPath(), "NORMAL").isEmpty());
        QVERIFY(WalWriteBuffer::uriFor(dbPath(), "OFF").isEmpty());
        QVERIFY(!WalWriteBuffer::uriFor(dbPath(), "FULL").isEmpty());
        const QString path
            = m_dir.filePath(QStringLiteral("wal buffer %1 #?.sqlite").arg(m_dbCounter));
        SqliteOptions options;
        options.writerCache = true;
        options.walWriteBuffer = true;
        SqliteStorage writer(path, options);
        SqliteStorage reader(path, SqliteOptions { "FULL", 1000, false });
        Snowflake ids(5);
        for (int round = 0; round < 5; ++round) {
            const quint64 before = WalWriteBuffer::flushes();
            {
                TransactionGuard tx(writer);
                for (int i = 0; i < 50; ++i)
                    writer.insertUser(UserRow {
                        ids.next(), QStringLiteral("b%1-%2").arg(round).arg(i), "h", 1, 0 });
                tx.commit();
            }
            QCOMPARE(WalWriteBuffer::flushes(), before + 1);
            TransactionGuard snapshot(reader);
            QVERIFY(reader.userByName(QStringLiteral("b%1-49").arg(round)));
            snapshot.commit();
        }
        // A commit larger than the base VFS writes in one call (128 KiB) and
        // larger than the buffer itself (4 MiB).
        for (const int kib : { 300, 5000 }) {
            const QByteArray big(kib * 1024, 'x');
            const QString name = QStringLiteral("big%1").arg(kib);
            {
                TransactionGuard tx(writer);
                writer.insertUser(UserRow { ids.next(), name, big, 1, 0 });
                tx.commit();
            }
            TransactionGuard snapshot(reader);
            const auto user = reader.userByName(name);
            QVERIFY(user);
            QCOMPARE(user->pwhash, big);
            snapshot.commit();
        }
        QVERIFY(QFileInfo::exists(path + "-wal")); // the file by its own name
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
