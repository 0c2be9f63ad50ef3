// Black-box tests of the real natterd binary's life cycle and limits:
// admin commands, start-up errors, rate limits, handshake timeout, SIGTERM
// with commits in flight, restart on the same data, a throughput probe.
#include "tst_natterd_harness.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

class TestNatterdLifecycle : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // Pipelined sends from one device: every ack arrives, seqs are gapless,
    // and the receiver's notifies are coalesced. Prints the rate it saw.
    void pipelinedSendThroughput()
    {
        Natterd server;
        QVERIFY(server.start(m_tmp.filePath("throughput"),
            kFastConfig + "device_rate=100000\ndevice_burst=100000\n"));
        Client sender, receiver;
        QVERIFY(sender.open(server.url()));
        QVERIFY(receiver.open(server.url()));
        QCOMPARE(sender.call(registerReq("sender")).body_case(), proto::Envelope::kAuth);
        QCOMPARE(receiver.call(registerReq("receiver")).body_case(), proto::Envelope::kAuth);
        const proto::Envelope first = sender.call(sendTo("receiver", "t-first", "warm-up"));
        QCOMPARE(first.body_case(), proto::Envelope::kAck);
        const quint64 conv = first.ack().conversation_id();

        const int n = 2000;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < n; ++i)
            sender.post(sendIn(conv, "t-" + std::to_string(i), QString("message %1").arg(i)));
        auto acks = [&] {
            int count = 0;
            for (const auto &e : sender.received)
                count += e.body_case() == proto::Envelope::kAck ? 1 : 0;
            return count;
        };
        QTRY_COMPARE_WITH_TIMEOUT(acks(), n, 60000);
        const qint64 ms = qMax<qint64>(1, timer.elapsed());
        QSet<quint64> seqs;
        for (const auto &e : sender.received)
            if (e.body_case() == proto::Envelope::kAck)
                seqs.insert(e.ack().seq());
        QCOMPARE(int(seqs.size()), n);
        QCOMPARE(*std::min_element(seqs.begin(), seqs.end()), 3u);
        QCOMPARE(*std::max_element(seqs.begin(), seqs.end()), quint64(n + 2));
        auto lastNotified = [&] {
            quint64 last = 0;
            for (const auto &e : receiver.pushes(proto::Envelope::kNotify))
                last = qMax(last, e.notify().seq());
            return last;
        };
        QTRY_COMPARE(lastNotified(), quint64(n + 2));
        const int notifies = int(receiver.pushes(proto::Envelope::kNotify).size());
        qInfo("%d pipelined sends acked in %lld ms (%lld/s, synchronous=FULL); receiver got %d "
              "notifies",
            n, ms, n * 1000 / ms, notifies);
        QVERIFY(notifies <= n);
        QCOMPARE(server.stop(), 0);
    }

    void idDecode()
    {
        const quint64 id = Snowflake::compose({ 1767225600123, 7, 42 });
        QProcess p;
        p.start(NATTERD_PATH, { "id", "decode", QString::number(id) });
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o.value("node").toInt(), 7);
        QCOMPARE(o.value("seq").toInt(), 42);
        QCOMPARE(o.value("time").toString(), QString("2026-01-01T00:00:00.123Z"));

        QProcess bad;
        bad.start(NATTERD_PATH, { "id", "decode", "not-a-number" });
        QVERIFY(bad.waitForFinished(5000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(!bad.readAllStandardError().isEmpty());
    }

    void helpDocumentsFlags()
    {
        QProcess p;
        p.start(NATTERD_PATH, { "--help" });
        QVERIFY(p.waitForFinished(5000));
        const QByteArray help = p.readAllStandardOutput();
        for (const char *flag : { "--listen", "--data", "--config", "--node-id", "device_rate" })
            QVERIFY2(help.contains(flag), flag);
    }

    void unopenableDatabaseExits1()
    {
        const QString dir = m_tmp.filePath("broken");
        QVERIFY(QDir().mkpath(dir + "/natterd.sqlite")); // a directory where the file should be
        QProcess p;
        dieWithTest(p);
        p.start(NATTERD_PATH, { "--listen", "127.0.0.1:0", "--data", dir });
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("natterd:"));
    }

    void rateLimits()
    {
        Natterd limited;
        QVERIFY(limited.start(m_tmp.filePath("limited"),
            "[auth]\npwhash_ops=1\npwhash_mem_bytes=1048576\n"
            "[limits]\ndevice_rate=1\ndevice_burst=5\nip_rate=0.01\nip_burst=3\n"
            "[network]\nhandshake_timeout_ms=300\nunauth_idle_ms=2000\n"));
        Client c;
        QVERIFY(c.open(limited.url()));
        QCOMPARE(c.call(registerReq("kim")).body_case(), proto::Envelope::kAuth);
        QList<quint64> ids;
        for (int i = 0; i < 20; ++i)
            ids.append(c.post(devicesReq()));
        int limitedCount = 0;
        for (quint64 id : ids)
            limitedCount += errorOf(c.waitFor(id)) == proto::RATE_LIMITED ? 1 : 0;
        QVERIFY2(limitedCount >= 10, qPrintable(QString::number(limitedCount)));

        // Sign-ins per source address.
        Client d;
        QVERIFY(d.open(limited.url()));
        QCOMPARE(errorOf(d.call(loginReq("kim", "wrong-password"))), proto::AUTH_FAILED);
        QCOMPARE(errorOf(d.call(loginReq("kim", "wrong-password"))), proto::AUTH_FAILED);
        QCOMPARE(errorOf(d.call(loginReq("kim"))), proto::RATE_LIMITED);

        // A connection that never completes the WebSocket handshake is dropped.
        QTcpSocket raw;
        raw.connectToHost(limited.url().host(), quint16(limited.url().port()));
        QVERIFY(raw.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(raw.state(), QAbstractSocket::UnconnectedState, 5000);
        // A WebSocket that never signs in is closed after the idle limit.
        Client idle;
        QVERIFY(idle.open(limited.url()));
        QVERIFY(idle.waitClosed(5000));
        QCOMPARE(idle.ws.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(limited.stop(), 0);
    }

    void sigtermKeepsAckedData()
    {
        const QString dir = m_tmp.filePath("durable");
        Natterd first;
        QVERIFY(first.start(dir, kFastConfig));
        Client a;
        QVERIFY(a.open(first.url()));
        QCOMPARE(a.call(registerReq("leo")).body_case(), proto::Envelope::kAuth);
        Client b;
        QVERIFY(b.open(first.url()));
        QCOMPARE(b.call(registerReq("mia")).body_case(), proto::Envelope::kAuth);
        proto::Envelope r = a.call(sendTo("mia", "first", "first"));
        QCOMPARE(r.body_case(), proto::Envelope::kAck);
        const proto::SendAck firstAck = r.ack();
        const quint64 conv = firstAck.conversation_id();

        // A burst still in flight when SIGTERM arrives: every ack we get must be durable.
        const int burst = 300;
        for (int i = 0; i < burst; ++i)
            a.post(sendIn(conv, "burst-" + std::to_string(i), QString("burst %1").arg(i)));
        QTest::qWait(20);
        QCOMPARE(first.stop(), 0);
        QTest::qWait(100); // let the last frames arrive
        QSet<quint64> ackedSeqs;
        for (const auto &e : a.received)
            if (e.body_case() == proto::Envelope::kAck)
                ackedSeqs.insert(e.ack().seq());
        qInfo("%d of %d in-flight sends acked before shutdown", int(ackedSeqs.size()), burst);

        Natterd second;
        QVERIFY(second.start(dir, kFastConfig));
        Client c;
        QVERIFY(c.open(second.url()));
        QCOMPARE(c.call(loginReq("mia")).body_case(), proto::Envelope::kAuth);
        r = c.call(pullReq(conv, 0, 2000));
        QCOMPARE(r.body_case(), proto::Envelope::kPullResponse);
        QSet<quint64> stored;
        quint64 expect = 1;
        for (const auto &e : r.pull_response().events()) {
            QCOMPARE(e.seq(), expect++);
            stored.insert(e.seq());
        }
        for (quint64 s : ackedSeqs)
            QVERIFY2(stored.contains(s), qPrintable(QString::number(s)));
        QVERIFY(stored.contains(firstAck.seq()));

        // Idempotent across the restart.
        Client d;
        QVERIFY(d.open(second.url()));
        QCOMPARE(d.call(loginReq("leo")).body_case(), proto::Envelope::kAuth);
        r = d.call(sendTo("mia", "first", "first"));
        QCOMPARE(r.body_case(), proto::Envelope::kAck);
        QCOMPARE(r.ack().seq(), firstAck.seq());
        QCOMPARE(r.ack().id(), firstAck.id());
        QCOMPARE(second.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestNatterdLifecycle)
#include "tst_natterd_lifecycle.moc"
