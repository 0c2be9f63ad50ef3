#include "gateway/NetworkWorker.h"

#include "common/Logging.h"
#include "gateway/Connection.h"
#include "gateway/GatewayContext.h"
#include "gateway/RequestHandler.h"
#include "gateway/TlsConfig.h"
#include "net/EpollDispatcher.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QThread>

#include <atomic>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace natter::server {

namespace {
std::atomic<quint64> s_nextSessionId { 1 };

// How long a closing connection waits for the peer's close frame.
constexpr int kCloseReplyMs = 5000;

QString peerOf(int fd)
{
    sockaddr_storage addr {};
    socklen_t len = sizeof addr;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&addr)).toString();
}
} // namespace

NetworkWorker::NetworkWorker(int index, GatewayContext *ctx, net::EpollDispatcher *dispatcher)
    : m_index(index)
    , m_ctx(ctx)
    , m_dispatcher(dispatcher)
    , m_metrics(*ctx->networkMetrics.at(size_t(index)))
    , m_mailbox([this] {
        if (QThread::currentThread() != thread())
            m_dispatcher->wakeUp(); // afterPass() drains
    })
    , m_reads(*ctx->services.storage)
    , m_deadlineTimer(this)
{
    m_deadlineTimer.setSingleShot(true);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &NetworkWorker::checkDeadlines);
    m_dispatcher->setAfterPass([this] { afterPass(); });
}

NetworkWorker::~NetworkWorker()
{
    m_dispatcher->setAfterPass({});
    qDeleteAll(m_connections);
    qDeleteAll(m_retired);
    // Sockets whose deleteLater() has not run yet go before OpenSSL's state.
    qDeleteAll(findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly));
    releaseTlsThreadState(); // this runs on the network thread, as it ends
}

void NetworkWorker::acceptDescriptor(qintptr descriptor)
{
    const int fd = int(descriptor);
    if (m_shuttingDown) {
        ::close(fd);
        return;
    }
    const quint64 id = s_nextSessionId++;
    Connection *connection = nullptr;
    if (m_ctx->config.tls()) {
        auto *ssl = new QSslSocket(this);
        if (!ssl->setSocketDescriptor(descriptor)) {
            qCWarning(lcGateway) << "cannot adopt socket:" << ssl->errorString();
            delete ssl;
            ::close(fd);
            return;
        }
        connect(ssl, &QSslSocket::errorOccurred, ssl, [ssl](QAbstractSocket::SocketError) {
            if (!ssl->isEncrypted())
                qCDebug(lcGateway) << "TLS handshake failed:" << ssl->errorString();
        });
        ssl->setSslConfiguration(m_ctx->tls);
        connection = new SslConnection(this, id, ssl);
        ssl->startServerEncryption();
    } else {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        auto *raw = new FdConnection(this, id, fd, peerOf(fd));
        if (!m_dispatcher->watch(fd, EPOLLIN | EPOLLRDHUP, raw)) {
            qCWarning(lcGateway) << "cannot watch socket:" << strerror(errno);
            delete raw; // closes fd
            return;
        }
        connection = raw;
    }
    m_connections.insert(id, connection);
    // Covers the TLS handshake too.
    addDeadline(Wait::Handshake, id);
}

void NetworkWorker::connectionOpened(Connection *c)
{
    if (m_shuttingDown) {
        c->session().close(CloseCode::GoingAway, QStringLiteral("server shutting down"));
        return;
    }
    addDeadline(Wait::SignIn, c->id());
}

void NetworkWorker::connectionClosing(Connection *c)
{
    addDeadline(Wait::CloseReply, c->id());
}

void NetworkWorker::connectionGone(Connection *c)
{
    Session &s = c->session();
    if (s.isAuthenticated())
        m_ctx->registry.remove(s.ref());
    m_connections.remove(c->id());
    m_retired.push_back(c);
    if (m_shuttingDown)
        finishShutdownIfIdle();
}

void NetworkWorker::connectionWriteBlocked(Connection *c)
{
    addDeadline(Wait::WriteStall, c->id(), c->bytesWritten());
}

