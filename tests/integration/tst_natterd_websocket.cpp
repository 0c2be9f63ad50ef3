// RFC 6455 edge cases against the real natterd, over a raw QTcpSocket: the
// HTTP upgrade and every frame are written by hand, so the test controls
// masking, fragmentation, reserved bits and declared lengths exactly. Also
// plain HTTP on the same port (GET /health, 404, 405, refusals), on ws://
// and wss://, and that WebSocket clients are served beside it.
#include "tst_natterd_harness.h"

#include <QDir>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtEndian>

using namespace natter;
using namespace natter::test;

namespace {

enum Op : quint8 { Cont = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// One client frame. mask=false leaves the payload unmasked (and the mask bit clear).
QByteArray frame(
    quint8 opcode, const QByteArray &payload, bool fin = true, bool mask = true, quint8 rsv = 0)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    const quint8 maskBit = mask ? 0x80 : 0;
    const qsizetype n = payload.size();
    if (n <= 125) {
        out.append(char(maskBit | n));
    } else if (n <= 0xffff) {
        out.append(char(maskBit | 126));
        out.append(char(n >> 8)).append(char(n & 0xff));
    } else {
        out.append(char(maskBit | 127));
        for (int i = 7; i >= 0; --i)
            out.append(char((quint64(n) >> (8 * i)) & 0xff));
    }
    if (!mask)
        return out + payload;
    const char key[4] = { 0x12, 0x34, 0x56, 0x78 };
    out.append(key, 4);
    for (qsizetype i = 0; i < n; ++i)
        out.append(char(payload[i] ^ key[i % 4]));
    return out;
}

// A masked header declaring a 64-bit payload length, without the payload.
QByteArray header64(quint8 opcode, quint64 length)
{
    QByteArray out;
    out.append(char(0x80 | opcode));
    out.append(char(0x80 | 127));
    for (int i = 7; i >= 0; --i)
        out.append(char((length >> (8 * i)) & 0xff));
    out.append("\x01\x02\x03\x04", 4);
    return out;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    QByteArray p(2, 0);
    qToBigEndian(code, p.data());
    return p + reason;
}

struct ServerFrame
{
    quint8 opcode = 0xff;
    bool fin = false;
    QByteArray payload;
    int closeCode() const
    {
        return payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData()) : 1005;
    }
};

// A WebSocket client made by hand.
class RawClient
{
public:
    // tls: wss:// without certificate checks (what is tested is the framing).
    explicit RawClient(bool tls = false)
        : sockPtr(tls ? new QSslSocket : new QTcpSocket)
        , sock(*sockPtr)
    {
    }

    bool connectTo(const QUrl &url)
    {
        if (auto *ssl = qobject_cast<QSslSocket *>(&sock)) {
            ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
            ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(url.port()));
            if (!ssl->waitForEncrypted(5000))
                return false;
        } else {
            sock.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
            if (!sock.waitForConnected(5000))
                return false;
        }
        sock.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n");
        QElapsedTimer t;
        t.start();
        while (!buf.contains("\r\n\r\n") && t.elapsed() < 5000) {
            sock.waitForReadyRead(100);
            buf += sock.readAll();
        }
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0 || !buf.startsWith("HTTP/1.1 101"))
            return false;
        buf.remove(0, end + 4);
        return true;
    }

    void send(const QByteArray &bytes)
    {
        sock.write(bytes);
        sock.flush();
    }

    // Next frame from the server; opcode 0xff when none came (or the connection ended).
    ServerFrame next(int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            ServerFrame f;
            if (parse(&f))
                return f;
            if (t.elapsed() > timeoutMs)
                return {};
            if (sock.state() != QAbstractSocket::ConnectedState && sock.bytesAvailable() == 0) {
                closedByPeer = true;
                return {};
            }
            sock.waitForReadyRead(50);
            buf += sock.readAll();
        }
    }

    // Reads until a close frame; its code, or -1 when the TCP connection ended without one
    // (0 on timeout). Data frames before it are kept in `data`.
    int waitClose(int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const ServerFrame f = next(int(timeoutMs - t.elapsed()));
            if (f.opcode == Close)
                return f.closeCode();
            if (f.opcode == 0xff)
                return closedByPeer ? -1 : 0;
            data.append(f);
        }
        return 0;
    }

    // True once the server has closed the TCP connection.
    bool waitDisconnected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [&] {
                sock.waitForReadyRead(20);
                sock.readAll();
                return sock.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    }

    std::unique_ptr<QTcpSocket> sockPtr;
    QTcpSocket &sock;
    QByteArray buf;
    QList<ServerFrame> data;
    bool closedByPeer = false;

