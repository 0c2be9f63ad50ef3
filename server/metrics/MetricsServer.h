// MetricsServer: natterd's observability listener, apart from the client
// port ([metrics] listen, 127.0.0.1:9464 by default), on the main thread.
// Plain HTTP/1.1, one request per connection, read with net's
// HttpRequestReader and answered with its HttpResponse bytes:
//
//   GET /metrics  the Prometheus text format (MetricsReport)
//   GET /healthz  200 when the main loop and every network thread's loop
//                 answer a ping within kProbeMs; else 503 naming the stuck
//   GET /readyz   200 when the server takes writes: not shutting down, a
//                 no-op through the writer answered within kProbeMs, the
//                 last group commit did not fail, and the data directory's
//                 file system has at least [storage] min_free_mb free;
//                 else 503 with the reason
//
// Both probes answer JSON {"status": "ok"|"fail", ...}. HEAD works wherever
// GET does. A connection that sends no complete request in kRequestMs is
// dropped; at most kMaxClients at once.
//
// Lifetime: Server closes it first at shutdown and destroys it only after
// the writer and the network threads went quiet, so no probe's answer
// outlives it.
#pragma once

#include "metrics/MetricsReport.h"
#include "net/HttpRoutes.h"

#include <QHostAddress>
#include <QTcpServer>

#include <memory>
#include <unordered_map>
#include <vector>

class QTcpSocket;

namespace natter::server {

class NetworkWorker;

class MetricsServer : public QObject
{
    Q_OBJECT
public:
    static constexpr int kProbeMs = 2000;
    static constexpr int kRequestMs = 10000;
    static constexpr int kMaxClients = 64;

    MetricsServer(
        MetricsSources sources, std::vector<NetworkWorker *> workers, QObject *parent = nullptr);
    ~MetricsServer() override;

    // Listens on "HOST:PORT" (port 0: any free one); an error message or "".
    QString start(const QString &hostPort);
    void close();
    // "http://127.0.0.1:9464", once listening.
    QString url() const;

private:
    struct Client;
    void onConnection();
    void onReadable(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const net::HttpRequest &request);
    void respond(QTcpSocket *socket, const net::HttpResponse &response, bool withBody);
    void healthz(QTcpSocket *socket, bool withBody);
    void readyz(QTcpSocket *socket, bool withBody);

    MetricsSources m_sources;
    std::vector<NetworkWorker *> m_workers;
    QTcpServer m_server;
    std::unordered_map<QTcpSocket *, std::unique_ptr<Client>> m_clients;
};

} // namespace natter::server
