// PeopleRequests: the people module's requests — friend actions, profile
// and settings changes (on the writer), the contact list, profiles and user
// search (on the network thread's read connection; search in its own rate
// class). Lives on the main thread as long as the ServiceContext.
#pragma once

#include "common/RequestRouter.h"
#include "common/ServiceContext.h"

namespace natter::server {

class PeopleRequests
{
public:
    explicit PeopleRequests(ServiceContext &ctx);

    void registerRoutes(RequestRouter &router);

private:
    ServiceContext &m_ctx;
};

} // namespace natter::server