private:
    bool parse(ServerFrame *f)
    {
        if (buf.size() < 2)
            return false;
        const auto *b = reinterpret_cast<const quint8 *>(buf.constData());
        if (b[1] & 0x80)
            qWarning("server sent a masked frame");
        quint64 len = b[1] & 0x7f;
        qsizetype at = 2;
        if (len == 126) {
            if (buf.size() < 4)
                return false;
            len = qFromBigEndian<quint16>(b + 2);
            at = 4;
        } else if (len == 127) {
            if (buf.size() < 10)
                return false;
            len = qFromBigEndian<quint64>(b + 2);
            at = 10;
        }
        if (quint64(buf.size() - at) < len)
            return false;
        f->fin = b[0] & 0x80;
        f->opcode = b[0] & 0x0f;
        f->payload = buf.mid(at, qsizetype(len));
        buf.remove(0, at + qsizetype(len));
        return true;
    }
};

QByteArray registerFrame(const std::string &user, quint64 requestId)
{
    proto::Envelope env = registerReq(user);
    env.set_version(kProtocolVersion);
    env.set_request_id(requestId);
    return encodeEnvelope(env);
}

// The AuthResponse for requestId among binary frames, or an empty envelope.
proto::Envelope authIn(const ServerFrame &f, quint64 requestId)
{
    proto::Envelope env;
    if (f.opcode != Binary || !env.ParseFromArray(f.payload.constData(), int(f.payload.size()))
        || env.request_id() != requestId)
        return {};
    return env;
}

struct HttpReply
{
    QByteArray bytes; // everything the server sent
    bool closedByServer = false; // rather than the 5 s wait running out
    QByteArray statusLine() const { return bytes.left(bytes.indexOf("\r\n")); }
};

// One plain HTTP exchange on a raw socket (wss:// without certificate
// checks when tls): sends `pieces` a moment apart, then reads until the
// server ends the connection.
HttpReply httpExchange(const QUrl &url, const QList<QByteArray> &pieces, bool tls = false)
{
    std::unique_ptr<QTcpSocket> sock(tls ? new QSslSocket : new QTcpSocket);
    if (auto *ssl = qobject_cast<QSslSocket *>(sock.get())) {
        ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(url.port()));
        if (!ssl->waitForEncrypted(5000))
            return {};
    } else {
        sock->connectToHost(QHostAddress::LocalHost, quint16(url.port()));
        if (!sock->waitForConnected(5000))
            return {};
    }
    sock->setSocketOption(QAbstractSocket::LowDelayOption, 1); // each piece its own segment
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            QTest::qWait(30); // so that the server reads them one by one
        sock->write(pieces[i]);
        sock->flush();
    }
    HttpReply reply;
    QElapsedTimer t;
    t.start();
    while (!reply.closedByServer && t.elapsed() < 5000) {
        sock->waitForReadyRead(50);
        reply.bytes += sock->readAll();
        reply.closedByServer = sock->state() == QAbstractSocket::UnconnectedState;
    }
    reply.bytes += sock->readAll();
    return reply;
}

