#include "metrics/MetricsReport.h"

#include "gateway/GatewayContext.h"
#include "gateway/Listener.h"
#include "metrics/Exposition.h"
#include "metrics/ProcessStats.h"
#include "protocol/ProtoNames.h"

#include <QStorageInfo>

namespace natter::server {

using metrics::Exposition;
using metrics::HistogramSum;
using metrics::NetworkMetrics;

namespace {

using Threads = std::vector<std::unique_ptr<NetworkMetrics>>;

template<class F> quint64 sumOver(const Threads &threads, F &&value)
{
    quint64 total = 0;
    for (const auto &t : threads)
        total += value(*t);
    return total;
}

void connectionMetrics(Exposition &out, const MetricsSources &s)
{
    const Threads &threads = s.gateway->networkMetrics;
    out.family("natter_connections", "gauge",
        "Client connections now, by state: handshake (TLS and HTTP upgrade), open, closing.");
    const char *states[] = { "handshake", "open", "closing" };
    for (int i = 0; i < 3; ++i) {
        qint64 n = 0;
        for (const auto &t : threads)
            n += t->connections[size_t(i)].value();
        out.sample("natter_connections", n, { { "state", states[i] } });
    }
    out.gauge("natter_sessions_signed_in", "Open connections signed in as a device.",
        qint64(s.gateway->registry.size()));
    out.gauge("natter_users_online", "Users with at least one signed-in device.",
        qint64(s.gateway->registry.usersOnline()));
    out.counter("natter_connections_accepted_total",
        "Connections accepted and handed to a network thread.",
        s.listener ? s.listener->accepted() : 0);
    out.counter("natter_connections_refused_total",
        "Connections refused by the [gateway] address lists.", s.gateway->ipPolicy.refused());
    out.gauge("natter_network_threads", "Network threads sharing the connections.",
        qint64(threads.size()));
}

void trafficMetrics(Exposition &out, const MetricsSources &s)
{
    const Threads &threads = s.gateway->networkMetrics;
    out.counter("natter_frames_received_total", "WebSocket binary frames received (requests).",
        sumOver(threads, [](const NetworkMetrics &m) { return m.framesReceived.value(); }));
    out.counter("natter_frames_sent_total",
        "WebSocket binary frames sent (replies, acks, notifies).",
        sumOver(threads, [](const NetworkMetrics &m) { return m.framesSent.value(); }));
    out.counter("natter_received_bytes_total", "Bytes read from client connections.",
        sumOver(threads, [](const NetworkMetrics &m) { return m.bytesReceived.value(); }));
    out.counter("natter_sent_bytes_total", "Bytes written to client connections.",
        sumOver(threads, [](const NetworkMetrics &m) { return m.bytesSent.value(); }));

    out.family("natter_requests_total", "counter",
        "Requests received, by type (the Envelope body; unknown: no such request).");
    for (int field = 0; field < NetworkMetrics::kRequestSlots; ++field) {
        const quint64 n = sumOver(threads,
            [field](const NetworkMetrics &m) { return m.requests[size_t(field)].value(); });
        const bool isRequest
            = field > 0 && s.gateway->router.find(proto::Envelope::BodyCase(field)) != nullptr;
        if (!isRequest && n == 0)
            continue;
        const char *name = field > 0 ? envelopeBodyName(field) : nullptr;
        out.sample("natter_requests_total", n, { { "type", name ? name : "unknown" } });
    }

    out.family("natter_errors_total", "counter", "Error replies sent, by error code.");
    for (int code = 0; code < NetworkMetrics::kErrorSlots; ++code) {
        const quint64 n = sumOver(
            threads, [code](const NetworkMetrics &m) { return m.errors[size_t(code)].value(); });
        const char *name = code > 0 ? errorCodeLabel(code) : nullptr;
        if (!name && n == 0)
            continue;
        out.sample("natter_errors_total", n, { { "code", name ? name : "unknown" } });
    }

    out.family("natter_rate_limited_total", "counter",
        "Requests refused by a rate limit: sign_in (per address), device, search.");
    const char *limits[] = { "sign_in", "device", "search" };
    for (int i = 0; i < 3; ++i)
        out.sample("natter_rate_limited_total",
            sumOver(
                threads, [i](const NetworkMetrics &m) { return m.rateLimited[size_t(i)].value(); }),
            { { "limit", limits[i] } });

    out.family("natter_notifies_sent_total", "counter",
        "Notifies sent to devices, by kind: conversation (new events), feed, receipt.");
    const char *kinds[] = { "conversation", "feed", "receipt" };
    for (int i = 0; i < 3; ++i)
        out.sample("natter_notifies_sent_total",
            sumOver(
                threads, [i](const NetworkMetrics &m) { return m.notifies[size_t(i)].value(); }),
            { { "kind", kinds[i] } });

    HistogramSum pulls;
    for (const auto &t : threads)
        pulls.add(t->pullEvents);
    out.histogram("natter_pull_events",
        "Events (or feed entries) per pull answer: what devices pulled after a notify.", pulls);

    qint64 queued = 0;
    for (Mailbox *m : s.gateway->mailboxes)
        queued += m->pending();
    out.gauge("natter_notify_queue_depth",
        "Replies, acks and coalesced notifies waiting for their network thread.", queued);
}

void storageMetrics(Exposition &out, const MetricsSources &s)
{
    const ServiceContext &services = s.gateway->services;
    DbWorker &writer = *services.writer;
    const WriterMetrics &w = writer.metrics();
    out.gauge("natter_db_queue_depth", "Writes waiting for the next group commit.",
        qint64(writer.queueDepth()));
    out.counter(
        "natter_db_batches_total", "Group commits (batches) committed.", writer.batchesCommitted());
    out.counter("natter_db_batch_failures_total",
        "Batches whose transaction failed (their ops got an error).", w.batchFailures.value());
    out.counter("natter_db_op_failures_total",
        "Writes that failed alone (the rest of their batch committed).", w.opFailures.value());
    out.counter("natter_events_committed_total",
        "Events committed: messages and group events, each with its seq.",
        writer.eventsCommitted());
    HistogramSum h;
    h.add(w.batchOps);
    out.histogram("natter_db_batch_ops", "Writes per group commit.", h);
    h = {};
    h.add(w.batchSeconds);
    out.histogram(
        "natter_db_batch_seconds", "Time per group commit, BEGIN to COMMIT done, ops included.", h);
    h = {};
    h.add(w.commitSeconds);
    out.histogram("natter_db_commit_seconds", "Time of the COMMIT alone (the sync to disk).", h);
    out.gauge("natter_db_size_bytes", "Bytes the database takes on disk (SQLite: with WAL).",
        services.storage->sizeOnDisk());
    services.storage->writeMetrics(out);
    out.gauge("natter_registered_users", "Accounts in the database, disabled ones included.",
        s.usersAtStart + qint64(w.usersCreated.value()));
    const QStorageInfo disk(services.config.dataDir);
    out.gauge("natter_data_free_bytes",
        "Bytes free for natterd on the file system of the data directory.",
        disk.isValid() ? disk.bytesAvailable() : qint64(-1));
}

void processMetrics(Exposition &out)
{
    const metrics::ProcessStats p = metrics::ProcessStats::read();
    if (p.residentBytes >= 0)
        out.gauge(
            "process_resident_memory_bytes", "Resident memory size in bytes.", p.residentBytes);
    if (p.virtualBytes >= 0)
        out.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", p.virtualBytes);
    if (p.openFds >= 0)
        out.gauge("process_open_fds", "Number of open file descriptors.", p.openFds);
    if (p.maxFds >= 0)
        out.gauge("process_max_fds", "Maximum number of open file descriptors.", p.maxFds);
    if (p.cpuSeconds >= 0)
        out.counter("process_cpu_seconds_total", "Total user and system CPU time in seconds.",
            p.cpuSeconds);
    if (p.startTimeSeconds >= 0)
        out.gauge("process_start_time_seconds",
            "Start time of the process since the Unix epoch in seconds.", p.startTimeSeconds);
}

} // namespace

QByteArray metricsReport(const MetricsSources &sources)
{
    Exposition out;
    out.family("natter_build_info", "gauge", "Always 1; the version of this natterd.");
    out.sample("natter_build_info", qint64(1), { { "version", NATTER_VERSION } });
    connectionMetrics(out, sources);
    trafficMetrics(out, sources);
    storageMetrics(out, sources);
    processMetrics(out);
    return out.text();
}

} // namespace natter::server
