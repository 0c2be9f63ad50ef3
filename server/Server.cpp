#include "Server.h"

#include "ServerCore.h"
#include "admin/AdminSocket.h"
#include "admin/Config.h"
#include "common/Logging.h"
#include "gateway/GatewayContext.h"
#include "gateway/Listener.h"
#include "gateway/NetworkWorker.h"
#include "gateway/TlsConfig.h"
#include "metrics/MetricsServer.h"
#include "net/EpollDispatcher.h"

#include <QThread>

#include <sched.h>

namespace natter::server {

namespace {
// Half the CPUs this process may run on (its affinity mask, so `taskset`
// counts), at least 1: the storage threads need the rest.
int autoNetworkThreads()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    const int cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set)
                                                                 : QThread::idealThreadCount();
    return qMax(1, cpus / 2);
}

// Plain HTTP on the WebSocket port (net/HttpRoutes). Handlers run on the
// network threads, several at once.
void addHttpRoutes(net::HttpRoutes &routes)
{
    routes.add("GET", "/health", [](const net::HttpRequest &) {
        return net::HttpResponse { 200, "application/json",
            R"({"status":"ok","version":")" NATTER_VERSION R"("})", {} };
    });
}
} // namespace

Server::Server(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
}

Server::~Server()
{
    shutdown();
}

QString Server::start()
{
    m_core = std::make_unique<ServerCore>(m_config);
    if (QString e = m_core->start(); !e.isEmpty())
        return e;
    GatewayContext &gateway = m_core->gateway();
    addHttpRoutes(gateway.httpRoutes); // before the network threads: read-only after
    if (m_config.tls()) {
        if (QString e
            = loadTlsConfiguration(m_config.tlsCertFile, m_config.tlsKeyFile, &gateway.tls);
            !e.isEmpty())
            return e;
    }

    const int networkThreads
        = m_config.networkThreads > 0 ? m_config.networkThreads : autoNetworkThreads();
    for (int i = 0; i < networkThreads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("net-%1").arg(i));
        // The thread takes ownership of its dispatcher.
        auto *dispatcher = new net::EpollDispatcher;
        thread->setEventDispatcher(dispatcher);
        gateway.networkMetrics.push_back(std::make_unique<metrics::NetworkMetrics>());
        auto *worker = new NetworkWorker(i, &gateway, dispatcher);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        gateway.mailboxes.push_back(worker->mailbox());
        gateway.readers.push_back(worker->reads());
        m_workers.push_back(worker);
        m_netThreads.push_back(thread);
    }
    for (QThread *t : m_netThreads)
        t->start();

    IpPolicy::Lists lists; // the config loader checked them
    IpPolicy::parseLists(
        m_config.gatewayAllow, m_config.gatewayDeny, m_config.trustedProxies, &lists);
    gateway.ipPolicy.set(std::move(lists));
    m_listener = new Listener(m_workers, gateway.ipPolicy, this);
    if (QString e = startMetrics(); !e.isEmpty())
        return e;
    QHostAddress address;
    if (m_config.listenHost == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(m_config.listenHost))
        return QStringLiteral("--listen: not an IP address: %1").arg(m_config.listenHost);
    if (!m_listener->start(address, m_config.listenPort))
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(m_config.listenHost)
            .arg(m_config.listenPort)
            .arg(m_listener->errorString());
    // A socket the config names must work; the default place may not (a
    // Unix socket path is at most 107 bytes): then natterd serves without.
    m_admin = std::make_unique<AdminSocket>(
        m_core->services(), gateway, [this](QString *error) { return reload(error); });
    if (QString e = m_admin->start(adminSocketPath(m_config)); !e.isEmpty()) {
        if (!m_config.adminSocket.isEmpty())
            return e;
        qCWarning(lcAdmin).noquote() << e << "- serving without it ([admin] socket names another)";
    }
    qCInfo(lcGateway) << "serving" << (m_config.tls() ? "wss" : "ws") << "with" << networkThreads
                      << "network threads, data in" << m_config.dataDir;
    return {};
}

