#include "conversations/ConversationRequests.h"

#include "conversations/ConversationService.h"

#include <QDateTime>

namespace natter::server {

namespace {

// What a pull hands to a device counts as delivered to its user: the
// newest seq of each conversation in the response (events come in
// ascending (conversation, seq)).
void noteDelivered(DeliveryLedger &ledger, quint64 userId, const proto::PullResponse &response)
{
    const auto &events = response.events();
    for (int i = 0; i < events.size(); ++i) {
        const proto::Event &e = events[i];
        if (i + 1 == events.size() || events[i + 1].conversation_id() != e.conversation_id())
            ledger.note(e.conversation_id(), userId, e.seq());
    }
}

} // namespace

ConversationRequests::ConversationRequests(ServiceContext &ctx)
    : m_ctx(ctx)
    , m_rules(ContentRules::standard())
    , m_limits { ctx.config.maxTextChars }
{
}

void ConversationRequests::registerRoutes(RequestRouter &router)
{
    router.add(proto::Envelope::kSend,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                send(who, actor, env.send());
            } });
    router.add(proto::Envelope::kPull,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                pull(who, actor, env.pull());
            } });
    router.add(proto::Envelope::kMarkRead,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                markRead(who, actor, env.mark_read());
            } });
    router.add(proto::Envelope::kFeedPull,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                feedPull(who, actor, env.feed_pull());
            } });
}

void ConversationRequests::send(
    const Requester &who, const Actor &actor, const proto::SendRequest &request)
{
    Mentions mentions;
    if (const ServiceError e
        = ConversationService::validateSend(request, m_rules, m_limits, &mentions))
        return who.error(e.code, e.message);
    ServiceContext &ctx = m_ctx;
    ctx.writer->submit(DbOp { [&ctx, who, actor, request, mentions](Storage &s) {
                                 SendResult r = ConversationService::send(s, ctx.ids, actor,
                                     request, QDateTime::currentMSecsSinceEpoch(), mentions);
                                 DbOutcome out;
                                 out.rollback = bool(r.error);
                                 out.deliver = [&ctx, who, r = std::move(r)] {
                                     if (r.error)
                                         return who.error(r.error.code, r.error.message);
                                     proto::Envelope env;
                                     *env.mutable_ack() = r.ack;
                                     who.reply(std::move(env));
                                     ctx.notify->route(r.fanout);
                                 };
                                 return out;
                             },
        who.onStorageFailure() });
}

void ConversationRequests::pull(
    const Requester &who, const Actor &actor, const proto::PullRequest &request)
{
    if (request.ranges_size() > limits::kMaxPullRanges)
        return who.error(proto::INVALID_ARGUMENT,
            QStringLiteral("at most %1 ranges per pull").arg(limits::kMaxPullRanges));
    // Nearly every pull asks for what was just committed: from memory.
    if (auto response = ConversationService::pullRecent(m_ctx.recent, actor, request)) {
        noteDelivered(m_ctx.deliveries, actor.userId, *response);
        proto::Envelope env;
        *env.mutable_pull_response() = std::move(*response);
        return who.reply(std::move(env));
    }
    // Inline (Requester::read): the request and actor are used in place.
    DeliveryLedger &ledger = m_ctx.deliveries;
    who.read(DbOp { [who, &actor, &request, &ledger](Storage &s) {
                       PullResult r = ConversationService::pull(s, actor, request);
                       if (!r.error)
                           noteDelivered(ledger, actor.userId, r.response);
                       return DbOutcome { false, [who, r = std::move(r)]() mutable {
                                             if (r.error)
                                                 return who.error(r.error.code, r.error.message);
                                             proto::Envelope env;
                                             *env.mutable_pull_response() = std::move(r.response);
                                             who.reply(std::move(env));
                                         } };
                   },
        who.onStorageFailure() });
}

void ConversationRequests::markRead(
    const Requester &who, const Actor &actor, const proto::MarkReadRequest &request)
{
    submitOk(m_ctx, who, [actor, request](Storage &s) {
        return ConversationService::markRead(
            s, actor, request, QDateTime::currentMSecsSinceEpoch());
    });
}

void ConversationRequests::feedPull(
    const Requester &who, const Actor &actor, const proto::FeedPullRequest &request)
{
    who.read(DbOp { [who, &actor, &request](Storage &s) {
                       proto::Envelope env;
                       *env.mutable_feed_response()
                           = ConversationService::feedPull(s, actor, request);
                       return DbOutcome { false,
                           [who, env = std::move(env)]() mutable { who.reply(std::move(env)); } };
                   },
        who.onStorageFailure() });
}

} // namespace natter::server
