// ConversationService: the conversation rules (send, pull, mark read, feed)
// as plain functions over a Storage. Stateless; runs on whichever thread
// executes the op (writes on the writer, reads inline on a network thread's
// read connection). Who may do what is asked of permissions::check().
#pragma once

#include "common/Fanout.h"
#include "common/Replies.h"
#include "common/ServiceError.h"
#include "conversations/ContentRules.h"
#include "permissions/Permissions.h"
#include "protocol/Frame.h"
#include "protocol/Snowflake.h"
#include "storage/RecentEvents.h"
#include "storage/Storage.h"

namespace natter::server {

struct SendResult
{
    ServiceError error;
    proto::SendAck ack;
    Fanout fanout;
    bool duplicate = false; // a retry: the original ack, nothing written
};

using MarkReadResult = OkResult;

struct PullResult
{
    ServiceError error;
    proto::PullResponse response;
};

class ConversationService
{
public:
    // Checks that do not need the database (network thread): client id,
    // target, relation shape, and the body against the content rules.
    // `mentions`, if given, receives whom the body @mentions.
    static ServiceError validateSend(const proto::SendRequest &request, const ContentRules &rules,
        const ContentLimits &limits, Mentions *mentions = nullptr);

    // Writer thread. The request must have passed validateSend(), which
    // gave the mentions (an @all needs the right to it: see permissions).
    static SendResult send(Storage &storage, Snowflake &ids, const Actor &actor,
        const proto::SendRequest &request, qint64 nowMs, const Mentions &mentions = {});
    static MarkReadResult markRead(
        Storage &storage, const Actor &actor, const proto::MarkReadRequest &request, qint64 nowMs);

    // On a read connection (a network thread's, inline).
    static PullResult pull(Storage &storage, const Actor &actor, const proto::PullRequest &request);
    // The same answer from RecentEvents when it holds every range of the
    // request; std::nullopt otherwise (then pull() from the database).
    static std::optional<proto::PullResponse> pullRecent(
        const RecentEvents &recent, const Actor &actor, const proto::PullRequest &request);
    static proto::FeedPullResponse feedPull(
        Storage &storage, const Actor &actor, const proto::FeedPullRequest &request);

    static QString directKey(quint64 a, quint64 b);

    // Groups of at most this many members may let every member @all.
    static constexpr int kSmallGroup = 100;

private:
    static constexpr quint64 kReceiptScan = 256;
    // A member read up to toSeq (from fromSeq): a ReceiptNotify to the
    // (current) senders of what they read.
    static void tellSenders(Storage &storage, const ConversationRow &conversation, quint64 reader,
        quint64 fromSeq, quint64 toSeq, Fanout *fanout);
    // May the sender @all here?
    static ServiceError checkMentionAll(
        Storage &storage, const ConversationRow &conversation, permissions::Role role);
    static quint64 createDirect(Storage &storage, Snowflake &ids, const Actor &actor,
        const UserRow &self, const UserRow &peer, qint64 nowMs, Fanout *fanout);
    // The conversation a send goes to (finding or creating a direct one).
    static quint64 resolveTarget(Storage &storage, Snowflake &ids, const Actor &actor,
        const proto::SendRequest &request, qint64 nowMs, SendResult *result);
};

} // namespace natter::server