QString Server::startMetrics()
{
    if (m_config.metricsListen.isEmpty())
        return {};
    MetricsSources sources;
    sources.gateway = &m_core->gateway();
    sources.listener = m_listener;
    try {
        sources.usersAtStart = m_core->services().storage->openReader()->stats().userCount();
    } catch (const StorageError &e) {
        return QStringLiteral("cannot count the users: %1").arg(e.message());
    }
    m_metrics = std::make_unique<MetricsServer>(sources, m_workers);
    if (QString e = m_metrics->start(m_config.metricsListen); !e.isEmpty()) {
        m_metrics.reset();
        // The default port may be taken (another natterd on this machine):
        // serve without; an address the admin named must work.
        if (m_config.metricsListenSet)
            return e;
        qCWarning(lcMetrics).noquote() << e << "- serving without metrics ([metrics] listen)";
        return {};
    }
    qCInfo(lcMetrics).noquote() << "metrics and health on" << m_metrics->url();
    return {};
}

QString Server::metricsUrl() const
{
    return m_metrics ? m_metrics->url() : QString();
}

QString Server::reload(QString *error)
{
    if (m_config.configFile.isEmpty()) {
        *error = QStringLiteral("natterd runs without a config file: nothing to reload");
        qCInfo(lcAdmin).noquote() << "reload:" << *error;
        return {};
    }
    ServerConfig fresh;
    IpPolicy::Lists lists;
    if (QString e = loadConfigFile(m_config.configFile, &fresh); !e.isEmpty()) {
        *error = e + QStringLiteral(" (the settings in use are kept)");
        qCWarning(lcAdmin).noquote() << "reload refused:" << *error;
        return {};
    }
    IpPolicy::parseLists(fresh.gatewayAllow, fresh.gatewayDeny, fresh.trustedProxies, &lists);
    QString what = QStringLiteral("gateway: allow %1, deny %2, trusted proxies %3")
                       .arg(lists.allow.size())
                       .arg(lists.deny.size())
                       .arg(lists.trustedProxies.size());
    m_core->gateway().ipPolicy.set(std::move(lists));
    m_config.gatewayAllow = fresh.gatewayAllow;
    m_config.gatewayDeny = fresh.gatewayDeny;
    m_config.trustedProxies = fresh.trustedProxies;
    qCInfo(lcAdmin).noquote() << "reloaded" << m_config.configFile << "-" << what;
    return what;
}

quint16 Server::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QString Server::host() const
{
    if (!m_listener)
        return {};
    const QHostAddress a = m_listener->serverAddress();
    return a.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + a.toString() + ']'
                                                         : a.toString();
}

void Server::shutdown()
{
    if (m_stopped || !m_core || !m_core->hasContexts())
        return;
    m_stopped = true;
    qCInfo(lcGateway) << "shutting down";
    if (m_listener)
        m_listener->close();
    if (m_admin)
        m_admin->close();
    if (m_metrics)
        m_metrics->close(); // the main thread is busy here: no request is read until reset
    m_core->services().draining = true;
    // Order matters: a request being handled can start a password check,
    // which can queue a write. Once each network thread has finished the
    // pass it was in, none starts another (they all see `draining`).
    for (NetworkWorker *w : m_workers)
        QMetaObject::invokeMethod(
            w, [] {}, Qt::BlockingQueuedConnection);
    m_core->services().hashPool.waitForDone();
    m_core->stopWriter(); // the last batch committed; its acks are in the mailboxes
    m_admin.reset(); // its writer ops are done
    // The writer and the network threads ran what the probes asked of them
    // (the blocking round above, the writer's last batch): nothing calls back.
    m_metrics.reset();
    for (NetworkWorker *w : m_workers)
        QMetaObject::invokeMethod(w, &NetworkWorker::shutdown, Qt::QueuedConnection);
    for (QThread *t : m_netThreads) {
        t->wait();
        delete t;
    }
    m_netThreads.clear();
    m_workers.clear();
    qCInfo(lcGateway) << "stopped";
}

} // namespace natter::server
