// HttpRequest: one HTTP/1.1 request as a plain value, and HttpRequestReader,
// which reads one from a connection's byte stream with Debian's http-parser
// (libhttp-parser). The reader is incremental: each byte is parsed once, as
// it arrives, so a client that sends its request a byte at a time costs no
// re-parsing and no buffer of its own beyond what the request holds. Like
// WsProtocol: no I/O and no Qt objects beyond byte arrays, so a fuzzer can
// drive it. A reader belongs to the one connection (one network thread) that
// feeds it.
//
// What is refused, and with what status (the caller answers and closes):
// - head (request line + headers) over kMaxRequestHeadBytes, or more than
//   kMaxRequestHeaderFields header fields: 431;
// - a body over kMaxRequestBodyBytes, judged on the declared Content-Length
//   before any of it is buffered (as the frame reader does): 413;
// - Transfer-Encoding: chunked: 411 (see HttpRequest.cpp);
// - any version other than HTTP/1.1: 505;
// - anything http-parser calls malformed, an unparsable request target, or
//   a missing or empty Host header (RFC 9112 §3.2): 400.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <utility>
#include <vector>

namespace natter::server::net {

// The longest request head (request line and headers) accepted.
constexpr qsizetype kMaxRequestHeadBytes = 8192;
// A cap on the fields, so a head of tiny headers cannot cost much more than
// its 8 KiB as separately allocated names and values.
constexpr int kMaxRequestHeaderFields = 100;
// Bodies are small (admin and metrics requests); anything larger is refused.
constexpr qsizetype kMaxRequestBodyBytes = qsizetype(64) * 1024;

struct HttpRequest
{
    QByteArray method; // "GET", "POST", ... as sent (http-parser knows them all)
    // The target's path, without query or fragment, not percent-decoded;
    // "/" for an absolute-form target without one, empty for CONNECT.
    QByteArray path;
    QByteArray query; // after '?', without it; empty when there is none
    int versionMajor = 0;
    int versionMinor = 0;
    // In the order sent; names lower-cased, values without surrounding
    // spaces and tabs. Repeated names stay separate entries.
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; // only with Content-Length

    // The first value of header `lowerName`; null when absent.
    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
};

struct HttpReadResult
{
    enum Status { NeedMore, Complete, Error } status = NeedMore;
    // Complete: how many bytes of the data given to this feed() ended the
    // request; what follows belongs to the next protocol (WebSocket frames).
    qsizetype consumed = 0;
    HttpRequest request; // Complete
    int httpStatus = 0; // Error: what to answer (400, 411, 413, 431, 505)
    const char *why = nullptr; // Error: a static text, for the answer and the log
};

class HttpRequestReader
{
public:
    HttpRequestReader();
    ~HttpRequestReader();
    HttpRequestReader(const HttpRequestReader &) = delete;
    HttpRequestReader &operator=(const HttpRequestReader &) = delete;

    // Parses the bytes that follow those of the earlier calls. One request
    // per reader: after Complete or Error every call returns an Error.
    HttpReadResult feed(QByteArrayView data);

private:
    struct State;
    std::unique_ptr<State> m_state; // keeps http_parser's C header out of ours
};

} // namespace natter::server::net
