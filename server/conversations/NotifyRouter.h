// NotifyRouter: carries out a committed op's Fanout: finds the online
// sessions in the SessionRegistry and posts notifies / closes into their
// network threads' mailboxes. Stateless; called on the writer thread after
// commit (or any thread: it only touches internally locked objects).
#pragma once

#include "conversations/Fanout.h"

namespace natter::server {

struct ServerContext;

class NotifyRouter
{
public:
    static void route(ServerContext &ctx, const Fanout &fanout);
};

} // namespace natter::server
