// HttpRoutes: natterd's answers to plain HTTP requests, served beside the
// WebSocket upgrade on the same port (ws:// and wss://): a table of
// exact-path routes whose handlers produce an HttpResponse, and the one
// function that turns any HTTP answer natterd gives — a route's, a refused
// request's, a refused upgrade's — into bytes.
//
// Every answer is HTTP/1.1 with Content-Length and Connection: close (the
// connection ends after it) and a fixed header set: Server: natterd (no
// version), no Date, so an answer is a function of the request alone.
//
// Threads: Server fills the table on the main thread before the network
// threads start; from then on it is read-only, and answer() runs on every
// network thread at once without a lock. Handlers therefore must be safe to
// run on several threads at once, and no route may be added later.
#pragma once

#include "net/HttpRequest.h"

#include <QByteArray>

#include <functional>
#include <utility>
#include <vector>

namespace natter::server::net {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType; // no Content-Type header when empty
    QByteArray body;
    // Sent after the fixed headers (Server, Content-Type, Content-Length,
    // Connection), which they must not repeat.
    std::vector<std::pair<QByteArray, QByteArray>> headers;
};

// The bytes of `response`. withBody=false answers a HEAD: the same head,
// Content-Length included, without the body.
QByteArray httpResponseBytes(const HttpResponse &response, bool withBody = true);

// A text/plain answer whose body is `text`: refusals and errors.
HttpResponse plainHttpResponse(int status, QByteArrayView text);

class HttpRoutes
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    // Exact method and path (no prefixes, no patterns; the path is matched
    // as sent, without its query). A second add() of the same method and
    // path replaces the first.
    void add(QByteArray method, QByteArray path, Handler handler);

    // The answer's bytes: the route's response; 404 for an unknown path;
    // 405 with Allow for a known path and another method. HEAD is allowed
    // wherever GET is (GET's head, no body) unless a HEAD route exists.
    QByteArray answer(const HttpRequest &request) const;

private:
    struct Route
    {
        QByteArray method;
        QByteArray path;
        Handler handler;
    };

    QByteArray allowedMethods(const QByteArray &path) const;

    std::vector<Route> m_routes; // a handful: a scan costs less than hashing the path
};

} // namespace natter::server::net
