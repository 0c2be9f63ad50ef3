// ServerContext: the services every request handler reaches, created by
// Server on the main thread before any worker starts and destroyed after
// they all stopped. Each member documents who may touch it.
#pragma once

#include "admin/Config.h"
#include "gateway/Mailbox.h"
#include "gateway/RateLimiter.h"
#include "gateway/SessionRegistry.h"
#include "net/HttpRoutes.h"
#include "protocol/Frame.h"
#include "protocol/Snowflake.h"
#include "storage/DbWorker.h"
#include "storage/ReadConnection.h"

#include <QSslConfiguration>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <vector>

namespace natter::server {

struct ServerContext
{
    explicit ServerContext(const ServerConfig &cfg)
        : config(cfg)
        , deviceLimiter(cfg.deviceRate, cfg.deviceBurst)
        , ipLimiter(cfg.ipRate, cfg.ipBurst)
        , ids(cfg.nodeId)
    {
    }

    const ServerConfig config; // read-only after start: any thread
    DbWorker *writer = nullptr; // submit() from any thread
    RecentEvents recent; // internally locked; the writer fills it
    QString databasePath; // set before start, then read-only
    // index = network thread: each runs that thread's reads inline, on that
    // thread only (see Requester::read). Set before start, then read-only.
    std::vector<ReadConnection *> readers;
    QThreadPool hashPool; // Argon2id work; start() from any thread
    SessionRegistry registry; // internally locked
    RateLimiter deviceLimiter; // internally locked
    RateLimiter ipLimiter; // internally locked
    std::vector<Mailbox *> mailboxes; // index = network thread; set before start, then read-only
    Snowflake ids; // WRITER THREAD ONLY (inside writer ops)
    std::atomic<bool> draining { false }; // set by the main thread at shutdown
    // Certificate and key when serving wss:// (config.tls()); set before the
    // network threads start, then read-only (each accept copies it).
    QSslConfiguration tls;
    // Plain-HTTP routes (GET /health); filled by Server before the network
    // threads start, then read-only: any network thread, no lock.
    net::HttpRoutes httpRoutes;
};

// Where the answer to one request goes: a session on a network thread.
// Copyable into callbacks; usable from any thread, except read(): that
// thread only.
struct Requester
{
    ServerContext *ctx = nullptr;
    int thread = 0;
    quint64 sessionId = 0;
    quint64 requestId = 0;

    void task(Mailbox::Task t) const { ctx->mailboxes[thread]->postTask(sessionId, std::move(t)); }
    // Runs a read now, on the requester's network thread (the caller's).
    void read(const DbOp &op) const { ctx->readers[thread]->run(op); }
    void reply(proto::Envelope envelope) const;
    void error(proto::ErrorCode code, const QString &message) const;
};

} // namespace natter::server
