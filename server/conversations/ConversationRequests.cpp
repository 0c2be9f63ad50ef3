#include "conversations/ConversationRequests.h"

#include "Logging.h"
#include "conversations/NotifyRouter.h"

#include <QDateTime>

namespace natter::server {

namespace {

std::function<void(const QString &)> failWith(const Requester &who)
{
    return [who](const QString &error) {
        qCWarning(lcConversations) << "request" << who.requestId << "failed:" << error;
        who.error(proto::INTERNAL, QStringLiteral("storage failure, retry"));
    };
}

} // namespace

void ConversationRequests::send(
    ServerContext &ctx, const Requester &who, const Actor &actor, const proto::SendRequest &request)
{
    if (const ServiceError e = ConversationService::validateSend(request, ctx.config.maxTextChars))
        return who.error(e.code, e.message);
    ctx.writer->submit(DbOp { [&ctx, who, actor, request](Storage &s) {
                                 SendResult r = ConversationService::send(s, ctx.ids, actor,
                                     request, QDateTime::currentMSecsSinceEpoch());
                                 DbOutcome out;
                                 out.rollback = bool(r.error);
                                 out.deliver = [&ctx, who, r = std::move(r)] {
                                     if (r.error)
                                         return who.error(r.error.code, r.error.message);
                                     proto::Envelope env;
                                     *env.mutable_ack() = r.ack;
                                     who.reply(env);
                                     NotifyRouter::route(ctx, r.fanout);
                                 };
                                 return out;
                             },
        failWith(who) });
}

void ConversationRequests::pull(
    ServerContext &ctx, const Requester &who, const Actor &actor, const proto::PullRequest &request)
{
    if (request.ranges_size() > limits::kMaxPullRanges)
        return who.error(proto::INVALID_ARGUMENT,
            QStringLiteral("at most %1 ranges per pull").arg(limits::kMaxPullRanges));
    // Nearly every pull asks for what was just committed: from memory.
    if (auto response = ConversationService::pullRecent(ctx.recent, actor, request)) {
        proto::Envelope env;
        *env.mutable_pull_response() = std::move(*response);
        return who.reply(std::move(env));
    }
    // Inline (Requester::read): the request and actor are used in place.
    who.read(DbOp { [who, &actor, &request](Storage &s) {
                       PullResult r = ConversationService::pull(s, actor, request);
                       return DbOutcome { false, [who, r = std::move(r)]() mutable {
                                             if (r.error)
                                                 return who.error(r.error.code, r.error.message);
                                             proto::Envelope env;
                                             *env.mutable_pull_response() = std::move(r.response);
                                             who.reply(std::move(env));
                                         } };
                   },
        failWith(who) });
}

void ConversationRequests::markRead(ServerContext &ctx, const Requester &who, const Actor &actor,
    const proto::MarkReadRequest &request)
{
    ctx.writer->submit(DbOp { [&ctx, who, actor, request](Storage &s) {
                                 MarkReadResult r = ConversationService::markRead(
                                     s, actor, request, QDateTime::currentMSecsSinceEpoch());
                                 DbOutcome out;
                                 out.rollback = bool(r.error);
                                 out.deliver = [&ctx, who, r = std::move(r)] {
                                     if (r.error)
                                         return who.error(r.error.code, r.error.message);
                                     proto::Envelope env;
                                     env.mutable_ok();
                                     who.reply(env);
                                     NotifyRouter::route(ctx, r.fanout);
                                 };
                                 return out;
                             },
        failWith(who) });
}

void ConversationRequests::feedPull(ServerContext &, const Requester &who, const Actor &actor,
    const proto::FeedPullRequest &request)
{
    who.read(DbOp { [who, &actor, &request](Storage &s) {
                       proto::Envelope env;
                       *env.mutable_feed_response()
                           = ConversationService::feedPull(s, actor, request);
                       return DbOutcome { false,
                           [who, env = std::move(env)]() mutable { who.reply(std::move(env)); } };
                   },
        failWith(who) });
}

} // namespace natter::server
