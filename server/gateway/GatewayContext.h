// GatewayContext: what the network threads share — the request table, the
// online sessions, the rate limiters, one mailbox and one read connection
// per network thread, the TLS configuration and the plain-HTTP routes —
// beside the modules' ServiceContext. Created by ServerCore on the main thread before any
// worker starts and destroyed after they all stopped. Each member documents
// who may touch it.
#pragma once

#include "common/RequestRouter.h"
#include "common/ServiceContext.h"
#include "gateway/GatewayChannels.h"
#include "gateway/IpPolicy.h"
#include "gateway/Mailbox.h"
#include "gateway/RateLimiter.h"
#include "gateway/SessionRegistry.h"
#include "metrics/NetworkMetrics.h"
#include "net/HttpRoutes.h"
#include "storage/ReadConnection.h"

#include <QSslConfiguration>

#include <memory>
#include <vector>

namespace natter::server {

struct GatewayContext
{
    explicit GatewayContext(ServiceContext &serviceContext)
        : services(serviceContext)
        , config(serviceContext.config)
        , deviceLimiter(config.deviceRate, config.deviceBurst)
        , ipLimiter(config.ipRate, config.ipBurst)
        , searchLimiter(config.searchRate, config.searchBurst)
        , replies(*this)
        , notify(*this)
    {
    }

    ServiceContext &services; // the modules' context
    const ServerConfig &config; // = services.config
    RequestRouter router; // filled by the modules before start, then read-only
    SessionRegistry registry; // internally locked
    RateLimiter deviceLimiter; // internally locked
    RateLimiter ipLimiter; // internally locked
    RateLimiter searchLimiter; // internally locked
    IpPolicy ipPolicy; // internally locked; set by Server at start and on reloads
    // index = network thread; set before start, then read-only.
    std::vector<Mailbox *> mailboxes;
    // index = network thread: each runs that thread's reads inline, on that
    // thread only (see Requester::read). Set before start, then read-only.
    std::vector<ReadConnection *> readers;
    // index = network thread: what that thread counts for /metrics. Set
    // before start (one per thread), then the vector is read-only.
    std::vector<std::unique_ptr<metrics::NetworkMetrics>> networkMetrics;
    GatewayReplies replies; // the modules' Requesters answer through it
    LocalNotifyRouter notify; // services.notify points here
    // Certificate and key when serving wss:// (config.tls()); set before the
    // network threads start, then read-only (each accept copies it).
    QSslConfiguration tls;
    // Plain-HTTP routes (GET /health); filled by Server before the network
    // threads start, then read-only: any network thread, no lock.
    net::HttpRoutes httpRoutes;
};

} // namespace natter::server
