// NotifyRoutes: carries a committed op's Fanout to the devices it names —
// notifies and feed notifies to the online sessions of those users, and the
// cut-off of revoked devices and disabled users. The gateway's LocalNotifyRouter delivers on
// this node; a cluster bus can implement the same interface across nodes.
// route() is called after commit, from the writer thread (or any thread);
// implementations lock what they share.
#pragma once

#include "common/Fanout.h"

namespace natter::server {

class NotifyRoutes
{
public:
    virtual ~NotifyRoutes() = default;
    virtual void route(const Fanout &fanout) = 0;
};

} // namespace natter::server
