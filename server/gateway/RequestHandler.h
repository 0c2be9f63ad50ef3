// Entry point for every binary frame a Session receives: decode, version
// check, the route in the RequestRouter, its access and rate checks, then
// the module's handler. Runs on the session's network thread and never
// blocks: database and password work are queued elsewhere.
#pragma once

#include "gateway/Mailbox.h"

#include <QByteArray>

#include <functional>

namespace natter::server {

struct GatewayContext;
class Session;

void handleFrame(GatewayContext &ctx, Session &session, const QByteArray &frame);

// Runs a network thread's mailbox batch on its sessions, in this order:
// tasks (replies, acks) in posting order, feed notifies, notifies, then
// revocations. find: session id -> the thread's Session, or nullptr when it
// has gone (its tasks and notifies are dropped).
void deliverBatch(
    GatewayContext &ctx, Mailbox::Batch &batch, const std::function<Session *(quint64)> &find);

} // namespace natter::server
