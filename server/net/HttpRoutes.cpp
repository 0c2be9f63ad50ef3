#include "net/HttpRoutes.h"

#include <http_parser.h>

#include <cstring>

namespace natter::server::net {

QByteArray httpResponseBytes(const HttpResponse &response, bool withBody)
{
    const char *reason = http_status_str(http_status(response.status));
    if (std::strcmp(reason, "<unknown>") == 0)
        reason = ""; // the reason phrase may be empty (RFC 9112 §4)
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason
        + "\r\nServer: natterd\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size())
        + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (withBody)
        out += response.body;
    return out;
}

HttpResponse plainHttpResponse(int status, QByteArrayView text)
{
    return HttpResponse { status, "text/plain", text.toByteArray(), {} };
}

void HttpRoutes::add(QByteArray method, QByteArray path, Handler handler)
{
    for (Route &r : m_routes) {
        if (r.method == method && r.path == path) {
            r.handler = std::move(handler);
            return;
        }
    }
    m_routes.push_back({ std::move(method), std::move(path), std::move(handler) });
}

QByteArray HttpRoutes::answer(const HttpRequest &request) const
{
    const bool head = request.method == "HEAD";
    const Route *match = nullptr;
    const Route *get = nullptr;
    bool knownPath = false;
    for (const Route &r : m_routes) {
        if (r.path != request.path)
            continue;
        knownPath = true;
        if (r.method == request.method) {
            match = &r;
            break;
        }
        if (r.method == "GET")
            get = &r;
    }
    if (!match && head)
        match = get;
    if (match)
        return httpResponseBytes(match->handler(request), !head);
    if (!knownPath)
        return httpResponseBytes(plainHttpResponse(404, "not found"), !head);
    HttpResponse refused = plainHttpResponse(405, "method not allowed");
    refused.headers.emplace_back("Allow", allowedMethods(request.path));
    return httpResponseBytes(refused, !head);
}

QByteArray HttpRoutes::allowedMethods(const QByteArray &path) const
{
    bool head = false; // its own route: listed where it was added
    for (const Route &r : m_routes)
        head = head || (r.path == path && r.method == "HEAD");
    QByteArray allow;
    for (const Route &r : m_routes) {
        if (r.path != path)
            continue;
        allow += (allow.isEmpty() ? "" : ", ") + r.method;
        if (r.method == "GET" && !head)
            allow += ", HEAD";
    }
    return allow;
}

} // namespace natter::server::net