const QByteArray kHealthBody = R"({"status":"ok","version":")" NATTER_VERSION R"("})";
const QByteArray kHealthAnswer = "HTTP/1.1 200 OK\r\nServer: natterd\r\n"
                                 "Content-Type: application/json\r\nContent-Length: "
    + QByteArray::number(kHealthBody.size()) + "\r\nConnection: close\r\n\r\n" + kHealthBody;

} // namespace

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

    void expectServerServes()
    {
        QVERIFY(m_server.running());
        RawClient c;
        QVERIFY(c.connectTo(m_server.url()));
        c.send(frame(Ping, "alive"));
        const ServerFrame f = c.next();
        QCOMPARE(f.opcode, quint8(Pong));
    }

    // A certificate for 127.0.0.1 (made once) and the [tls] lines using it.
    QString tlsIni()
    {
        const QString key = m_tmp.filePath("tls.key"), cert = m_tmp.filePath("tls.pem");
        if (!QFile::exists(cert)) {
            QProcess openssl;
            openssl.start("openssl",
                { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj",
                    "/CN=127.0.0.1" });
            if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
                qWarning("openssl req failed: %s", openssl.readAllStandardError().constData());
        }
        return QStringLiteral("[tls]\ncert=%1\nkey=%2\n").arg(cert, key);
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
        expectServerServes();
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
        QVERIFY(server.start(m_tmp.filePath("tls-data"), kFastConfig + tlsIni(), {}, "wss"));
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
                + (tls ? tlsIni() : QString()),
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

    void httpHealth()
    {
        const HttpReply reply
            = httpExchange(m_server.url(), { "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" });
        QCOMPARE(reply.bytes, kHealthAnswer);
        QVERIFY(reply.closedByServer);
        // HEAD: the same head, no body.
        const HttpReply head
            = httpExchange(m_server.url(), { "HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" });
        QCOMPARE(head.bytes, kHealthAnswer.left(kHealthAnswer.indexOf("\r\n\r\n") + 4));
        QVERIFY(head.closedByServer);
        expectServerServes(); // WebSocket on the same port, after HTTP
    }

    void httpAnswersAndRefusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("statusLine");
        QTest::addColumn<QByteArray>("header"); // one more line the answer must have
        QTest::newRow("unknown path") << QByteArray("GET /nope HTTP/1.1\r\nHost: h\r\n\r\n")
                                      << QByteArray("HTTP/1.1 404 Not Found") << QByteArray();
        QTest::newRow("POST /health")
            << QByteArray("POST /health HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")
            << QByteArray("HTTP/1.1 405 Method Not Allowed") << QByteArray("Allow: GET, HEAD");
        QTest::newRow("HTTP/1.0") << QByteArray("GET /health HTTP/1.0\r\n\r\n")
                                  << QByteArray("HTTP/1.1 505 HTTP Version Not Supported")
                                  << QByteArray();
        QTest::newRow("chunked") << QByteArray("POST /health HTTP/1.1\r\nHost: h\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n")
                                 << QByteArray("HTTP/1.1 411 Length Required") << QByteArray();
        QTest::newRow("body too large")
            << QByteArray("POST /health HTTP/1.1\r\nHost: h\r\nContent-Length: 70000\r\n\r\n")
            << QByteArray("HTTP/1.1 413 Payload Too Large") << QByteArray();
        QTest::newRow("head too large")
            << "GET /health HTTP/1.1\r\nHost: h\r\nX: " + QByteArray(9000, 'x') + "\r\n\r\n"
            << QByteArray("HTTP/1.1 431 Request Header Fields Too Large") << QByteArray();
        QTest::newRow("garbage") << QByteArray("\x16\x03\x01 not http at all\r\n\r\n")
                                 << QByteArray("HTTP/1.1 400 Bad Request") << QByteArray();
    }

    void httpAnswersAndRefusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, statusLine);
        QFETCH(QByteArray, header);
        const HttpReply reply = httpExchange(m_server.url(), { request });
        QCOMPARE(reply.statusLine(), statusLine);
        QVERIFY2(reply.bytes.contains("\r\nConnection: close\r\n"), reply.bytes.constData());
        if (!header.isEmpty())
            QVERIFY2(reply.bytes.contains("\r\n" + header + "\r\n"), reply.bytes.constData());
        QVERIFY(reply.closedByServer);
    }

    void httpRequestInPieces()
    {
        const HttpReply reply = httpExchange(m_server.url(),
            { "GE", "T /hea", "lth?probe=1 HTTP/1.1\r\nHo", "st: 127.0.0.1\r\n", "\r", "\n" });
        QCOMPARE(reply.bytes, kHealthAnswer);
        QVERIFY(reply.closedByServer);
        // Bytes after the request are ignored: one answer, then the end.
        const HttpReply twice = httpExchange(m_server.url(),
            { "GET /health HTTP/1.1\r\nHost: h\r\n\r\nGET /nope HTTP/1.1\r\nHost: h\r\n\r\n" });
        QCOMPARE(twice.bytes, kHealthAnswer);
    }

    void incompleteHttpRequestHitsTheHandshakeDeadline()
    {
        Natterd server;
        QVERIFY(server.start(m_tmp.filePath("deadline-data"),
            kFastConfig + QStringLiteral("[network]\nhandshake_timeout_ms=300\n")));
        QElapsedTimer t;
        t.start();
        const HttpReply head
            = httpExchange(server.url(), { "GET /health HTTP/1.1\r\nHost: h\r\n" });
        QVERIFY(head.closedByServer);
        QVERIFY(head.bytes.isEmpty()); // dropped, not answered
        // A body that never ends, too.
        const HttpReply body = httpExchange(server.url(),
            { "POST /health HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc", "de" });
        QVERIFY(body.closedByServer);
        QVERIFY(body.bytes.isEmpty());
        QVERIFY2(t.elapsed() < 4000, QByteArray::number(t.elapsed()));
        QCOMPARE(server.stop(), 0);
    }

    void httpOverTls()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend");
        Natterd server;
        QVERIFY(server.start(m_tmp.filePath("http-tls-data"), kFastConfig + tlsIni(), {}, "wss"));
        const QUrl url = server.url();
        const HttpReply health
            = httpExchange(url, { "GET /health HTTP/1.1\r\n", "Host: 127.0.0.1\r\n\r\n" }, true);
        QCOMPARE(health.bytes, kHealthAnswer);
        QVERIFY(health.closedByServer);
        const HttpReply nope = httpExchange(url, { "GET /nope HTTP/1.1\r\nHost: h\r\n\r\n" }, true);
        QCOMPARE(nope.statusLine(), QByteArray("HTTP/1.1 404 Not Found"));
        QVERIFY(nope.closedByServer);
        // A WebSocket client on the same wss:// port afterwards.
        RawClient ws(true);
        QVERIFY(ws.connectTo(url));
        ws.send(frame(Ping, "after http"));
        QCOMPARE(ws.next().payload, QByteArray("after http"));
        QCOMPARE(server.stop(), 0);
    }

    void serverStillHealthy() { expectServerServes(); }
};

QTEST_GUILESS_MAIN(TestNatterdWebSocket)
#include "tst_natterd_websocket.moc"
