#include "people/PeopleRequests.h"

#include "people/FriendService.h"
#include "people/ProfileService.h"

#include <QDateTime>

namespace natter::server {

PeopleRequests::PeopleRequests(ServiceContext &ctx)
    : m_ctx(ctx)
{
}

void PeopleRequests::registerRoutes(RequestRouter &router)
{
    ServiceContext &ctx = m_ctx;
    const FriendLimits limits { qint64(ctx.config.friendCooldownS) * 1000, ctx.config.maxFriends,
        ctx.config.maxPendingRequests };
    router.add(proto::Envelope::kFriendAction,
        { Access::SignedIn, RateClass::Device,
            [&ctx, limits](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                const proto::FriendActionRequest &request = env.friend_action();
                if (const ServiceError e = FriendService::validateAction(request))
                    return who.error(e.code, e.message);
                submitOk(ctx, who, [actor, request, limits](Storage &s) {
                    return FriendService::act(
                        s, actor, request, limits, QDateTime::currentMSecsSinceEpoch());
                });
            } });
    router.add(proto::Envelope::kProfileSet,
        { Access::SignedIn, RateClass::Device,
            [&ctx](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                const proto::ProfileSetRequest &request = env.profile_set();
                if (const ServiceError e = ProfileService::validateProfile(request))
                    return who.error(e.code, e.message);
                submitOk(ctx, who, [actor, request](Storage &s) {
                    return ProfileService::setProfile(
                        s, actor, request, QDateTime::currentMSecsSinceEpoch());
                });
            } });
    router.add(proto::Envelope::kSettingsRequest,
        { Access::SignedIn, RateClass::Device,
            [&ctx](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                const proto::SettingsRequest &request = env.settings_request();
                if (const ServiceError e = ProfileService::validateSettings(request))
                    return who.error(e.code, e.message);
                submitOk(ctx, who, [actor, request](Storage &s) {
                    return ProfileService::setSettings(
                        s, actor, request, QDateTime::currentMSecsSinceEpoch());
                });
            } });
    router.add(proto::Envelope::kFriendsRequest,
        { Access::SignedIn, RateClass::Device,
            [&ctx](const Requester &who, const Actor &actor, const proto::Envelope &) {
                readAndReply(
                    who,
                    [&](Storage &s) { return FriendService::friends(s, *ctx.presence, actor); },
                    [](proto::Envelope &out, FriendsResult &r) {
                        *out.mutable_friends() = std::move(r.response);
                    });
            } });
    router.add(proto::Envelope::kProfileRequest,
        { Access::SignedIn, RateClass::Device,
            [&ctx](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                const proto::ProfileRequest &request = env.profile_request();
                readAndReply(
                    who,
                    [&](Storage &s) {
                        return ProfileService::profile(s, *ctx.presence, actor, request);
                    },
                    [](proto::Envelope &out, ProfileResult &r) {
                        *out.mutable_profile() = std::move(r.profile);
                    });
            } });
    router.add(proto::Envelope::kUserSearchRequest,
        { Access::SignedIn, RateClass::Search,
            [](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                const proto::UserSearchRequest &request = env.user_search_request();
                if (const ServiceError e = ProfileService::validateSearch(request))
                    return who.error(e.code, e.message);
                readAndReply(
                    who, [&](Storage &s) { return ProfileService::search(s, actor, request); },
                    [](proto::Envelope &out, UserSearchResult &r) {
                        *out.mutable_user_search() = std::move(r.response);
                    });
            } });
}

} // namespace natter::server