void NetworkWorker::afterPass()
{
    drainMailbox();
    // flush() may retire a connection (broken pipe): it only joins m_retired.
    for (size_t i = 0; i < m_flushQueue.size(); ++i)
        m_flushQueue[i]->flush();
    m_flushQueue.clear();
    for (Connection *c : m_retired)
        delete c;
    m_retired.clear();
}

void NetworkWorker::addDeadline(Wait kind, quint64 id, quint64 written)
{
    const int ms = kind == Wait::Handshake ? m_ctx->config.handshakeTimeoutMs
        : kind == Wait::SignIn             ? m_ctx->config.unauthIdleMs
        : kind == Wait::WriteStall         ? m_ctx->config.writeStallMs
                                           : kCloseReplyMs;
    m_waits[int(kind)].push_back({ id, net::steadyNowMs() + ms, written });
    if (m_waits[int(kind)].size() == 1)
        armDeadlineTimer();
}

void NetworkWorker::checkDeadlines()
{
    const qint64 now = net::steadyNowMs();
    for (int kind = 0; kind < 4; ++kind) {
        std::deque<Deadline> &waits = m_waits[kind];
        while (!waits.empty() && waits.front().dueMs <= now) {
            const Deadline due = waits.front();
            Connection *c = m_connections.value(due.id);
            waits.pop_front();
            if (!c)
                continue;
            switch (Wait(kind)) {
            case Wait::Handshake:
                if (c->state() == Connection::State::Upgrading)
                    c->abort("handshake timeout");
                break;
            case Wait::SignIn:
                if (c->state() == Connection::State::Open && !c->session().isAuthenticated())
                    c->session().close(
                        CloseCode::PolicyViolated, QStringLiteral("authenticate first"));
                break;
            case Wait::CloseReply:
                if (c->state() == Connection::State::Closing)
                    c->abort("no close reply");
                break;
            case Wait::WriteStall:
                if (!c->writeBlocked())
                    break;
                if (c->bytesWritten() == due.written)
                    c->abort("client stopped reading");
                else // slow but moving: another period
                    addDeadline(Wait::WriteStall, due.id, c->bytesWritten());
                break;
            }
        }
    }
    armDeadlineTimer();
}

void NetworkWorker::armDeadlineTimer()
{
    qint64 next = -1;
    for (const std::deque<Deadline> &waits : m_waits)
        if (!waits.empty() && (next < 0 || waits.front().dueMs < next))
            next = waits.front().dueMs;
    if (next < 0) {
        m_deadlineTimer.stop();
        return;
    }
    const int in = int(qMax<qint64>(0, next - net::steadyNowMs()));
    if (!m_deadlineTimer.isActive() || m_deadlineTimer.remainingTime() > in)
        m_deadlineTimer.start(in);
}

void NetworkWorker::drainMailbox()
{
    // Until empty: this thread's own posts do not wake it.
    for (Mailbox::Batch batch = m_mailbox.take(); !batch.isEmpty(); batch = m_mailbox.take())
        deliverBatch(*m_ctx, batch, [this](quint64 id) -> Session * {
            Connection *c = m_connections.value(id);
            return c ? &c->session() : nullptr;
        });
}

void NetworkWorker::shutdown()
{
    drainMailbox();
    m_shuttingDown = true;
    const auto connections = m_connections.values();
    for (Connection *c : connections) {
        if (c->state() == Connection::State::Upgrading)
            c->abort("server shutting down");
        else
            c->session().close(CloseCode::GoingAway, QStringLiteral("server shutting down"));
    }
    afterPass(); // the close frames go out now
    // Give peers a moment to answer the close handshake, then quit regardless.
    QTimer::singleShot(1000, this, [] { QThread::currentThread()->quit(); });
    finishShutdownIfIdle();
}

void NetworkWorker::finishShutdownIfIdle()
{
    if (m_connections.isEmpty())
        QThread::currentThread()->quit();
}

} // namespace natter::server
