// RFC 6455 edge cases against the real natterd, over a raw QTcpSocket: the
// HTTP upgrade and every frame are written by hand (RawWebSocket.h), so the
// test controls masking, fragmentation, reserved bits and declared lengths
// exactly. Plain HTTP on the same port: tst_natterd_http.
#include "RawWebSocket.h"

#include <QDir>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtEndian>

using namespace natter;
using namespace natter::test;

class TestNatterdWebSocket : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    Natterd m_server;

    // natterd's pid, found through /proc by its unique data directory.
    qint64 serverPid() const
    {
        const QString dataDir = m_tmp.filePath("main");
        const auto entries = QDir("/proc").entryList(QDir::Dirs);
        for (const QString &e : entries) {
            bool ok = false;
            const qint64 pid = e.toLongLong(&ok);
            if (!ok)
                continue;
            QFile f("/proc/" + e + "/cmdline");
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(dataDir.toUtf8()))
                return pid;
        }
        return -1;
    }

    static qint64 rssKiB(qint64 pid)
    {
        QFile f(QStringLiteral("/proc/%1/status").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        return -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(m_server.start(m_tmp.filePath("main"), kFastConfig), m_server.stderrText());
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

    void fragmentedBinaryMessage()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        const QByteArray msg = registerFrame("fragmented", 7);
        const qsizetype third = msg.size() / 3;
        c.send(frame(Binary, msg.left(third), false));
        c.send(frame(Cont, msg.mid(third, third), false));
        c.send(frame(Cont, msg.mid(2 * third), true));
        const proto::Envelope env = authIn(c.next(), 7);
        QCOMPARE(env.body_case(), proto::Envelope::kAuth);
        QCOMPARE(env.auth().user(), std::string("fragmented"));
    }

    void controlFramesBetweenFragments()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        const QByteArray msg = registerFrame("interleaved", 8);
        const qsizetype half = msg.size() / 2;
        // All in one write, too: the server sees several frames in one read.
        c.send(frame(Binary, msg.left(half), false) + frame(Ping, "p1") + frame(Pong, "unsolicited")
            + frame(Cont, msg.mid(half), true));
        const ServerFrame pong = c.next();
        QCOMPARE(pong.opcode, quint8(Pong));
        QCOMPARE(pong.payload, QByteArray("p1"));
        const proto::Envelope env = authIn(c.next(), 8);
        QCOMPARE(env.body_case(), proto::Envelope::kAuth);
        QCOMPARE(env.auth().user(), std::string("interleaved"));
    }

    void pingPongSamePayload()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        const QByteArray payload = QByteArray("natter-ping-") + QByteArray(100, 'x');
        c.send(frame(Ping, payload));
        const ServerFrame f = c.next();
        QCOMPARE(f.opcode, quint8(Pong));
        QVERIFY(f.fin);
        QCOMPARE(f.payload, payload);
    }

    void closeIsEchoed()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(Close, closePayload(4000, "bye")));
        QCOMPARE(c.waitClose(), 4000);
        QVERIFY(c.waitDisconnected());
    }

    void reservedBitsClose1002()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(Binary, registerFrame("rsv", 1), true, true, 0x4));
        QCOMPARE(c.waitClose(), 1002);
        QVERIFY(c.data.isEmpty());
    }

    void unknownOpcodeClose1002()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(0x3, "what"));
        QCOMPARE(c.waitClose(), 1002);
    }

    void textFrameRefused1003()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(Text, "hello"));
        QCOMPARE(c.waitClose(), 1003); // natterd: binary frames only
        QVERIFY(c.waitDisconnected());
    }

    void badUtf8TextClosed()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(Text, QByteArray("ok \xc3\x28 \xff", 7)));
        // Qt validates UTF-8 before natterd's handler refuses text (1003).
        QCOMPARE(c.waitClose(), 1007);
        QVERIFY(c.waitDisconnected());
    }

    void oversizedFrameClose1009BoundedMemory()
    {
        const qint64 pid = serverPid();
        QVERIFY(pid > 0);
        const qint64 before = rssKiB(pid);
        QVERIFY(before > 0);
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        QElapsedTimer t;
        t.start();
        c.send(header64(Binary, 100'000'000) + QByteArray(4096, 'a'));
        const int code = c.waitClose(1000);
        QCOMPARE(code, 1009);
        QVERIFY2(t.elapsed() < 1000, QByteArray::number(t.elapsed()));
        const qint64 after = rssKiB(pid);
        // 100 MB declared; the server must not have reserved it.
        QVERIFY2(after - before < 10 * 1024,
            QStringLiteral("VmRSS %1 -> %2 KiB").arg(before).arg(after).toUtf8());
        QVERIFY(c.waitDisconnected());
    }

    void frameOverLimitByDeclaredLength16()
    {
        // Just over 64 KiB, fully sent: also refused with 1009.
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(Binary, QByteArray(limits::kMaxClientFrameBytes + 1, 'b')));
        QCOMPARE(c.waitClose(), 1009);
    }

    void invalid64BitLengthClosed()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(header64(Binary, 0x8000000000000010ULL) + QByteArray(16, 'z'));
        const int code = c.waitClose();
        QVERIFY2(code == 1002 || code == 1009 || code == -1, QByteArray::number(code));
        QVERIFY(c.waitDisconnected());
    }

    void abruptDisconnectMidFrame()
    {
        {
            RawClient c;
            QVERIFY(c.connectTo(m_server.url()));
            const QByteArray f = frame(Binary, registerFrame("halfway", 3));
            c.send(f.left(f.size() / 2));
            c.sock.abort();
        }
        {
            RawClient c; // mid-header
            QVERIFY(c.connectTo(m_server.url()));
            c.send(QByteArray("\x82\xfe", 2));
            c.sock.abort();
        }
        Client normal;
        QVERIFY(normal.open(m_server.url()));
        const proto::Envelope r = normal.call(registerReq("afterabort"));
        QCOMPARE(r.body_case(), proto::Envelope::kAuth);
        QCOMPARE(r.auth().user(), std::string("afterabort"));
    }

    void unmaskedClientFrameClosed()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(Binary, registerFrame("unmasked", 5), true, false));
        QCOMPARE(c.waitClose(), 1002);
        // The frame was not processed: no AuthResponse came first.
        for (const ServerFrame &f : std::as_const(c.data))
            QVERIFY(authIn(f, 5).body_case() != proto::Envelope::kAuth);
        QVERIFY(c.waitDisconnected(7000));
        expectServes(m_server);
    }

    void unmaskedFrameAfterMaskedOnesInOneRead()
    {
        // The guard must find a header behind other frames in the same read,
        // and behind a payload split over several reads.
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        const QByteArray big = frame(Binary, QByteArray(3000, 'q'));
        c.send(big.left(100));
        QTest::qWait(50);
        c.send(big.mid(100) + frame(Ping, "a") + frame(Ping, "b", true, false));
        QCOMPARE(c.waitClose(), 1002);
    }

    void maskedTrafficStillServed()
    {
        // Many frames per read and headers split across reads pass the guard.
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        QByteArray burst;
        for (int i = 0; i < 50; ++i)
            burst += frame(Ping, QByteArray::number(i));
        const QByteArray reg = frame(Binary, registerFrame("burst", 9));
        burst += reg;
        for (qsizetype at = 0; at < burst.size(); at += 7) {
            c.send(burst.mid(at, 7));
            if (at % 70 == 0)
                QTest::qWait(2);
        }
        for (int i = 0; i < 50; ++i) {
            const ServerFrame f = c.next();
            QCOMPARE(f.opcode, quint8(Pong));
            QCOMPARE(f.payload, QByteArray::number(i));
        }
        const proto::Envelope env = authIn(c.next(), 9);
        QCOMPARE(env.body_case(), proto::Envelope::kAuth);

        // Then bursts of 200 frames per write, each ending in a ping.
        for (int round = 0; round < 5; ++round) {
            QByteArray many;
            for (int i = 0; i < 200; ++i)
                many += frame(Pong, QByteArray((i * 37 + round) % 125, 'p'));
            many += frame(Ping, "r" + QByteArray::number(round));
            c.send(many);
            const ServerFrame f = c.next();
            QCOMPARE(f.opcode, quint8(Pong));
            QCOMPARE(f.payload, "r" + QByteArray::number(round));
        }
    }

    void extendedLengthsPassTheGuard()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        // 16-bit lengths (126..64 KiB) that natterd accepts, split at odd places.
        QByteArray stream;
        for (int n : { 126, 1000, 40000, 65535 - 64 })
            stream += frame(Binary, QByteArray(n, 'y'));
        stream += frame(Ping, "end");
        for (qsizetype at = 0; at < stream.size(); at += 4093)
            c.send(stream.mid(at, 4093));
        // Garbage binary frames get typed errors; the connection stays open.
        for (;;) {
            const ServerFrame f = c.next();
            QVERIFY2(f.opcode == Binary || f.opcode == Pong, QByteArray::number(f.opcode));
            if (f.opcode == Pong) {
                QCOMPARE(f.payload, QByteArray("end"));
                break;
            }
        }
    }

    // Over wss:// the guard sits on the QSslSocket (decrypted bytes).
    void unmaskedFrameOverTls()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend");
        Natterd server; // killed on failure, stopped by the test otherwise
        QVERIFY(server.start(
            m_tmp.filePath("tls-data"), kFastConfig + selfSignedTlsIni(m_tmp), {}, "wss"));
        const QUrl url = server.url();

        RawClient good(true);
        QVERIFY(good.connectTo(url));
        const QByteArray msg = registerFrame("tlsuser", 11);
        good.send(frame(Binary, msg.left(5), false) + frame(Ping, "t") + frame(Cont, msg.mid(5)));
        QCOMPARE(good.next().payload, QByteArray("t"));
        QCOMPARE(authIn(good.next(), 11).body_case(), proto::Envelope::kAuth);

        RawClient bad(true);
        QVERIFY(bad.connectTo(url));
        bad.send(frame(Ping, "masked"));
        QCOMPARE(bad.next().payload, QByteArray("masked"));
        bad.send(frame(Ping, "unmasked", true, false));
        QCOMPARE(bad.waitClose(), 1002);

        good.send(frame(Ping, "still"));
        QCOMPARE(good.next().payload, QByteArray("still"));
        QCOMPARE(server.stop(), 0);
    }

    // A client that stops reading while its answers pile up is dropped once
    // its pending output has not moved for write_stall_ms; the others keep
    // being served. Over wss:// too, where QSslSocket would otherwise buffer
    // without bound.
    void clientThatStopsReadingIsDropped_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("ws") << false;
        QTest::newRow("wss") << true;
    }
    void clientThatStopsReadingIsDropped()
    {
        QFETCH(bool, tls);
        if (tls && !QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend");
        Natterd server;
        const QString name = tls ? QStringLiteral("stall-tls") : QStringLiteral("stall");
        QVERIFY(server.start(m_tmp.filePath(name + "-data"),
            kFastConfig + QStringLiteral("[network]\nwrite_stall_ms=1000\n")
                + (tls ? selfSignedTlsIni(m_tmp) : QString()),
            {}, tls ? "wss" : "ws"));
        const QUrl url = server.url();

        RawClient other(tls);
        QVERIFY(other.connectTo(url));
        RawClient mute(tls);
        QVERIFY(mute.connectTo(url));
        mute.sock.setReadBufferSize(1); // leave the rest in the kernel: stop reading
        // ~12 MB of pings, whose pongs fill both ends' socket buffers.
        const QByteArray ping = frame(Ping, QByteArray(125, 'p'));
        QByteArray burst;
        for (int i = 0; i < 8000; ++i)
            burst += ping;
        const int bursts = 12;
        for (int i = 0; i < bursts; ++i)
            mute.send(burst);
        const qint64 pongBytes = qint64(bursts) * 8000 * 127;

        // Served while the mute one is stalled, and after it was dropped.
        for (int round = 0; round < 3; ++round) {
            QTest::qWait(1000);
            other.send(frame(Ping, "alive"));
            QCOMPARE(other.next().payload, QByteArray("alive"));
        }

        // Now read everything the server still sends: the connection ends
        // long before all the pongs arrived.
        mute.sock.setReadBufferSize(0);
        qint64 received = mute.buf.size();
        const bool ended = QTest::qWaitFor(
            [&] {
                mute.sock.waitForReadyRead(20);
                received += mute.sock.readAll().size();
                return mute.sock.state() == QAbstractSocket::UnconnectedState;
            },
            15000);
        QVERIFY2(ended, qPrintable(QStringLiteral("still open after %1 bytes").arg(received)));
        QVERIFY2(received < pongBytes,
            qPrintable(QStringLiteral("%1 of %2 bytes of pongs").arg(received).arg(pongBytes)));
        other.send(frame(Ping, "after"));
        QCOMPARE(other.next().payload, QByteArray("after"));

        QCOMPARE(server.stop(), 0);
    }

    void serverStillHealthy() { expectServes(m_server); }
};

QTEST_GUILESS_MAIN(TestNatterdWebSocket)
#include "tst_natterd_websocket.moc"
