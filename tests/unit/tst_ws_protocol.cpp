// natterd's WebSocket protocol code (server/net/WsProtocol) on bytes: the
// upgrade request (read by net/HttpRequest, tested in tst_http_request), every frame rule of RFC
// 6455 the server enforces, and the frames it writes. The same rules are exercised over real
// sockets by tests/integration/tst_natterd_websocket.
#include "net/WsProtocol.h"

#include <QTest>
#include <QtEndian>

using namespace natter::server::ws;

namespace {

QByteArray frame(
    quint8 opcode, const QByteArray &payload, bool fin = true, bool masked = true, quint8 rsv = 0)
{
    QByteArray out;
    out += char((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    const quint8 mask = masked ? 0x80 : 0;
    if (payload.size() < 126) {
        out += char(mask | payload.size());
    } else if (payload.size() <= 0xFFFF) {
        out += char(mask | 126);
        char len[2];
        qToBigEndian<quint16>(quint16(payload.size()), len);
        out.append(len, 2);
    } else {
        out += char(mask | 127);
        char len[8];
        qToBigEndian<quint64>(quint64(payload.size()), len);
        out.append(len, 8);
    }
    if (!masked)
        return out + payload;
    const char key[4] = { 0x37, char(0xfa), 0x21, 0x3d };
    out.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out += char(payload[i] ^ key[i % 4]);
    return out;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    char c[2];
    qToBigEndian<quint16>(code, c);
    return QByteArray(c, 2) + reason;
}

struct Log final : FrameReader::Sink
{
    QStringList events;
    bool stopAfterFirst = false;
    bool onBinary(QByteArrayView m) override { return add("binary:" + m.toByteArray()); }
    bool onText(QByteArrayView m) override { return add("text:" + m.toByteArray()); }
    bool onPing(QByteArrayView p) override { return add("ping:" + p.toByteArray()); }
    bool onClose(CloseCode code, QByteArrayView reason) override
    {
        return add("close:" + QByteArray::number(int(code)) + ":" + reason.toByteArray());
    }
    void onViolation(CloseCode code, const char *why) override
    {
        events << QStringLiteral("violation:%1:%2").arg(int(code)).arg(QLatin1String(why));
    }
    bool add(const QByteArray &e)
    {
        events << QString::fromUtf8(e);
        return !stopAfterFirst;
    }
};

// Feeds all bytes at once; returns the events.
QStringList run(QByteArray bytes, qsizetype *consumed = nullptr)
{
    FrameReader reader(64 * 1024);
    Log log;
    const qsizetype used = reader.feed(bytes.data(), bytes.size(), log);
    if (consumed)
        *consumed = used;
    return log.events;
}

const QByteArray kUpgrade = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:9\r\nUpgrade: websocket\r\n"
                            "Connection: keep-alive, Upgrade\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\n\r\n";

} // namespace

class TestWsProtocol : public QObject
{
    Q_OBJECT
private slots:
    void upgradeAcceptedWithRfcKey()
    {
        const UpgradeResult r = parseUpgrade(kUpgrade + "trailing");
        QCOMPARE(r.status, UpgradeResult::Accepted);
        QCOMPARE(r.consumed, kUpgrade.size());
        QVERIFY(r.response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        // RFC 6455 §1.3's example key and answer.
        QVERIFY(r.response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(r.response.endsWith("\r\n\r\n"));
    }

    void upgradeNeedsTheWholeRequest()
    {
        for (qsizetype n = 0; n < kUpgrade.size(); ++n)
            QCOMPARE(parseUpgrade(kUpgrade.left(n)).status, UpgradeResult::NeedMore);
    }

    void upgradeRefusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        auto without = [](const char *line) { return QByteArray(kUpgrade).replace(line, ""); };
        QTest::newRow("POST") << QByteArray(kUpgrade).replace("GET", "POST") << QByteArray("405");
        QTest::newRow("HTTP/1.0") << QByteArray(kUpgrade).replace("HTTP/1.1", "HTTP/1.0")
                                  << QByteArray("505");
        QTest::newRow("no host") << without("Host: 127.0.0.1:9\r\n") << QByteArray("400");
        QTest::newRow("no upgrade") << without("Upgrade: websocket\r\n") << QByteArray("400");
        QTest::newRow("no connection token") << QByteArray(kUpgrade).replace("keep-alive, Upgrade",
            "keep-alive") << QByteArray("400");
        QTest::newRow("version 8")
            << QByteArray(kUpgrade).replace("Version: 13", "Version: 8") << QByteArray("426");
        QTest::newRow("short key") << QByteArray(kUpgrade).replace("dGhlIHNhbXBsZSBub25jZQ==",
            "c2hvcnQ=") << QByteArray("400");
        QTest::newRow("bad header line")
            << QByteArray(kUpgrade).replace("Host:", "Host") << QByteArray("400");
    }

    void upgradeRefusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        const UpgradeResult r = parseUpgrade(request);
        QCOMPARE(r.status, UpgradeResult::Refused);
        QVERIFY2(r.response.startsWith("HTTP/1.1 " + status), r.response.constData());
        QVERIFY(r.response.contains("Connection: close"));
    }

    void upgradeTooLarge()
    {
        const QByteArray huge = "GET / HTTP/1.1\r\nX: " + QByteArray(kMaxUpgradeRequestBytes, 'a');
        const UpgradeResult r = parseUpgrade(huge);
        QCOMPARE(r.status, UpgradeResult::Refused);
        QVERIFY(r.response.startsWith("HTTP/1.1 431"));
    }

    void upgradeRefusalReasons_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("head"); // status line and the extra header, if any
        QTest::addColumn<QByteArray>("why");
        QTest::newRow("POST") << QByteArray(kUpgrade).replace("GET", "POST")
                              << QByteArray("HTTP/1.1 405 Method Not Allowed\r\n") + "Allow: GET"
                              << QByteArray("WebSocket upgrade needs GET");
        QTest::newRow("HTTP/1.0") << QByteArray(kUpgrade).replace("HTTP/1.1", "HTTP/1.0")
                                  << QByteArray("HTTP/1.1 505 HTTP Version Not Supported\r\n")
                                  << QByteArray("HTTP/1.1 required");
        QTest::newRow("no host") << QByteArray(kUpgrade).replace("Host: 127.0.0.1:9\r\n", "")
                                 << QByteArray("HTTP/1.1 400 Bad Request\r\n")
                                 << QByteArray("Host header missing");
        QTest::newRow("no upgrade")
            << QByteArray(kUpgrade).replace("Upgrade: websocket\r\n", "")
            << QByteArray("HTTP/1.1 400 Bad Request\r\n") << QByteArray("not a WebSocket upgrade");
        QTest::newRow("version 8")
            << QByteArray(kUpgrade).replace("Version: 13", "Version: 8")
            << QByteArray("HTTP/1.1 426 Upgrade Required\r\n") + "Sec-WebSocket-Version: 13"
            << QByteArray("WebSocket version 13 required");
        QTest::newRow("short key")
            << QByteArray(kUpgrade).replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=")
            << QByteArray("HTTP/1.1 400 Bad Request\r\n") << QByteArray("bad Sec-WebSocket-Key");
        QTest::newRow("chunked") << QByteArray(kUpgrade).replace(
            "\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\n")
                                 << QByteArray("HTTP/1.1 411 Length Required\r\n")
                                 << QByteArray("chunked bodies are refused: send Content-Length");
    }

    void upgradeRefusalReasons()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, why);
        const UpgradeResult r = parseUpgrade(request);
        QCOMPARE(r.status, UpgradeResult::Refused);
        QCOMPARE(QByteArray(r.why), why);
        const QList<QByteArray> lines = head.split('\n');
        QVERIFY2(r.response.startsWith(lines[0] + '\n'), r.response.constData());
        if (lines.size() > 1)
            QVERIFY2(r.response.contains("\r\n" + lines[1] + "\r\n"), r.response.constData());
        QVERIFY(r.response.contains("\r\nConnection: close\r\n"));
        QVERIFY(r.response.endsWith("\r\n\r\n" + why)); // the reason is the body
    }

    void upgradeFromTheIncrementalReader()
    {
        // What a connection does: feed its reader as bytes arrive, then
        // answer the request. Same answer as parseUpgrade, however split.
        const QByteArray stream = kUpgrade + frame(Binary, "first frame");
        const UpgradeResult once = parseUpgrade(stream);
        QCOMPARE(once.status, UpgradeResult::Accepted);
        for (qsizetype cut = 1; cut < kUpgrade.size(); ++cut) {
            natter::server::net::HttpRequestReader reader;
            QCOMPARE(reader.feed(stream.left(cut)).status,
                natter::server::net::HttpReadResult::NeedMore);
            const natter::server::net::HttpReadResult r = reader.feed(stream.mid(cut));
            QCOMPARE(r.status, natter::server::net::HttpReadResult::Complete);
            QVERIFY(wantsWebSocket(r.request));
            const UpgradeResult up = answerUpgrade(r.request, r.consumed);
            QCOMPARE(up.response, once.response);
            QCOMPARE(cut + up.consumed, kUpgrade.size()); // the frame is left for the reader
        }
    }

    void webSocketOrPlainHttp_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<bool>("wants");
        QTest::newRow("websocket") << QByteArray("Upgrade: websocket\r\n") << true;
        QTest::newRow("case") << QByteArray("Upgrade: WebSocket\r\n") << true;
        QTest::newRow("list") << QByteArray("Upgrade: h2c, websocket\r\n") << true;
        QTest::newRow("two lines") << QByteArray("Upgrade: h2c\r\nUpgrade: websocket\r\n") << true;
        QTest::newRow("none") << QByteArray() << false;
        QTest::newRow("h2c") << QByteArray("Upgrade: h2c\r\nConnection: Upgrade\r\n") << false;
        QTest::newRow("substring") << QByteArray("Upgrade: websockets\r\n") << false;
    }

    void webSocketOrPlainHttp()
    {
        QFETCH(QByteArray, headers);
        QFETCH(bool, wants);
        natter::server::net::HttpRequestReader reader;
        const natter::server::net::HttpReadResult r
            = reader.feed("GET /health HTTP/1.1\r\nHost: h\r\n" + headers + "\r\n");
        QCOMPARE(r.status, natter::server::net::HttpReadResult::Complete);
        QCOMPARE(wantsWebSocket(r.request), wants);
    }

    void connectionTokensOverSeveralLines()
    {
        const QByteArray request
            = QByteArray(kUpgrade).replace("Connection: keep-alive, Upgrade\r\n",
                "Connection: keep-alive\r\nConnection: Upgrade\r\n");
        QCOMPARE(parseUpgrade(request).status, UpgradeResult::Accepted);
    }

    void binaryMessageAndPartialFrames()
    {
        const QByteArray f = frame(Binary, "payload") + frame(Binary, QByteArray(300, 'x'));
        // Every prefix consumes only whole frames; the rest comes again later.
        for (qsizetype cut = 0; cut <= f.size(); ++cut) {
            FrameReader reader(64 * 1024);
            Log log;
            QByteArray first = f.left(cut);
            const qsizetype used = reader.feed(first.data(), first.size(), log);
            QByteArray rest = first.mid(used) + f.mid(cut);
            const qsizetype used2 = reader.feed(rest.data(), rest.size(), log);
            QCOMPARE(used + used2, f.size());
            QCOMPARE(log.events,
                QStringList({ "binary:payload", "binary:" + QString(300, QLatin1Char('x')) }));
        }
    }

    void fragmentsWithControlFramesBetween()
    {
        const QByteArray bytes = frame(Binary, "ab", false) + frame(Ping, "p1")
            + frame(Continuation, "cd", false) + frame(Pong, "ignored") + frame(Continuation, "ef");
        QCOMPARE(run(bytes), QStringList({ "ping:p1", "binary:abcdef" }));
    }

    void textMessages()
    {
        QCOMPARE(run(frame(Text, "grüße")), QStringList({ "text:grüße" }));
        // A character split across fragments is fine; the whole must be UTF-8.
        const QByteArray euro = "\xe2\x82\xac";
        QCOMPARE(run(frame(Text, euro.left(1), false) + frame(Continuation, euro.mid(1))),
            QStringList({ "text:€" }));
        QCOMPARE(run(frame(Text, "ok \xc3\x28")),
            QStringList({ "violation:1007:invalid UTF-8 in a text message" }));
    }

    void violations_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::newRow("unmasked") << frame(Binary, "x", true, false) << 1002;
        QTest::newRow("rsv1") << frame(Binary, "x", true, true, 4) << 1002;
        QTest::newRow("opcode 3") << frame(3, "x") << 1002;
        QTest::newRow("opcode 11") << frame(11, "x") << 1002;
        QTest::newRow("fragmented ping") << frame(Ping, "x", false) << 1002;
        QTest::newRow("long ping") << frame(Ping, QByteArray(126, 'p')) << 1002;
        QTest::newRow("stray continuation") << frame(Continuation, "x") << 1002;
        QTest::newRow("message inside message")
            << frame(Binary, "a", false) + frame(Binary, "b") << 1002;
        QTest::newRow("over the limit") << frame(Binary, QByteArray(64 * 1024 + 1, 'b')) << 1009;
        QTest::newRow("fragments over the limit") << frame(Binary, QByteArray(40000, 'a'), false)
                + frame(Continuation, QByteArray(30000, 'b'))
                                                  << 1009;
        QTest::newRow("one-byte close") << frame(Close, "\x03") << 1002;
        QTest::newRow("close code 1005") << frame(Close, closePayload(1005)) << 1002;
        QTest::newRow("close code 999") << frame(Close, closePayload(999)) << 1002;
        QTest::newRow("close code 2000") << frame(Close, closePayload(2000)) << 1002;
        QTest::newRow("close reason not UTF-8") << frame(Close, closePayload(1000, "\xff")) << 1007;
    }

    void violations()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        const QStringList events = run(bytes);
        QCOMPARE(events.size(), 1);
        QVERIFY2(
            events[0].startsWith(QStringLiteral("violation:%1:").arg(code)), qPrintable(events[0]));
    }

    void oversizedFrameFailsOnItsHeader()
    {
        // Only the header of a 100 MB frame: refused before any payload arrives.
        QByteArray header("\x82\xff", 2);
        char len[8];
        qToBigEndian<quint64>(100'000'000, len);
        header.append(len, 8);
        QCOMPARE(run(header), QStringList({ "violation:1009:message too big" }));
        QByteArray invalid("\x82\xff", 2);
        qToBigEndian<quint64>(0x8000000000000010ULL, len);
        invalid.append(len, 8);
        QCOMPARE(run(invalid), QStringList({ "violation:1002:invalid frame length" }));
    }

    void closeFrames()
    {
        QCOMPARE(run(frame(Close, closePayload(4000, "bye"))), QStringList({ "close:4000:bye" }));
        QCOMPARE(run(frame(Close, {})), QStringList({ "close:1005:" }));
        // Nothing after a close frame is read.
        qsizetype used = 0;
        const QByteArray closeFrame = frame(Close, closePayload(1000));
        QCOMPARE(run(closeFrame + frame(Binary, "late"), &used), QStringList({ "close:1000:" }));
        QCOMPARE(used, closeFrame.size());
    }

    void sinkCanStopTheReader()
    {
        FrameReader reader(64 * 1024);
        Log log;
        log.stopAfterFirst = true;
        QByteArray bytes = frame(Binary, "one") + frame(Binary, "two");
        const qsizetype used = reader.feed(bytes.data(), bytes.size(), log);
        QCOMPARE(log.events, QStringList({ "binary:one" }));
        QCOMPARE(used, frame(Binary, "one").size());
    }

    void utf8Validation()
    {
        QVERIFY(isValidUtf8("plain"));
        QVERIFY(isValidUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")); // é € 😀
        QVERIFY(isValidUtf8("\xf4\x8f\xbf\xbf")); // U+10FFFF
        QVERIFY(!isValidUtf8("\xc0\xaf")); // overlong '/'
        QVERIFY(!isValidUtf8("\xe0\x80\xaf")); // overlong
        QVERIFY(!isValidUtf8("\xed\xa0\x80")); // surrogate U+D800
        QVERIFY(!isValidUtf8("\xf4\x90\x80\x80")); // above U+10FFFF
        QVERIFY(!isValidUtf8("\xe2\x82")); // truncated
        QVERIFY(!isValidUtf8("\x80")); // lone continuation
        QVERIFY(!isValidUtf8("\xf8\x88\x80\x80\x80")); // 5-byte form
    }

    void serverFramesAreUnmaskedWithTheRightLength_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("headerBytes");
        QTest::newRow("125") << 125 << 2;
        QTest::newRow("126") << 126 << 4;
        QTest::newRow("65535") << 65535 << 4;
        QTest::newRow("65536") << 65536 << 10;
    }

    void serverFramesAreUnmaskedWithTheRightLength()
    {
        QFETCH(int, size);
        QFETCH(int, headerBytes);
        QByteArray out;
        appendFrame(out, Binary, QByteArray(size, 'z'));
        QCOMPARE(out.size(), size + headerBytes);
        QCOMPARE(quint8(out[0]), quint8(0x82));
        QCOMPARE(quint8(out[1]) & 0x80, 0); // servers never mask
        QCOMPARE(out.right(size), QByteArray(size, 'z'));
    }

    void closeFrameWritten()
    {
        QByteArray out;
        appendClose(out, CloseCode::PolicyViolated, QByteArray(200, 'r'));
        QCOMPARE(quint8(out[0]), quint8(0x88));
        QCOMPARE(int(quint8(out[1])), 125); // reason cut to fit a control frame
        QCOMPARE(qFromBigEndian<quint16>(out.constData() + 2), quint16(1008));
    }
};

QTEST_APPLESS_MAIN(TestWsProtocol)
#include "tst_ws_protocol.moc"
