// What only the SQLite backend does: its errors on files that are not a
// usable database, its schema migrations (on a database written by the
// previous release, tests/fixtures), the checkpoints that let the WAL start
// over under writes that never pause, and the WAL write buffer.
#include "storage/DbWorker.h"
#include "storage/TransactionGuard.h"
#include "storage/sqlite/SqliteBackend.h"
#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/SqliteSchema.h"
#include "storage/sqlite/SqliteStorage.h"
#include "storage/sqlite/WalWriteBuffer.h"

#include "natter.pb.h"

#include <QDir>
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
using namespace natter::server::sqlite;

namespace {

template<class F> std::optional<StorageError::Kind> errorKindOf(F &&f)
{
    try {
        f();
    } catch (const StorageError &e) {
        return e.kind();
    }
    return std::nullopt;
}

} // namespace

class TestSqliteBackend : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    StorageOptions options(const QString &synchronous = QStringLiteral("FULL"))
    {
        StorageOptions o;
        o.dataDir = m_dir.filePath(QStringLiteral("data%1").arg(++m_counter));
        o.synchronous = synchronous;
        return o;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void notADatabase()
    {
        const StorageOptions o = options();
        QVERIFY(QDir().mkpath(o.dataDir));
        QFile junk(SqliteBackend::fileIn(o.dataDir));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(8192, 'j'));
        junk.close();
        QCOMPARE(errorKindOf([&] { SqliteBackend backend(o); }), StorageError::Kind::Corrupt);

        const StorageOptions dir = options();
        QVERIFY(QDir().mkpath(SqliteBackend::fileIn(dir.dataDir))); // a directory in its place
        QCOMPARE(errorKindOf([&] { SqliteBackend backend(dir); }), StorageError::Kind::Io);
    }

    void newerSchemaIsRefused()
    {
        const StorageOptions o = options();
        {
            SqliteBackend backend(o);
        }
        {
            SqliteConnection raw(SqliteBackend::fileIn(o.dataDir));
            raw.exec("PRAGMA user_version=" + QByteArray::number(schemaVersion() + 1));
        }
        try {
            SqliteBackend backend(o);
            QFAIL("a newer schema was accepted");
        } catch (const StorageError &e) {
            QCOMPARE(e.kind(), StorageError::Kind::Schema);
            QVERIFY2(e.message().contains(QLatin1String("newer")), qPrintable(e.message()));
        }
    }

    // A database written by main 6661323 (schema 1): everything is still
    // there, and it takes relations and new events after the migration.
    void migratesTheLastReleasesDatabase()
    {
        const StorageOptions o = options();
        QVERIFY(QDir().mkpath(o.dataDir));
        QVERIFY(QFile::copy(QStringLiteral(NATTER_FIXTURES_DIR "/server-schema1.sqlite"),
            SqliteBackend::fileIn(o.dataDir)));
        QFile::setPermissions(
            SqliteBackend::fileIn(o.dataDir), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        {
            SqliteConnection raw(SqliteBackend::fileIn(o.dataDir));
            QCOMPARE(raw.pragmaInt("PRAGMA user_version"), 1);
        }
        SqliteBackend backend(o);
        QCOMPARE(backend.schemaVersion(), 7);
        std::unique_ptr<WriterStorage> w = backend.openWriter();
        const auto alice = w->users().byName("alice");
        const auto bob = w->users().byName("bob");
        QVERIFY(alice && bob);
        QVERIFY(alice->pwhash.startsWith("$argon2id$"));
        QVERIFY(!alice->disabled && !bob->disabled); // schema 7's column, off for everyone
        QCOMPARE(w->devices().ofUser(alice->id).size(), 1);
        const QList<HeadRow> heads = w->conversations().headsOfUser(alice->id);
        QCOMPARE(heads.size(), 1);
        const quint64 conv = heads[0].conversationId;
        QCOMPARE(heads[0].lastSeq, 5u);
        const QList<EventRow> events = w->events().after(conv, 0, 100);
        QCOMPARE(events.size(), 5);
        QCOMPARE(events[0].kind, int(proto::EVENT_CREATED));
        for (const EventRow &e : events)
            QVERIFY(!e.relation.isSet());
        proto::EventBody body;
        QVERIFY(body.ParseFromString(events[4].body.toStdString()));
        QCOMPARE(body.text().text(), std::string("hi alice"));
        QCOMPARE(events[4].senderId, bob->id);
        QCOMPARE(w->conversations().member(conv, alice->id)->readSeq, 5u);
        // Schema 3's group columns: a direct chat keeps their defaults.
        QVERIFY(w->conversations().member(conv, alice->id)->isCurrent());
        QCOMPARE(w->conversations().byId(conv)->version, 0u);
        QVERIFY(!w->conversations().byId(conv)->dissolved);
        QCOMPARE(w->conversations().memberUserIds(conv).size(), 2);
        // Schema 5: members were members since their join; nothing delivered
        // is known yet; receipts are shared; only admins may @all.
        QCOMPARE(w->conversations().member(conv, alice->id)->sinceSeq, 1u);
        QCOMPARE(w->conversations().member(conv, alice->id)->deliveredSeq, 0u);
        QVERIFY(!alice->receiptsOff);
        QCOMPARE(w->conversations().byId(conv)->mentionPolicy, int(proto::MENTION_ALL_ADMINS));
        QVERIFY(w->conversations().raiseDeliveredSeq(conv, bob->id, 5));
        QVERIFY(!w->conversations().raiseDeliveredSeq(conv, bob->id, 4)); // never lowered
        QVERIFY(w->feed().after(alice->id, 0, 10).size() >= 2); // joined, read
        QCOMPARE(w->events().append(EventRow { conv, 0, 1, bob->id, 1, "new", proto::EVENT_MESSAGE,
                     1, "x", RelationRow { proto::RELATION_REPLY, 2, {} } }),
            6u);
        QCOMPARE(w->events().at(conv, 6)->relation.seq, 2u);
    }

    // Under writes that never pause, the WAL still starts over from its
    // beginning again and again: the writer finishes what the checkpoint
    // thread caught up with (at the latest 50 ms after the offer). Without
    // the writer's part it never does; with it, five restarts come well
    // within the deadline (it is not a timing test: the deadline only ends
    // a run that would never get there).
    void walStartsOverUnderContinuousWrites()
    {
        StorageOptions o = options(QStringLiteral("NORMAL")); // quick; checkpoints alike
        o.checkpointPages = 32;
        const QString path = SqliteBackend::fileIn(o.dataDir);
        SqliteBackend backend(o);
        // The WAL header's checkpoint sequence number counts the times the
        // WAL started over.
        const auto restarts = [&path] {
            QFile wal(path + "-wal");
            if (!wal.open(QIODevice::ReadOnly))
                return quint32(0);
            const QByteArray header = wal.read(32);
            return header.size() == 32 ? qFromBigEndian<quint32>(header.constData() + 12)
                                       : quint32(0);
        };
        quint32 seen = 0;
        {
            DbWorker writer(backend, 4);
            QCOMPARE(writer.startAndOpen(), QString());
            QSemaphore room(200); // ops in flight: the queue never runs dry
            quint64 nextId = 1;
            QElapsedTimer clock;
            clock.start();
            int submitted = 0;
            while (seen < 5 && clock.elapsed() < 20000) {
                room.acquire();
                const int i = submitted++;
                writer.submit(
                    DbOp { [&, i](Storage &s) {
                              s.users().insert(UserRow { nextId++,
                                  QStringLiteral("w%1-%2").arg(i % 97).arg(i), "h", 1, 0 });
                              return DbOutcome { false, [&] { room.release(); } };
                          },
                        [&](const StorageError &) { room.release(); } });
                if (i % 64 == 0)
                    seen = restarts();
            }
            QVERIFY(room.tryAcquire(200, 10000));
            QVERIFY2(seen >= 5,
                qPrintable(QStringLiteral("%1 restarts in %2 ms, %3 writes")
                               .arg(seen)
                               .arg(clock.elapsed())
                               .arg(submitted)));
        }
        std::unique_ptr<Storage> check = backend.openReader();
        QVERIFY(check->users().byName("w0-0"));
    }

    // One write per commit, readers see every commit, and the VFS is only
    // used where SQLite syncs the WAL at each commit.
    void walWriteBufferWritesOncePerCommit()
    {
        QVERIFY(!WalWriteBuffer::usable("NORMAL"));
        QVERIFY(!WalWriteBuffer::usable("OFF"));
        QVERIFY(WalWriteBuffer::usable("FULL"));
        QVERIFY(WalWriteBuffer::usable("extra"));
        StorageOptions o = options();
        o.dataDir = m_dir.filePath(QStringLiteral("wal buffer %1 #?").arg(m_counter));
        SqliteBackend backend(o);
        std::unique_ptr<WriterStorage> writer = backend.openWriter();
        std::unique_ptr<Storage> reader = backend.openReader();
        quint64 nextId = 1;
        {
            // The connection's first write also sets up the WAL.
            TransactionGuard tx(*writer);
            writer->users().insert(UserRow { nextId++, QStringLiteral("warm-up"), "h", 1, 0 });
            tx.commit();
        }
        for (int round = 0; round < 5; ++round) {
            const quint64 before = WalWriteBuffer::flushes();
            {
                TransactionGuard tx(*writer);
                for (int i = 0; i < 50; ++i)
                    writer->users().insert(UserRow {
                        nextId++, QStringLiteral("b%1-%2").arg(round).arg(i), "h", 1, 0 });
                tx.commit();
            }
            QCOMPARE(WalWriteBuffer::flushes(), before + 1);
            TransactionGuard snapshot(*reader);
            QVERIFY(reader->users().byName(QStringLiteral("b%1-49").arg(round)));
            snapshot.commit();
        }
        // A commit larger than the base VFS writes in one call (128 KiB) and
        // larger than the buffer itself (4 MiB).
        for (const int kib : { 300, 5000 }) {
            const QByteArray big(kib * 1024, 'x');
            const QString name = QStringLiteral("big%1").arg(kib);
            {
                TransactionGuard tx(*writer);
                writer->users().insert(UserRow { nextId++, name, big, 1, 0 });
                tx.commit();
            }
            TransactionGuard snapshot(*reader);
            const auto user = reader->users().byName(name);
            QVERIFY(user);
            QCOMPARE(user->pwhash, big);
            snapshot.commit();
        }
        QVERIFY(QFileInfo::exists(SqliteBackend::fileIn(o.dataDir) + "-wal")); // by its own name
    }
};

QTEST_GUILESS_MAIN(TestSqliteBackend)
#include "tst_sqlite_backend.moc"
