// Entry point for every binary frame a Session receives: decode, version
// and auth checks, rate limits, then dispatch to the account or
// conversation requests. Runs on the session's network thread and never
// blocks: database and password work are queued elsewhere.
#pragma once

#include "gateway/Mailbox.h"

#include <QByteArray>

#include <functional>

namespace natter::server {

struct ServerContext;
class Session;

void handleFrame(ServerContext &ctx, Session &session, const QByteArray &frame);

// Runs a network thread's mailbox batch on its sessions, in this order:
// tasks (replies, acks) in posting order, feed notifies, notifies, then
// revocations. find: session id -> the thread's Session, or nullptr when it
// has gone (its tasks and notifies are dropped).
void deliverBatch(
    ServerContext &ctx, Mailbox::Batch &batch, const std::function<Session *(quint64)> &find);

} // namespace natter::server
