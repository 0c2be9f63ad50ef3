#include "gateway/RequestHandler.h"

#include "gateway/GatewayContext.h"
#include "gateway/Session.h"

namespace natter::server {

void handleFrame(GatewayContext &ctx, Session &session, const QByteArray &frame)
{
    proto::Envelope env;
    switch (decodeEnvelope(frame, &env)) {
    case DecodeResult::Malformed:
        session.sendError(0, proto::BAD_REQUEST, QStringLiteral("malformed frame"));
        return;
    case DecodeResult::UnsupportedVersion:
        session.sendError(env.request_id(), proto::UNSUPPORTED_VERSION,
            QStringLiteral("protocol version %1 expected").arg(kProtocolVersion));
        return;
    case DecodeResult::Ok: break;
    }
    const quint64 requestId = env.request_id();
    if (ctx.services.draining.load()) {
        session.sendError(requestId, proto::INTERNAL, QStringLiteral("server shutting down"));
        return;
    }
    const Route *route = ctx.router.find(env.body_case());
    session.metrics().request(route ? int(env.body_case()) : 0);
    if (!route) {
        session.sendError(requestId, proto::BAD_REQUEST, QStringLiteral("not a request"));
        return;
    }
    if (route->access == Access::SignedIn && !session.isAuthenticated()) {
        session.sendError(requestId, proto::UNAUTHENTICATED, QStringLiteral("sign in first"));
        return;
    }
    switch (route->rate) {
    case RateClass::None: break;
    case RateClass::SignIn:
        if (!ctx.ipLimiter.allow(session.peerAddress())) {
            session.metrics().rateLimited[int(metrics::RateLimit::SignIn)].add();
            session.sendError(requestId, proto::RATE_LIMITED, QStringLiteral("too many sign-ins"));
            return;
        }
        break;
    case RateClass::Search:
        if (!ctx.searchLimiter.allow(QString::number(session.deviceId()))) {
            session.metrics().rateLimited[int(metrics::RateLimit::Search)].add();
            session.sendError(
                requestId, proto::RATE_LIMITED, QStringLiteral("too many searches; wait a moment"));
            return;
        }
        [[fallthrough]];
    case RateClass::Device:
        if (!ctx.deviceLimiter.allow(QString::number(session.deviceId()))) {
            session.metrics().rateLimited[int(metrics::RateLimit::Device)].add();
            session.sendError(requestId, proto::RATE_LIMITED, QStringLiteral("slow down"));
            return;
        }
        break;
    }
    const Requester who { &ctx.replies, session.thread(), session.id(), requestId,
        session.peerAddress() };
    const Actor actor = route->access == Access::SignedIn
        ? Actor { session.userId(), session.deviceId() }
        : Actor {};
    route->handler(who, actor, env);
}

void deliverBatch(
    GatewayContext &ctx, Mailbox::Batch &batch, const std::function<Session *(quint64)> &find)
{
    for (auto &[sessionId, task] : batch.tasks) {
        if (Session *s = find(sessionId); s && !s->isClosing())
            task(*s);
    }
    for (auto it = batch.feedNotifies.cbegin(); it != batch.feedNotifies.cend(); ++it) {
        if (Session *s = find(it.key())) {
            proto::Envelope env;
            env.set_version(kProtocolVersion);
            env.mutable_feed_notify()->set_seq(it.value());
            s->send(env);
        }
    }
    for (auto it = batch.notifies.cbegin(); it != batch.notifies.cend(); ++it) {
        if (Session *s = find(it.key().first)) {
            proto::Envelope env;
            env.set_version(kProtocolVersion);
            env.mutable_notify()->set_conversation_id(it.key().second);
            env.mutable_notify()->set_seq(it.value());
            s->send(env);
        }
    }
    for (auto it = batch.receipts.cbegin(); it != batch.receipts.cend(); ++it) {
        if (Session *s = find(it.key().first)) {
            proto::Envelope env;
            env.set_version(kProtocolVersion);
            env.mutable_receipt_notify()->set_conversation_id(it.key().second);
            env.mutable_receipt_notify()->set_seq(it.value());
            s->send(env);
        }
    }
    for (quint64 sessionId : batch.closes) {
        if (Session *s = find(sessionId)) {
            if (s->isAuthenticated())
                ctx.registry.remove(s->ref());
            s->clearAuthentication();
            s->close(CloseCode::PolicyViolated, QStringLiteral("device revoked"));
        }
    }
}

} // namespace natter::server
