// GroupRequests: the groups module's requests — group_create, group_action
// (queued on the writer), group_info, group_search and group_requests
// (inline on the network thread's read connection) — registered into the RequestRouter like
// ConversationRequests. Lives as long as the ServiceContext; read-only after start.
#pragma once

#include "common/RequestRouter.h"
#include "common/ServiceContext.h"

namespace natter::server {

class GroupRequests
{
public:
    explicit GroupRequests(ServiceContext &ctx);

    void registerRoutes(RequestRouter &router);

private:
    void create(const Requester &who, const Actor &actor, const proto::GroupCreateRequest &request);
    void act(const Requester &who, const Actor &actor, const proto::GroupActionRequest &request);
    void info(const Requester &who, const Actor &actor, const proto::GroupInfoRequest &request);

    ServiceContext &m_ctx;
};

} // namespace natter::server
