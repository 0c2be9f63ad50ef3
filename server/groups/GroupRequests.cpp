#include "groups/GroupRequests.h"

#include "common/Replies.h"
#include "groups/GroupService.h"

#include <QDateTime>

namespace natter::server {

namespace {

// A writer op whose result is acked (SendAck) or refused, then fanned out.
DbOutcome ackOutcome(ServiceContext &ctx, const Requester &who, GroupResult r)
{
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
}

} // namespace

GroupRequests::GroupRequests(ServiceContext &ctx)
    : m_ctx(ctx)
{
}

void GroupRequests::registerRoutes(RequestRouter &router)
{
    router.add(proto::Envelope::kGroupCreate,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                create(who, actor, env.group_create());
            } });
    router.add(proto::Envelope::kGroupAction,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                act(who, actor, env.group_action());
            } });
    router.add(proto::Envelope::kGroupInfoRequest,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                info(who, actor, env.group_info_request());
            } });
    router.add(proto::Envelope::kGroupSearchRequest,
        { Access::SignedIn, RateClass::Device,
            [](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                const auto &request = env.group_search_request();
                if (const ServiceError e = GroupService::validateSearch(request))
                    return who.error(e.code, e.message);
                readAndReply(
                    who, [&](Storage &s) { return GroupService::search(s, actor, request); },
                    [](proto::Envelope &out, GroupSearchResult &r) {
                        *out.mutable_group_search() = std::move(r.response);
                    });
            } });
    router.add(proto::Envelope::kGroupRequestsRequest,
        { Access::SignedIn, RateClass::Device,
            [](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                const auto &request = env.group_requests_request();
                readAndReply(
                    who, [&](Storage &s) { return GroupService::requests(s, actor, request); },
                    [](proto::Envelope &out, GroupRequestsResult &r) {
                        *out.mutable_group_requests() = std::move(r.response);
                    });
            } });
}

void GroupRequests::create(
    const Requester &who, const Actor &actor, const proto::GroupCreateRequest &request)
{
    if (const ServiceError e = GroupService::validateCreate(request))
        return who.error(e.code, e.message);
    ServiceContext &ctx = m_ctx;
    ctx.writer->submit(
        DbOp { [&ctx, who, actor, request](Storage &s) {
                  return ackOutcome(ctx, who,
                      GroupService::create(s, ctx.ids, actor, request, ctx.config.maxGroupMembers,
                          QDateTime::currentMSecsSinceEpoch()));
              },
            who.onStorageFailure() });
}

void GroupRequests::act(
    const Requester &who, const Actor &actor, const proto::GroupActionRequest &request)
{
    if (const ServiceError e = GroupService::validateAction(request))
        return who.error(e.code, e.message);
    ServiceContext &ctx = m_ctx;
    ctx.writer->submit(
        DbOp { [&ctx, who, actor, request](Storage &s) {
                  return ackOutcome(ctx, who,
                      GroupService::act(s, ctx.ids, actor, request, ctx.config.maxGroupMembers,
                          QDateTime::currentMSecsSinceEpoch()));
              },
            who.onStorageFailure() });
}

void GroupRequests::info(
    const Requester &who, const Actor &actor, const proto::GroupInfoRequest &request)
{
    const int maxMembers = m_ctx.config.maxGroupMembers;
    const PresenceView *presence = m_ctx.presence;
    readAndReply(
        who,
        [&](Storage &s) { return GroupService::info(s, *presence, actor, request, maxMembers); },
        [](proto::Envelope &out, GroupInfoResult &r) {
            *out.mutable_group_info() = std::move(r.info);
        });
}

} // namespace natter::server
