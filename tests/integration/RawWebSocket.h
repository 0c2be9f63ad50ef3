// A WebSocket client written by hand over a raw QTcpSocket (or QSslSocket
// without certificate checks), for the tests that need to control every
// byte of the upgrade and the frames: masking, fragmentation, reserved bits
// and declared lengths. Test code only; one thread.
#pragma once

#include "tst_natterd_harness.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QtEndian>

#include <memory>

namespace natter::test {

enum Op : quint8 { Cont = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// One client frame. mask=false leaves the payload unmasked (and the mask bit clear).
inline QByteArray frame(
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
inline QByteArray header64(quint8 opcode, quint64 length)
{
    QByteArray out;
    out.append(char(0x80 | opcode));
    out.append(char(0x80 | 127));
    for (int i = 7; i >= 0; --i)
        out.append(char((length >> (8 * i)) & 0xff));
    out.append("\x01\x02\x03\x04", 4);
    return out;
}

inline QByteArray closePayload(quint16 code, const QByteArray &reason = {})
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

inline QByteArray registerFrame(const std::string &user, quint64 requestId)
{
    proto::Envelope env = registerReq(user);
    env.set_version(kProtocolVersion);
    env.set_request_id(requestId);
    return encodeEnvelope(env);
}

// The AuthResponse for requestId among binary frames, or an empty envelope.
inline proto::Envelope authIn(const ServerFrame &f, quint64 requestId)
{
    proto::Envelope env;
    if (f.opcode != Binary || !env.ParseFromArray(f.payload.constData(), int(f.payload.size()))
        || env.request_id() != requestId)
        return {};
    return env;
}

// The server is up and answers a WebSocket ping (QtTest checks: call it
// from a test function).
inline void expectServes(Natterd &server)
{
    QVERIFY(server.running());
    RawClient c;
    QVERIFY(c.connectTo(server.url()));
    c.send(frame(Ping, "alive"));
    const ServerFrame f = c.next();
    QCOMPARE(f.opcode, quint8(Pong));
}

// The [tls] lines of a natterd config using a self-signed certificate for
// 127.0.0.1, made once in dir.
inline QString selfSignedTlsIni(const QTemporaryDir &dir)
{
    const QString key = dir.filePath("tls.key"), cert = dir.filePath("tls.pem");
    if (!QFile::exists(cert)) {
        QProcess openssl;
        openssl.start("openssl",
            { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1" });
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            qWarning("openssl req failed: %s", openssl.readAllStandardError().constData());
    }
    return QStringLiteral("[tls]\ncert=%1\nkey=%2\n").arg(cert, key);
}

} // namespace natter::test
