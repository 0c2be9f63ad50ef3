// The writer and what it feeds: group commit (a failing op fails alone, the
// others commit and are answered), RecentEvents answering pulls byte for
// byte like the database, and RecentEvents' bounds.
#include "ServerTestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/Credentials.h"
#include "conversations/ConversationService.h"
#include "storage/DbWorker.h"
#include "storage/RecentEvents.h"
#include "storage/TransactionGuard.h"

#include <QSemaphore>
#include <QTest>

#include <atomic>

using namespace natter;
using namespace natter::server;
using namespace natter::server::test;

class TestServerWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

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
            [&](const StorageError &) { done.release(); } });
        QVERIFY(done.tryAcquire(1, 10000));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Whatever RecentEvents answers is byte for byte what the database says;
    // it declines what it does not hold, non-members and rolled-back sends.
    void recentEventsAnswerLikeTheDatabase()
    {
        const auto backend = freshBackend(m_dir);
        RecentEvents recent;
        DbWorker writer(*backend, 64, &recent);
        QCOMPARE(writer.startAndOpen(), QString());
        Snowflake ids(3);
        Actor alice, bob, carol;
        onWriter(writer, [&](Storage &s) {
            for (auto [who, name] : { std::pair { &alice, "alice" }, std::pair { &bob, "bob" },
                     std::pair { &carol, "carol" } }) {
                const AuthResult r = Accounts::createAccount(s, ids, name, "h", "d", "t", 1);
                *who = { r.userId, r.deviceId };
            }
            return DbOutcome {};
        });
        quint64 conv = 0;
        for (int i = 0; i < 80; ++i) {
            const Actor &from = i % 3 ? alice : bob;
            const QByteArray cid = QByteArray("r") + QByteArray::number(i);
            onWriter(writer, [&](Storage &s) {
                proto::SendRequest request
                    = sendTo(&from == &alice ? "bob" : "alice", cid.constData());
                if (i == 40) { // a relation travels along
                    request.mutable_relates_to()->set_type(proto::RELATION_REPLY);
                    request.mutable_relates_to()->set_seq(7);
                }
                SendResult r = ConversationService::send(s, ids, from, request, i);
                conv = r.ack.conversation_id();
                return DbOutcome { bool(r.error), {} };
            });
        }
        // A refused op: its event never reaches RecentEvents, and the seq it
        // had is handed out again.
        onWriter(writer, [&](Storage &s) {
            ConversationService::send(s, ids, alice, sendTo("bob", "undone"), 100);
            return DbOutcome { true, {} };
        });
        onWriter(writer, [&](Storage &s) {
            ConversationService::send(s, ids, alice, sendTo("bob", "kept"), 101);
            return DbOutcome {};
        });
        QVERIFY(conv != 0);

        const std::unique_ptr<Storage> reader = backend->openReader();
        const auto answerOf
            = [&](const Actor &who, quint64 conversation, quint64 after, quint32 limit) {
                  proto::PullRequest request;
                  auto *range = request.add_ranges();
                  range->set_conversation_id(conversation);
                  range->set_after_seq(after);
                  range->set_limit(limit);
                  const auto fromMemory = ConversationService::pullRecent(recent, who, request);
                  TransactionGuard snapshot(*reader);
                  const PullResult fromDb = ConversationService::pull(*reader, who, request);
                  snapshot.commit();
                  return std::make_pair(fromMemory, fromDb);
              };
        int served = 0;
        for (quint64 after : { 0, 1, 17, 30, 40, 60, 79, 80, 81, 82, 500 }) {
            for (quint32 limit : { 0u, 1u, 5u }) {
                const auto [memory, db] = answerOf(bob, conv, after, limit);
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
        QVERIFY(!answerOf(bob, conv, 0, 0).first); // older than the run
        QVERIFY(!answerOf(carol, conv, 80, 0).first); // not a member
        QVERIFY(!answerOf(bob, conv + 1, 0, 0).first); // unknown conversation
        const auto [memory, db] = answerOf(bob, conv, 80, 0);
        QVERIFY(memory);
        QCOMPARE(memory->events_size(), 2); // seq 81, 82
        QCOMPARE(memory->events(1).client_id(), std::string("kept"));
        QCOMPARE(memory->heads(0).last_seq(), 82u);
        const auto withRelation = answerOf(bob, conv, 41, 1).first;
        QVERIFY(withRelation);
        QCOMPARE(withRelation->events(0).relates_to().seq(), 7u);
    }

    void recentEventsStayBounded()
    {
        RecentEvents recent;
        const QList<quint64> members { 1, 2 };
        const auto event = [](quint64 conv, quint64 seq, qsizetype bodyBytes) {
            return EventRow { conv, seq, seq, 1, 1, QString(), 1, 0, QByteArray(bodyBytes, 'b'),
                {} };
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

    // A bad op in a batch fails alone, with its typed error; the others
    // commit and are delivered.
    void groupCommitIsolatesFailures()
    {
        const auto backend = freshBackend(m_dir);
        DbWorker writer(*backend, 512);
        QCOMPARE(writer.startAndOpen(), QString());
        QSemaphore done;
        std::atomic<int> delivered { 0 }, failed { 0 };
        std::atomic<int> failedKind { -1 };
        onWriter(writer, [](Storage &s) {
            s.users().insert(UserRow { 1, "first", "h", 1, 0 });
            return DbOutcome {};
        });
        // Hold the writer busy so the following ops land in one batch.
        writer.submit(DbOp { [](Storage &) {
                                QThread::msleep(100);
                                return DbOutcome {};
                            },
            {} });
        for (int i = 0; i < 20; ++i) {
            writer.submit(DbOp { [&, i](Storage &s) {
                                    if (i == 7) // a duplicate primary key
                                        s.users().insert(UserRow { 1, "x", "h", 1, 0 });
                                    s.users().insert(UserRow {
                                        quint64(100 + i), QString("u%1").arg(i), "h", 1, 0 });
                                    // A refused request: its writes go, its answer still leaves.
                                    return DbOutcome { i == 12, [&] {
                                                          ++delivered;
                                                          done.release();
                                                      } };
                                },
                [&](const StorageError &e) {
                    failedKind = int(e.kind());
                    ++failed;
                    done.release();
                } });
        }
        QVERIFY(done.tryAcquire(20, 10000));
        QCOMPARE(delivered.load(), 19);
        QCOMPARE(failed.load(), 1);
        QCOMPARE(failedKind.load(), int(StorageError::Kind::Duplicate));
        QVERIFY(writer.batchesCommitted() <= 4); // grouped, not one commit per op
        writer.stopAndWait();

        const std::unique_ptr<Storage> check = backend->openReader();
        QVERIFY(check->users().byName("u0"));
        QVERIFY(!check->users().byName("u7"));
        QVERIFY(!check->users().byName("u12"));
        QVERIFY(check->users().byName("u11"));
        QVERIFY(check->users().byName("u19"));
    }
};

QTEST_GUILESS_MAIN(TestServerWriter)
#include "tst_server_writer.moc"
