// ConversationRequests: the conversations module's requests — send, pull,
// mark_read, feed_pull — registered into the RequestRouter. Called on a
// network thread; validates what needs no database (the body against its
// ContentRules), then queues the op on the writer (send, mark_read) or runs
// it right there: a pull from RecentEvents when it can, else (and a
// feed_pull) on the thread's read connection. Replies travel back through
// the Requester; notifies through NotifyRoutes, only after the writer's
// batch committed. Lives as long as the ServiceContext; read-only after
// start.
#pragma once

#include "common/RequestRouter.h"
#include "common/ServiceContext.h"
#include "conversations/ContentRules.h"

namespace natter::server {

class ConversationRequests
{
public:
    explicit ConversationRequests(ServiceContext &ctx);

    void registerRoutes(RequestRouter &router);
    const ContentRules &contentRules() const { return m_rules; }

    void send(const Requester &who, const Actor &actor, const proto::SendRequest &request);
    void pull(const Requester &who, const Actor &actor, const proto::PullRequest &request);
    void markRead(const Requester &who, const Actor &actor, const proto::MarkReadRequest &request);
    void feedPull(const Requester &who, const Actor &actor, const proto::FeedPullRequest &request);

private:
    ServiceContext &m_ctx;
    const ContentRules m_rules;
    const ContentLimits m_limits;
};

} // namespace natter::server
