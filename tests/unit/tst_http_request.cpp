// natterd's plain-HTTP layer on bytes: the incremental request reader
// (server/net/HttpRequest, on http-parser) with its limits and refusals, fed
// whole, in two pieces cut at every byte and a byte at a time; and the route
// table's answers (server/net/HttpRoutes), byte for byte. The same over real
// sockets: tests/integration/tst_natterd_websocket.
#include "net/HttpRequest.h"
#include "net/HttpRoutes.h"

#include <QTest>

using namespace natter::server::net;

namespace {

const QByteArray kGet = "GET /health?verbose=1 HTTP/1.1\r\nHost: 127.0.0.1:9\r\n"
                        "User-Agent: test\r\n\r\n";

// Everything a result says, with Complete's end as an offset in the whole
// stream (`before`: bytes given to earlier feeds).
QByteArray describe(const HttpReadResult &r, qsizetype before)
{
    switch (r.status) {
    case HttpReadResult::NeedMore: return "need more";
    case HttpReadResult::Error:
        return "error " + QByteArray::number(r.httpStatus) + ' ' + QByteArray(r.why);
    case HttpReadResult::Complete: break;
    }
    const HttpRequest &q = r.request;
    QByteArray out = "complete at " + QByteArray::number(before + r.consumed) + ": " + q.method
        + ' ' + q.path + " ?" + q.query + " HTTP/" + QByteArray::number(q.versionMajor) + '.'
        + QByteArray::number(q.versionMinor);
    for (const auto &[name, value] : q.headers)
        out += " [" + name + "=" + value + "]";
    return out + " body=" + q.body;
}

QByteArray whole(const QByteArray &bytes)
{
    HttpRequestReader reader;
    return describe(reader.feed(bytes), 0);
}

QByteArray twoPieces(const QByteArray &bytes, qsizetype cut)
{
    HttpRequestReader reader;
    const HttpReadResult first = reader.feed(bytes.left(cut));
    if (first.status != HttpReadResult::NeedMore)
        return describe(first, 0);
    return describe(reader.feed(bytes.mid(cut)), cut);
}

QByteArray bytewise(const QByteArray &bytes)
{
    HttpRequestReader reader;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const HttpReadResult r = reader.feed(bytes.mid(i, 1));
        if (r.status != HttpReadResult::NeedMore)
            return describe(r, i);
    }
    return "need more";
}

HttpRequest requestOf(const QByteArray &bytes)
{
    HttpRequestReader reader;
    HttpReadResult r = reader.feed(bytes);
    if (r.status != HttpReadResult::Complete)
        qWarning("not complete: %s", describe(r, 0).constData());
    return std::move(r.request);
}

QByteArray withHeaders(int count, qsizetype padTo = 0)
{
    QByteArray head = "GET / HTTP/1.1\r\nHost: h\r\n";
    for (int i = 1; i < count; ++i)
        head += "X-" + QByteArray::number(i) + ": v\r\n";
    if (padTo > 0)
        head += "X-Pad: " + QByteArray(padTo - head.size() - 11, 'p') + "\r\n";
    return head + "\r\n";
}

HttpRoutes healthRoutes()
{
    HttpRoutes routes;
    routes.add("GET", "/health", [](const HttpRequest &) {
        return HttpResponse { 200, "application/json", R"({"status":"ok"})", {} };
    });
    return routes;
}

HttpRequest request(const QByteArray &method, const QByteArray &target)
{
    return requestOf(method + ' ' + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
}

} // namespace

