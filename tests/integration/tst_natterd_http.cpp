// Plain HTTP/1.1 on natterd's WebSocket port, against the real natterd
// over raw sockets: GET /health byte for byte, 404, 405, the refusals
// (505, 411, 413, 431, 400), requests in pieces, the handshake deadline for
// requests that never end, the same over wss://, and WebSocket clients
// served beside it.
#include "RawWebSocket.h"

#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

namespace {

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

class TestNatterdHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    Natterd m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(m_server.start(m_tmp.filePath("main"), kFastConfig), m_server.stderrText());
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

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
        expectServes(m_server); // WebSocket on the same port, after HTTP
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
        QVERIFY(server.start(
            m_tmp.filePath("http-tls-data"), kFastConfig + selfSignedTlsIni(m_tmp), {}, "wss"));
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

    void serverStillHealthy() { expectServes(m_server); }
};

QTEST_GUILESS_MAIN(TestNatterdHttp)
#include "tst_natterd_http.moc"
