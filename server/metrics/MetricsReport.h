// MetricsReport: the text of GET /metrics — every natter_* family and the
// standard process_* ones, gathered from the instruments of each thread
// (NetworkMetrics, WriterMetrics, the storage backend's own), the session
// registry, the mailboxes and the operating system. Main thread (the
// scrape); reads what other threads count without stopping them.
//
// The families, their labels and their meaning are listed in
// docs/ARCHITECTURE.md ("Metrics and health"); no label ever names a user,
// a device or a conversation.
#pragma once

#include <QByteArray>

#include <atomic>

namespace natter::server {

struct GatewayContext;
class Listener;

struct MetricsSources
{
    GatewayContext *gateway = nullptr;
    const Listener *listener = nullptr;
    // Users in the database when the server started; the writer counts
    // those created since.
    qint64 usersAtStart = 0;
};

QByteArray metricsReport(const MetricsSources &sources);

} // namespace natter::server
