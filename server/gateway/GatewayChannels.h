// The gateway's side of the modules' interfaces:
// - GatewayReplies (ReplyChannel): a Requester's answers go into the
//   mailbox of the session's network thread; its reads run on that
//   thread's read connection; a sign-in marks the session signed in there.
// - LocalNotifyRouter (NotifyRoutes): a committed op's Fanout goes to the
//   online sessions of this node, found in the SessionRegistry.
// Both are stateless beside the GatewayContext and callable from any thread
// (reads: the requester's own thread only).
#pragma once

#include "common/NotifyRoutes.h"
#include "common/Requester.h"

namespace natter::server {

struct GatewayContext;

class GatewayReplies final : public ReplyChannel
{
public:
    explicit GatewayReplies(GatewayContext &ctx)
        : m_ctx(ctx)
    {
    }
    void reply(int thread, quint64 sessionId, proto::Envelope envelope) override;
    void signIn(int thread, quint64 sessionId, quint64 requestId, const SignIn &who) override;
    void replyAndClose(
        int thread, quint64 sessionId, proto::Envelope envelope, const QString &reason) override;
    void read(int thread, const DbOp &op) override;

private:
    GatewayContext &m_ctx;
};

class LocalNotifyRouter final : public NotifyRoutes
{
public:
    explicit LocalNotifyRouter(GatewayContext &ctx)
        : m_ctx(ctx)
    {
    }
    void route(const Fanout &fanout) override;

private:
    GatewayContext &m_ctx;
};

} // namespace natter::server
