#include "metrics/MetricsServer.h"

#include "common/Logging.h"
#include "gateway/GatewayContext.h"
#include "gateway/NetworkWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QStorageInfo>
#include <QTcpSocket>
#include <QTimer>

#include <utility>

namespace natter::server {

struct MetricsServer::Client
{
    net::HttpRequestReader reader;
    bool answered = false; // later bytes are ignored
};

namespace {

net::HttpResponse json(int status, const QJsonObject &body)
{
    return { status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), {} };
}

net::HttpResponse failure(const QString &reason)
{
    return json(503,
        { { QStringLiteral("status"), QStringLiteral("fail") },
            { QStringLiteral("reason"), reason } });
}

// One /healthz or /readyz in flight: answered once, by the last reply or the timeout.
struct Probe
{
    QPointer<QTcpSocket> socket;
    bool withBody = true;
    bool done = false;
    std::vector<bool> answered; // /healthz: per network thread
    int waiting = 0;
};

} // namespace

MetricsServer::MetricsServer(
    MetricsSources sources, std::vector<NetworkWorker *> workers, QObject *parent)
    : QObject(parent)
    , m_sources(sources)
    , m_workers(std::move(workers))
{
    connect(&m_server, &QTcpServer::newConnection, this, &MetricsServer::onConnection);
}

MetricsServer::~MetricsServer()
{
    close();
    // Deleting a connected socket emits disconnected(), whose handler edits
    // m_clients: take the map first and cut the sockets loose.
    const auto clients = std::exchange(m_clients, {});
    for (const auto &[socket, client] : clients) {
        socket->disconnect(this);
        delete socket; // NOLINT(cppcoreguidelines-owning-memory): ours, parentless
    }
}

QString MetricsServer::start(const QString &hostPort)
{
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? hostPort.mid(colon + 1).toUInt(&ok) : 0;
    QString host = hostPort.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    if (colon <= 0 || !ok || port > 65535 || (address.isNull() && !address.setAddress(host)))
        return QStringLiteral("[metrics] listen expects IP:PORT, got %1").arg(hostPort);
    if (!m_server.listen(address, quint16(port)))
        return QStringLiteral("metrics: cannot listen on %1: %2")
            .arg(hostPort, m_server.errorString());
    return {};
}

void MetricsServer::close()
{
    m_server.close();
}

QString MetricsServer::url() const
{
    const QHostAddress a = m_server.serverAddress();
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + a.toString() + QLatin1Char(']')
        : a.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_server.serverPort());
}

void MetricsServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(nullptr); // m_clients owns it
        if (m_clients.size() >= size_t(kMaxClients)) {
            qCWarning(lcMetrics) << "too many connections, dropping one";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_clients.emplace(socket, std::make_unique<Client>());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_clients.erase(socket);
            socket->deleteLater();
        });
        QTimer::singleShot(kRequestMs, socket, [socket] {
            if (socket->state() == QAbstractSocket::ConnectedState)
                socket->abort();
        });
    }
}

void MetricsServer::onReadable(QTcpSocket *socket)
{
    const auto it = m_clients.find(socket);
    const QByteArray data = socket->readAll();
    if (it == m_clients.end() || it->second->answered)
        return;
    const net::HttpReadResult r = it->second->reader.feed(data);
    if (r.status == net::HttpReadResult::NeedMore)
        return;
    it->second->answered = true;
    if (r.status == net::HttpReadResult::Error)
        respond(socket, net::plainHttpResponse(r.httpStatus, r.why), true);
    else
        answer(socket, r.request);
}

void MetricsServer::answer(QTcpSocket *socket, const net::HttpRequest &request)
{
    const bool get = request.method == "GET";
    const bool known
        = request.path == "/metrics" || request.path == "/healthz" || request.path == "/readyz";
    if (!known)
        return respond(socket, net::plainHttpResponse(404, "not found"), true);
    if (!get && request.method != "HEAD") {
        net::HttpResponse r = net::plainHttpResponse(405, "method not allowed");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return respond(socket, r, true);
    }
    if (request.path == "/healthz")
        return healthz(socket, get);
    if (request.path == "/readyz")
        return readyz(socket, get);
    respond(socket,
        { 200, "text/plain; version=0.0.4; charset=utf-8", metricsReport(m_sources), {} }, get);
}

