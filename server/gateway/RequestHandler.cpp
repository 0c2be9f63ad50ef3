#include "gateway/RequestHandler.h"

#include "Logging.h"
#include "conversations/ConversationRequests.h"
#include "gateway/AuthRequests.h"
#include "gateway/ServerContext.h"
#include "gateway/Session.h"

namespace natter::server {

void Requester::reply(proto::Envelope envelope) const
{
    envelope.set_version(kProtocolVersion);
    envelope.set_request_id(requestId);
    task([env = std::move(envelope)](Session &s) { s.send(env); });
}

void Requester::error(proto::ErrorCode code, const QString &message) const
{
    reply(makeError(requestId, code, message));
}

void handleFrame(ServerContext &ctx, Session &session, const QByteArray &frame)
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
    if (ctx.draining.load()) {
        session.sendError(requestId, proto::INTERNAL, QStringLiteral("server shutting down"));
        return;
    }
    const Requester who { &ctx, session.thread(), session.id(), requestId };

    switch (env.body_case()) {
    case proto::Envelope::kRegisterRequest:
    case proto::Envelope::kLogin:
        if (!ctx.ipLimiter.allow(session.peerAddress())) {
            session.sendError(requestId, proto::RATE_LIMITED, QStringLiteral("too many sign-ins"));
            return;
        }
        if (env.body_case() == proto::Envelope::kLogin)
            AuthRequests::login(ctx, who, env.login());
        else
            AuthRequests::registerUser(ctx, who, env.register_request());
        return;
    case proto::Envelope::kResume: AuthRequests::resume(ctx, who, env.resume()); return;
    default: break;
    }

    if (!session.isAuthenticated()) {
        session.sendError(requestId, proto::UNAUTHENTICATED, QStringLiteral("sign in first"));
        return;
    }
    if (!ctx.deviceLimiter.allow(QString::number(session.deviceId()))) {
        session.sendError(requestId, proto::RATE_LIMITED, QStringLiteral("slow down"));
        return;
    }
    const Actor actor { session.userId(), session.deviceId() };
    switch (env.body_case()) {
    case proto::Envelope::kLogout: AuthRequests::logout(ctx, who, actor); return;
    case proto::Envelope::kRevokeDevice:
        AuthRequests::revokeDevice(ctx, who, actor, env.revoke_device());
        return;
    case proto::Envelope::kDevicesRequest: AuthRequests::devices(ctx, who, actor); return;
    case proto::Envelope::kSend: ConversationRequests::send(ctx, who, actor, env.send()); return;
    case proto::Envelope::kPull: ConversationRequests::pull(ctx, who, actor, env.pull()); return;
    case proto::Envelope::kMarkRead:
        ConversationRequests::markRead(ctx, who, actor, env.mark_read());
        return;
    case proto::Envelope::kFeedPull:
        ConversationRequests::feedPull(ctx, who, actor, env.feed_pull());
        return;
    default:
        session.sendError(requestId, proto::BAD_REQUEST, QStringLiteral("not a request"));
        return;
    }
}

void deliverBatch(
    ServerContext &ctx, Mailbox::Batch &batch, const std::function<Session *(quint64)> &find)
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