class TestHttpRequest : public QObject
{
    Q_OBJECT
private slots:
    void splitsGiveTheSameResult_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("expected"); // the start of the description
        QTest::newRow("GET") << kGet + "next" << QByteArray("complete at 71: GET /health ?");
        QTest::newRow("POST body")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloEXTRA")
            << QByteArray("complete at 53: POST /x");
        QTest::newRow("upgrade") << QByteArray(
            "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\n\r\n\x82\x80")
                                 << QByteArray("complete at 70: GET /ws");
        QTest::newRow("incomplete") << kGet.left(kGet.size() - 1) << QByteArray("need more");
        QTest::newRow("body incomplete")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhell")
            << QByteArray("need more");
        QTest::newRow("head too large")
            << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(kMaxRequestHeadBytes, 'a')
            << QByteArray("error 431");
        QTest::newRow("too many fields") << withHeaders(kMaxRequestHeaderFields + 1)
                                         << QByteArray("error 431 too many header fields");
        // The field count is judged once the head is complete, so a syntax
        // error after the 101st field wins however the bytes were split.
        QTest::newRow("too many fields, then bad")
            << QByteArray(withHeaders(kMaxRequestHeaderFields + 1)).replace("X-100: v", "X-100 v")
            << QByteArray("error 400");
        QTest::newRow("body too large")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 65537\r\n\r\n")
            << QByteArray("error 413");
        QTest::newRow("chunked") << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                                 << QByteArray("error 411");
        QTest::newRow("HTTP/1.0") << QByteArray(kGet).replace("HTTP/1.1", "HTTP/1.0")
                                  << QByteArray("error 505 HTTP/1.1 required");
        QTest::newRow("HTTP/2.0") << QByteArray(kGet).replace("HTTP/1.1", "HTTP/2.0")
                                  << QByteArray("error 505");
        QTest::newRow("no Host") << QByteArray("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")
                                 << QByteArray("error 400 Host header missing");
        QTest::newRow("empty Host")
            << QByteArray("GET / HTTP/1.1\r\nHost:\r\n\r\n") << QByteArray("error 400");
        QTest::newRow("header without colon")
            << QByteArray(kGet).replace("User-Agent:", "User-Agent") << QByteArray("error 400");
        QTest::newRow("space in target")
            << QByteArray("GET /a b HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("error 400");
        QTest::newRow("unknown method")
            << QByteArray("BREW /pot HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("error 400");
        QTest::newRow("length and chunked")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\nabc")
            << QByteArray("error 400");
        QTest::newRow("two lengths")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                          "Content-Length: 4\r\n\r\nabcd")
            << QByteArray("error 400");
    }

