#include "gateway/GatewayChannels.h"

#include "common/Logging.h"
#include "common/ServiceError.h"
#include "gateway/GatewayContext.h"
#include "gateway/Session.h"

namespace natter::server {

void GatewayReplies::reply(int thread, quint64 sessionId, proto::Envelope envelope)
{
    m_ctx.mailboxes[thread]->postTask(
        sessionId, [env = std::move(envelope)](Session &s) { s.send(env); });
}

void GatewayReplies::signIn(int thread, quint64 sessionId, quint64 requestId, const SignIn &who)
{
    GatewayContext *ctx = &m_ctx;
    m_ctx.mailboxes[thread]->postTask(sessionId, [ctx, requestId, who](Session &s) {
        if (s.isAuthenticated())
            ctx->registry.remove(s.ref());
        s.setAuthenticated(who.userId, who.deviceId);
        qCDebug(lcAuth) << "session" << s.id() << "signed in as user" << who.userId << "device"
                        << who.deviceId;
        if (!ctx->registry.add(s.ref())) {
            s.clearAuthentication();
            if (ctx->registry.isDisabled(who.userId)) {
                const ServiceError e = accountDisabledError();
                s.sendError(requestId, e.code, e.message);
            } else {
                s.sendError(requestId, proto::AUTH_FAILED, QStringLiteral("device revoked"));
            }
            return;
        }
        proto::Envelope env;
        env.set_version(kProtocolVersion);
        env.set_request_id(requestId);
        auto *auth = env.mutable_auth();
        auth->set_user_id(who.userId);
        auth->set_user(who.userName.toStdString());
        auth->set_device_id(who.deviceId);
        if (!who.token.isEmpty())
            auth->set_token(who.token.toStdString());
        s.send(env);
    });
}

void GatewayReplies::replyAndClose(
    int thread, quint64 sessionId, proto::Envelope envelope, const QString &reason)
{
    m_ctx.mailboxes[thread]->postTask(sessionId, [env = std::move(envelope), reason](Session &s) {
        s.send(env);
        s.close(CloseCode::Normal, reason);
    });
}

void GatewayReplies::read(int thread, const DbOp &op)
{
    m_ctx.readers[thread]->run(op);
}

void LocalNotifyRouter::route(const Fanout &fanout)
{
    for (const Fanout::FeedNotify &f : fanout.feedNotifies)
        for (const SessionRef &r : m_ctx.registry.sessionsOfUser(f.userId))
            m_ctx.mailboxes[r.thread]->postFeedNotify(r.sessionId, f.seq);
    for (const Fanout::Notify &n : fanout.notifies)
        for (quint64 userId : n.userIds)
            for (const SessionRef &r : m_ctx.registry.sessionsOfUser(userId))
                if (r.deviceId != n.exceptDevice)
                    m_ctx.mailboxes[r.thread]->postNotify(r.sessionId, n.conversationId, n.seq);
    for (const Fanout::Notify &n : fanout.receiptNotifies)
        for (quint64 userId : n.userIds)
            for (const SessionRef &r : m_ctx.registry.sessionsOfUser(userId))
                m_ctx.mailboxes[r.thread]->postReceiptNotify(r.sessionId, n.conversationId, n.seq);
    for (quint64 deviceId : fanout.closeDevices)
        for (const SessionRef &r : m_ctx.registry.revokeDevice(deviceId))
            m_ctx.mailboxes[r.thread]->postClose(r.sessionId);
    for (quint64 userId : fanout.closeUsers)
        for (const SessionRef &r : m_ctx.registry.disableUser(userId))
            m_ctx.mailboxes[r.thread]->postClose(r.sessionId);
    for (quint64 userId : fanout.reopenUsers)
        m_ctx.registry.enableUser(userId);
}

} // namespace natter::server
