#include "conversations/NotifyRouter.h"

#include "gateway/ServerContext.h"

namespace natter::server {

void NotifyRouter::route(ServerContext &ctx, const Fanout &fanout)
{
    for (const Fanout::FeedNotify &f : fanout.feedNotifies)
        for (const SessionRef &r : ctx.registry.sessionsOfUser(f.userId))
            ctx.mailboxes[r.thread]->postFeedNotify(r.sessionId, f.seq);
    for (const Fanout::Notify &n : fanout.notifies)
        for (quint64 userId : n.userIds)
            for (const SessionRef &r : ctx.registry.sessionsOfUser(userId))
                if (r.deviceId != n.exceptDevice)
                    ctx.mailboxes[r.thread]->postNotify(r.sessionId, n.conversationId, n.seq);
    for (quint64 deviceId : fanout.closeDevices)
        for (const SessionRef &r : ctx.registry.revokeDevice(deviceId))
            ctx.mailboxes[r.thread]->postClose(r.sessionId);
}

} // namespace natter::server
