// Entry point for every binary frame a Session receives: decode, version
// and auth checks, rate limits, then dispatch to the account or
// conversation requests. Runs on the session's network thread and never
// blocks: database and password work are queued elsewhere.
#pragma once

#include <QByteArray>

namespace natter::server {

struct ServerContext;
class Session;

void handleFrame(ServerContext &ctx, Session &session, const QByteArray &frame);

} // namespace natter::server
