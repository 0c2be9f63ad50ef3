// ServiceContext: what the server's modules (accounts, conversations, and
// those to come) reach while they answer requests: the config, the writer,
// RecentEvents, the storage backend, the hash pool, the id generator, the
// notify routes and who is online.
// Created by ServerCore on the main thread before any worker starts and
// destroyed after they all stopped; each member says who may touch it.
#pragma once

#include "common/DeliveryLedger.h"
#include "common/NotifyRoutes.h"
#include "common/PresenceView.h"
#include "common/ServerConfig.h"
#include "protocol/Snowflake.h"
#include "storage/DbWorker.h"
#include "storage/RecentEvents.h"

#include <QThreadPool>

#include <atomic>

namespace natter::server {

struct ServiceContext
{
    explicit ServiceContext(const ServerConfig &cfg)
        : config(cfg)
        , ids(cfg.nodeId)
    {
    }

    const ServerConfig config; // read-only after start: any thread
    StorageBackend *storage = nullptr; // set before start; its open*() from any thread
    DbWorker *writer = nullptr; // submit() from any thread; set before start
    RecentEvents recent; // internally locked; the writer fills it
    DeliveryLedger deliveries; // internally locked; pulls fill it, the receipts module drains it
    QThreadPool hashPool; // Argon2id work; start() from any thread
    Snowflake ids; // WRITER THREAD ONLY (inside writer ops)
    NotifyRoutes *notify = nullptr; // set before start; route() from any thread
    const PresenceView *presence = nullptr; // set before start; any thread
    std::atomic<bool> draining { false }; // set by the main thread at shutdown
};

} // namespace natter::server
