// fuzz_http_request: natterd's HTTP request reader (server/net/HttpRequest,
// on http-parser) on an arbitrary client byte stream, and what a connection
// does with its result. Differential check: the stream fed whole and fed in
// small pieces (first input byte: the piece size) must give the same result
// — status, where the request ended, every field, the refusal — and the
// same as parseUpgrade() on the whole stream. A complete request then goes
// through the route table and, when it asks for a WebSocket, through
// answerUpgrade(); their answers must be well-formed.
#include "net/HttpRequest.h"
#include "net/HttpRoutes.h"
#include "net/WsProtocol.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using namespace natter::server;
using net::HttpReadResult;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// The result, with Complete's end as an offset in the whole stream.
QByteArray describe(const HttpReadResult &r, qsizetype before)
{
    if (r.status == HttpReadResult::NeedMore)
        return "N";
    if (r.status == HttpReadResult::Error) {
        check(r.why != nullptr);
        return 'E' + QByteArray::number(r.httpStatus) + r.why;
    }
    const net::HttpRequest &q = r.request;
    QByteArray out = 'C' + QByteArray::number(before + r.consumed) + ' ' + q.method + ' ' + q.path
        + '?' + q.query + ' ' + QByteArray::number(q.versionMajor) + '.'
        + QByteArray::number(q.versionMinor);
    for (const auto &[name, value] : q.headers)
        out += '\n' + QByteArray::number(name.size()) + ':' + name + value;
    return out + "\nbody " + q.body;
}

QByteArray inPieces(const QByteArray &stream, qsizetype piece)
{
    net::HttpRequestReader reader;
    for (qsizetype at = 0; at < stream.size(); at += piece) {
        const QByteArray part = stream.mid(at, piece);
        const HttpReadResult r = reader.feed(part);
        if (r.status == HttpReadResult::Complete)
            check(r.consumed > 0 && r.consumed <= part.size());
        if (r.status != HttpReadResult::NeedMore)
            return describe(r, at);
    }
    return "N";
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

void checkRequest(const net::HttpRequest &q)
{
    check(q.versionMajor == 1 && q.versionMinor == 1);
    check(!q.method.isEmpty() && !q.path.contains('?'));
    check(q.body.size() <= net::kMaxRequestBodyBytes);
    check(q.headers.size() <= size_t(net::kMaxRequestHeaderFields));
    check(!q.header("host").isEmpty());
    for (const auto &[name, value] : q.headers) {
        check(!name.isEmpty() && name == name.toLower());
        check(value.isEmpty() || (!isOws(value.front()) && !isOws(value.back())));
    }
}

// An answer: status line, a head ending in a blank line, Content-Length.
void checkAnswer(const QByteArray &answer, bool headOnly)
{
    check(answer.startsWith("HTTP/1.1 "));
    const qsizetype end = answer.indexOf("\r\n\r\n");
    check(end > 0);
    const QByteArray body = answer.mid(end + 4);
    const qsizetype at = answer.indexOf("\r\nContent-Length: ");
    check(at > 0 && at < end);
    const qsizetype eol = answer.indexOf("\r\n", at + 2);
    const qsizetype length = answer.mid(at + 18, eol - at - 18).toLongLong();
    check(headOnly ? body.isEmpty() : body.size() == length);
    check(answer.left(end + 2).contains("\r\nConnection: close\r\n"));
}

const net::HttpRoutes &routes()
{
    static const net::HttpRoutes table = [] {
        net::HttpRoutes t;
        t.add("GET", "/health", [](const net::HttpRequest &) {
            return net::HttpResponse { 200, "application/json", R"({"status":"ok"})", {} };
        });
        t.add("POST", "/echo", [](const net::HttpRequest &r) {
            return net::HttpResponse { 200, "text/plain", r.body, { { "X-Query", r.query } } };
        });
        return t;
    }();
    return table;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + (data[0] % 16);
    const QByteArray stream(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    net::HttpRequestReader reader;
    const HttpReadResult r = reader.feed(stream);
    const QByteArray whole = describe(r, 0);
    check(inPieces(stream, piece) == whole);

    const ws::UpgradeResult up = ws::parseUpgrade(stream);
    switch (r.status) {
    case HttpReadResult::NeedMore: check(up.status == ws::UpgradeResult::NeedMore); return 0;
    case HttpReadResult::Error:
        check(up.status == ws::UpgradeResult::Refused);
        check(r.httpStatus == 400 || r.httpStatus == 411 || r.httpStatus == 413
            || r.httpStatus == 431 || r.httpStatus == 505);
        check(up.response.startsWith("HTTP/1.1 " + QByteArray::number(r.httpStatus) + ' '));
        checkAnswer(up.response, false);
        return 0;
    case HttpReadResult::Complete: break;
    }
    check(r.consumed > 0 && r.consumed <= stream.size());
    check(up.status != ws::UpgradeResult::NeedMore && up.consumed == r.consumed);
    checkRequest(r.request);
    checkAnswer(routes().answer(r.request), r.request.method == "HEAD");
    if (ws::wantsWebSocket(r.request)) {
        const ws::UpgradeResult answer = ws::answerUpgrade(r.request, r.consumed);
        check(answer.response == up.response && answer.consumed == r.consumed);
        if (answer.status == ws::UpgradeResult::Refused)
            checkAnswer(answer.response, r.request.method == "HEAD");
        else
            check(answer.response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
    }
    return 0;
}