void MetricsServer::respond(QTcpSocket *socket, const net::HttpResponse &response, bool withBody)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return; // the client gave up (a probe answered late)
    socket->write(net::httpResponseBytes(response, withBody));
    socket->disconnectFromHost(); // after the answer is out
}

void MetricsServer::healthz(QTcpSocket *socket, bool withBody)
{
    auto probe = std::make_shared<Probe>();
    probe->socket = socket;
    probe->withBody = withBody;
    probe->answered.assign(m_workers.size(), false);
    probe->waiting = int(m_workers.size());
    auto finish = [this, probe] {
        if (probe->done)
            return;
        probe->done = true;
        if (!probe->socket)
            return;
        QJsonArray stuck;
        for (size_t i = 0; i < probe->answered.size(); ++i)
            if (!probe->answered[i])
                stuck.append(QStringLiteral("net-%1").arg(i));
        if (stuck.isEmpty())
            respond(probe->socket,
                json(200,
                    { { QStringLiteral("status"), QStringLiteral("ok") },
                        { QStringLiteral("network_threads"), qint64(m_workers.size()) } }),
                probe->withBody);
        else
            respond(probe->socket,
                json(503,
                    { { QStringLiteral("status"), QStringLiteral("fail") },
                        { QStringLiteral("reason"),
                            QStringLiteral("network threads did not answer in %1 ms")
                                .arg(kProbeMs) },
                        { QStringLiteral("stuck"), stuck } }),
                probe->withBody);
    };
    for (size_t i = 0; i < m_workers.size(); ++i) {
        // The worker's loop turns if it runs this; the answer comes back to ours.
        QMetaObject::invokeMethod(
            m_workers[i],
            [this, probe, i, finish] {
                QMetaObject::invokeMethod(
                    this,
                    [probe, i, finish] {
                        probe->answered[i] = true;
                        if (--probe->waiting == 0)
                            finish();
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }
    QTimer::singleShot(kProbeMs, this, finish);
}

void MetricsServer::readyz(QTcpSocket *socket, bool withBody)
{
    ServiceContext &services = m_sources.gateway->services;
    if (services.draining.load())
        return respond(socket, failure(QStringLiteral("shutting down")), withBody);
    const qint64 minFree = qint64(services.config.minFreeMb) * 1024 * 1024;
    const QStorageInfo disk(services.config.dataDir);
    if (disk.isValid() && disk.bytesAvailable() < minFree)
        return respond(socket,
            failure(QStringLiteral("disk nearly full: %1 MiB free in %2 ([storage] min_free_mb=%3)")
                        .arg(disk.bytesAvailable() / (qint64(1024) * 1024))
                        .arg(services.config.dataDir)
                        .arg(services.config.minFreeMb)),
            withBody);
    if (services.writer->lastBatchFailed())
        return respond(socket, failure(QStringLiteral("the last group commit failed")), withBody);

    auto probe = std::make_shared<Probe>();
    probe->socket = socket;
    probe->withBody = withBody;
    auto finish = [this, probe](const QString &error) {
        if (probe->done)
            return;
        probe->done = true;
        if (!probe->socket)
            return;
        if (error.isEmpty())
            respond(probe->socket,
                json(200, { { QStringLiteral("status"), QStringLiteral("ok") } }), probe->withBody);
        else
            respond(probe->socket, failure(error), probe->withBody);
    };
    // A no-op through the writer: it commits an empty batch slot and answers.
    services.writer->submit(
        DbOp { [this, finish](Storage &) {
                  return DbOutcome { false, [this, finish] {
                                        QMetaObject::invokeMethod(
                                            this, [finish] { finish({}); }, Qt::QueuedConnection);
                                    } };
              },
            [this, finish](const StorageError &e) {
                QMetaObject::invokeMethod(
                    this,
                    [finish, message = e.message()] {
                        finish(QStringLiteral("the writer failed: %1").arg(message));
                    },
                    Qt::QueuedConnection);
            } });
    QTimer::singleShot(kProbeMs, this,
        [finish] { finish(QStringLiteral("the writer did not answer in %1 ms").arg(kProbeMs)); });
}

} // namespace natter::server
