// ConversationRequests: send, pull, mark_read, feed_pull. Called on a
// network thread; validates what needs no database, then queues the op on
// the writer (send, mark_read) or runs it right there: a pull from
// RecentEvents when it can, else (and a feed_pull) on the thread's read
// connection. Replies travel back through the requester's Mailbox;
// notifies through NotifyRouter, only after the writer's batch committed.
#pragma once

#include "conversations/ConversationService.h"
#include "gateway/ServerContext.h"

namespace natter::server {

class ConversationRequests
{
public:
    static void send(ServerContext &ctx, const Requester &who, const Actor &actor,
        const proto::SendRequest &request);
    static void pull(ServerContext &ctx, const Requester &who, const Actor &actor,
        const proto::PullRequest &request);
    static void markRead(ServerContext &ctx, const Requester &who, const Actor &actor,
        const proto::MarkReadRequest &request);
    static void feedPull(ServerContext &ctx, const Requester &who, const Actor &actor,
        const proto::FeedPullRequest &request);
};

} // namespace natter::server