    void splitsGiveTheSameResult()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, expected);
        const QByteArray once = whole(bytes);
        QVERIFY2(once.startsWith(expected), once.constData());
        QCOMPARE(bytewise(bytes), once);
        for (qsizetype cut = 0; cut <= bytes.size(); ++cut)
            QCOMPARE(twoPieces(bytes, cut), once);
    }

    void requestValue()
    {
        const HttpRequest r = requestOf(kGet);
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, QByteArray("/health"));
        QCOMPARE(r.query, QByteArray("verbose=1"));
        QCOMPARE(r.versionMajor, 1);
        QCOMPARE(r.versionMinor, 1);
        QCOMPARE(r.headers.size(), size_t(2));
        QCOMPARE(r.header("user-agent"), QByteArray("test"));
        QVERIFY(r.body.isEmpty());
    }

    void headerNamesAreCaseInsensitiveAndValuesTrimmed()
    {
        const HttpRequest r = requestOf("GET / HTTP/1.1\r\nHOST: h\r\nX-Mixed-Case: \t a b \t\r\n"
                                        "x-mixed-case: second\r\nX-Empty:\r\n\r\n");
        QCOMPARE(r.header("host"), QByteArray("h"));
        QCOMPARE(r.header("x-mixed-case"), QByteArray("a b")); // the first of two
        QCOMPARE(r.headers[2], std::make_pair(QByteArray("x-mixed-case"), QByteArray("second")));
        QVERIFY(r.hasHeader("x-empty"));
        QVERIFY(r.header("x-empty").isEmpty());
        QVERIFY(!r.hasHeader("X-Mixed-Case")); // look-ups take lower-case names
    }

    void querySplitOff()
    {
        HttpRequest r = requestOf("GET /a/b?x=1&y=2?z#frag HTTP/1.1\r\nHost: h\r\n\r\n");
        QCOMPARE(r.path, QByteArray("/a/b"));
        QCOMPARE(r.query, QByteArray("x=1&y=2?z"));
        r = requestOf("GET /plain? HTTP/1.1\r\nHost: h\r\n\r\n");
        QCOMPARE(r.path, QByteArray("/plain"));
        QVERIFY(r.query.isEmpty());
        r = requestOf("GET http://natter.example:8080/health?q HTTP/1.1\r\nHost: h\r\n\r\n");
        QCOMPARE(r.path, QByteArray("/health"));
        QCOMPARE(r.query, QByteArray("q"));
        r = requestOf("GET http://natter.example HTTP/1.1\r\nHost: h\r\n\r\n");
        QCOMPARE(r.path, QByteArray("/"));
    }

    void contentLengthBody()
    {
        const QByteArray body(kMaxRequestBodyBytes, 'b'); // the largest accepted
        const QByteArray head = "PUT /blob HTTP/1.1\r\nHost: h\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n";
        HttpRequestReader reader;
        QCOMPARE(reader.feed(head).status, HttpReadResult::NeedMore);
        QCOMPARE(reader.feed(body.left(1000)).status, HttpReadResult::NeedMore);
        const HttpReadResult r = reader.feed(body.mid(1000) + "GET / HTTP/1.1\r\n");
        QCOMPARE(r.status, HttpReadResult::Complete);
        QCOMPARE(r.consumed, body.size() - 1000);
        QCOMPARE(r.request.body, body);
    }

    void oversizedBodyRefusedOnItsDeclaredLength()
    {
        // Only the head: refused before any of the body is sent.
        HttpRequestReader reader;
        const HttpReadResult r = reader.feed("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: "
            + QByteArray::number(kMaxRequestBodyBytes + 1) + "\r\n\r\n");
        QCOMPARE(r.status, HttpReadResult::Error);
        QCOMPARE(r.httpStatus, 413);
    }

    void headLimitIsExact()
    {
        const QByteArray largest = withHeaders(3, kMaxRequestHeadBytes);
        QCOMPARE(largest.size(), kMaxRequestHeadBytes);
        QVERIFY(whole(largest).startsWith("complete at 8192"));
        const QByteArray over = withHeaders(3, kMaxRequestHeadBytes + 1);
        QCOMPARE(whole(over), QByteArray("error 431 request head too large"));
        // Refused once the limit is reached without the head's end, not later.
        QCOMPARE(whole(over.left(kMaxRequestHeadBytes - 1)), QByteArray("need more"));
        QCOMPARE(
            whole(over.left(kMaxRequestHeadBytes)), QByteArray("error 431 request head too large"));
        QVERIFY(whole(withHeaders(kMaxRequestHeaderFields)).startsWith("complete"));
    }

    void oneRequestPerReader()
    {
        HttpRequestReader reader;
        QCOMPARE(reader.feed(kGet).status, HttpReadResult::Complete);
        const HttpReadResult again = reader.feed(kGet);
        QCOMPARE(again.status, HttpReadResult::Error);
        QCOMPARE(reader.feed({}).status, HttpReadResult::Error);
        HttpRequestReader fresh;
        QCOMPARE(fresh.feed({}).status, HttpReadResult::NeedMore); // not the end of the stream
        QCOMPARE(fresh.feed(kGet).status, HttpReadResult::Complete);
    }

    // --- routes -----------------------------------------------------------

    void routeAnswer()
    {
        const HttpRoutes routes = healthRoutes();
        QCOMPARE(routes.answer(request("GET", "/health?x=1")),
            QByteArray("HTTP/1.1 200 OK\r\nServer: natterd\r\nContent-Type: application/json\r\n"
                       "Content-Length: 15\r\nConnection: close\r\n\r\n{\"status\":\"ok\"}"));
    }

    void headIsGetWithoutBody()
    {
        const HttpRoutes routes = healthRoutes();
        const QByteArray get = routes.answer(request("GET", "/health"));
        QCOMPARE(routes.answer(request("HEAD", "/health")), get.left(get.indexOf("\r\n\r\n") + 4));
        QCOMPARE(routes.answer(request("HEAD", "/nope")),
            QByteArray("HTTP/1.1 404 Not Found\r\nServer: natterd\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 9\r\nConnection: close\r\n\r\n"));
    }

    void unknownPath404()
    {
        const HttpRoutes routes = healthRoutes();
        const QByteArray expected
            = "HTTP/1.1 404 Not Found\r\nServer: natterd\r\nContent-Type: text/plain\r\n"
              "Content-Length: 9\r\nConnection: close\r\n\r\nnot found";
        QCOMPARE(routes.answer(request("GET", "/nope")), expected);
        QCOMPARE(routes.answer(request("GET", "/health/")), expected); // exact paths only
        QCOMPARE(routes.answer(request("POST", "/HEALTH")), expected);
        QCOMPARE(HttpRoutes().answer(request("GET", "/health")), expected);
    }

    void otherMethod405WithAllow()
    {
        HttpRoutes routes = healthRoutes();
        QCOMPARE(routes.answer(request("POST", "/health")),
            QByteArray("HTTP/1.1 405 Method Not Allowed\r\nServer: natterd\r\n"
                       "Content-Type: text/plain\r\nContent-Length: 18\r\nConnection: close\r\n"
                       "Allow: GET, HEAD\r\n\r\nmethod not allowed"));
        routes.add("DELETE", "/health", [](const HttpRequest &) { return HttpResponse {}; });
        QVERIFY(
            routes.answer(request("PUT", "/health")).contains("\r\nAllow: GET, HEAD, DELETE\r\n"));
    }

    void handlerSeesTheRequestAndAddsHeaders()
    {
        HttpRoutes routes;
        routes.add("POST", "/echo", [](const HttpRequest &r) {
            return HttpResponse { 201, {}, r.body + '|' + r.query, { { "X-Echo", "yes" } } };
        });
        routes.add("HEAD", "/echo", [](const HttpRequest &) {
            return HttpResponse { 204, {}, {}, {} };
        });
        routes.add("POST", "/echo", [](const HttpRequest &r) { // replaces the first
            return HttpResponse { 201, {}, r.body + '|' + r.query + '!', { { "X-Echo", "yes" } } };
        });
        const HttpRequest post
            = requestOf("POST /echo?q HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi");
        QCOMPARE(routes.answer(post),
            QByteArray("HTTP/1.1 201 Created\r\nServer: natterd\r\nContent-Length: 5\r\n"
                       "Connection: close\r\nX-Echo: yes\r\n\r\nhi|q!"));
        QVERIFY(routes.answer(request("HEAD", "/echo")).startsWith("HTTP/1.1 204 No Content\r\n"));
        QVERIFY(routes.answer(request("GET", "/echo")).contains("\r\nAllow: POST, HEAD\r\n"));
    }

    void responseBytes()
    {
        QCOMPARE(httpResponseBytes(HttpResponse { 299, "a/b", "xyz", {} }, false),
            QByteArray("HTTP/1.1 299 \r\nServer: natterd\r\nContent-Type: a/b\r\n"
                       "Content-Length: 3\r\nConnection: close\r\n\r\n"));
        QCOMPARE(httpResponseBytes(plainHttpResponse(431, "too big")),
            QByteArray("HTTP/1.1 431 Request Header Fields Too Large\r\nServer: natterd\r\n"
                       "Content-Type: text/plain\r\nContent-Length: 7\r\nConnection: close\r\n"
                       "\r\ntoo big"));
    }
};

QTEST_APPLESS_MAIN(TestHttpRequest)
#include "tst_http_request.moc"
