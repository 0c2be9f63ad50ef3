#include "net/HttpRequest.h"

#include <http_parser.h>

namespace natter::server::net {

namespace {

QByteArray trimmedOws(const QByteArray &value)
{
    qsizetype from = 0, to = value.size();
    while (from < to && (value[from] == ' ' || value[from] == '\t'))
        ++from;
    while (to > from && (value[to - 1] == ' ' || value[to - 1] == '\t'))
        --to;
    return from == 0 && to == value.size() ? value : value.sliced(from, to - from);
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return true;
    return false;
}

// http-parser calls back with pieces of the URL, names and values as they
// arrive (a piece ends wherever a feed() ended), so everything is appended
// and finished once the head is complete.
struct HttpRequestReader::State
{
    State()
    {
        http_parser_init(&parser, HTTP_REQUEST);
        parser.data = this;
    }

    int fail(int status, const char *text)
    {
        errorStatus = status;
        why = text;
        return -1; // stops http_parser_execute()
    }

    int headersComplete();

    static State &of(http_parser *p) { return *static_cast<State *>(p->data); }

    static int onUrl(http_parser *p, const char *at, size_t n)
    {
        of(p).target.append(at, qsizetype(n));
        return 0;
    }

    static int onHeaderField(http_parser *p, const char *at, size_t n)
    {
        State &s = of(p);
        if (!s.inField) {
            s.inField = true;
            // Fields past the cap are dropped and refused once the head is
            // complete: a callback comes wherever a feed() ended, so failing
            // here would let the split choose between this refusal and a
            // syntax error further on.
            s.dropping = s.request.headers.size() == size_t(kMaxRequestHeaderFields);
            s.tooManyFields = s.tooManyFields || s.dropping;
            if (!s.dropping)
                s.request.headers.emplace_back();
        }
        if (!s.dropping)
            s.request.headers.back().first.append(
                QByteArrayView(at, qsizetype(n)).toByteArray().toLower());
        return 0;
    }

    static int onHeaderValue(http_parser *p, const char *at, size_t n)
    {
        State &s = of(p);
        if (s.request.headers.empty())
            return s.fail(400, "header value without a name"); // http-parser never does this
        s.inField = false; // http-parser reports empty values too, so each field gets one
        if (!s.dropping)
            s.request.headers.back().second.append(at, qsizetype(n));
        return 0;
    }

    static int onHeadersComplete(http_parser *p) { return of(p).headersComplete(); }

    static int onBody(http_parser *p, const char *at, size_t n)
    {
        of(p).request.body.append(at, qsizetype(n));
        return 0;
    }

    static int onMessageComplete(http_parser *p)
    {
        of(p).complete = true;
        // Stop right after this request: what follows is the next protocol
        // (or ignored, as the connection closes after its answer).
        http_parser_pause(p, 1);
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings init;
            http_parser_settings_init(&init);
            init.on_url = onUrl;
            init.on_header_field = onHeaderField;
            init.on_header_value = onHeaderValue;
            init.on_headers_complete = onHeadersComplete;
            init.on_body = onBody;
            init.on_message_complete = onMessageComplete;
            return init;
        }();
        return s;
    }

    http_parser parser;
    HttpRequest request;
    QByteArray target; // the raw request target
    qsizetype headBytes = 0; // fed to the parser while the head was incomplete
    bool inField = false; // the last header piece was part of a name
    bool dropping = false; // the current field is one past kMaxRequestHeaderFields
    bool tooManyFields = false;
    bool headDone = false;
    bool complete = false;
    bool finished = false; // a Complete or an Error was returned
    int errorStatus = 0;
    const char *why = nullptr;
};

int HttpRequestReader::State::headersComplete()
{
    headDone = true;
    if (tooManyFields)
        return fail(431, "too many header fields");
    request.versionMajor = parser.http_major;
    request.versionMinor = parser.http_minor;
    if (parser.http_major != 1 || parser.http_minor != 1)
        return fail(505, "HTTP/1.1 required");
    // 411, not 501: http-parser understands chunked; we insist on a declared
    // length so that the body limit is checked before anything is buffered
    // (the frame reader's rule). RFC 9112 §6.3 lets a server refuse a body
    // without Content-Length with 411, which tells the client what to change;
    // 501 would claim we do not know the coding at all.
    if (parser.flags & F_CHUNKED)
        return fail(411, "chunked bodies are refused: send Content-Length");
    if ((parser.flags & F_CONTENTLENGTH) && parser.content_length > quint64(kMaxRequestBodyBytes))
        return fail(413, "request body too large");

    for (auto &h : request.headers)
        h.second = trimmedOws(h.second);
    request.method = http_method_str(http_method(parser.method));

    const bool connect = parser.method == HTTP_CONNECT;
    http_parser_url url;
    http_parser_url_init(&url);
    if (http_parser_parse_url(target.constData(), size_t(target.size()), connect, &url) != 0)
        return fail(400, "malformed request target");
    const auto field
        = [&](int f) { return target.sliced(url.field_data[f].off, url.field_data[f].len); };
    if (url.field_set & (1 << UF_PATH))
        request.path = field(UF_PATH);
    else if (!connect)
        request.path = "/"; // absolute form without a path (RFC 9112 §3.2.2)
    if (url.field_set & (1 << UF_QUERY))
        request.query = field(UF_QUERY);
    target = QByteArray();

    if (request.header("host").isEmpty())
        return fail(400, "Host header missing");
    return 0;
}

HttpRequestReader::HttpRequestReader()
    : m_state(std::make_unique<State>())
{
}

HttpRequestReader::~HttpRequestReader() = default;

HttpReadResult HttpRequestReader::feed(QByteArrayView data)
{
    State &s = *m_state;
    HttpReadResult r;
    const auto error = [&](int status, const char *why) {
        s.finished = true;
        r.status = HttpReadResult::Error;
        r.httpStatus = status;
        r.why = why;
        return r;
    };
    if (s.finished)
        return error(500, "request reader used twice");
    qsizetype used = 0;
    // Never an empty buffer: http-parser takes that for the end of the stream.
    while (used < data.size()) {
        qsizetype chunk = data.size() - used;
        // The head limit: the parser never sees a byte past it, so the
        // answer does not depend on how the bytes were split.
        if (!s.headDone)
            chunk = qMin(chunk, kMaxRequestHeadBytes - s.headBytes);
        const qsizetype n = qsizetype(
            http_parser_execute(&s.parser, &State::settings(), data.data() + used, size_t(chunk)));
        used += n;
        if (!s.headDone)
            s.headBytes += n;
        if (s.complete) {
            s.finished = true;
            r.status = HttpReadResult::Complete;
            r.consumed = used;
            r.request = std::move(s.request);
            return r;
        }
        if (s.errorStatus)
            return error(s.errorStatus, s.why);
        if (const auto e = HTTP_PARSER_ERRNO(&s.parser); e != HPE_OK)
            return error(400, http_errno_description(e));
        if (n < chunk)
            return error(400, "request parsing stopped"); // not expected without an error
        if (!s.headDone && s.headBytes == kMaxRequestHeadBytes)
            return error(431, "request head too large");
    }
    return r;
}

} // namespace natter::server::net
