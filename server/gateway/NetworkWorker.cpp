#include "gateway/NetworkWorker.h"

#include "Logging.h"
#include "gateway/RequestHandler.h"
#include "gateway/ServerContext.h"
#include "gateway/Session.h"

#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocketServer>

namespace natter::server {

namespace {
std::atomic<quint64> s_nextSessionId { 1 };
}

NetworkWorker::NetworkWorker(int index, ServerContext *ctx)
    : m_index(index)
    , m_ctx(ctx)
    , m_mailbox([this] {
        QMetaObject::invokeMethod(this, &NetworkWorker::drainMailbox, Qt::QueuedConnection);
    })
    , m_wsServer(
          new QWebSocketServer(QStringLiteral("natterd"), QWebSocketServer::NonSecureMode, this))
{
    m_wsServer->setHandshakeTimeout(ctx->config.handshakeTimeoutMs);
    connect(m_wsServer, &QWebSocketServer::newConnection, this, &NetworkWorker::onHandshakeDone);
}

NetworkWorker::~NetworkWorker() = default;

QString NetworkWorker::peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('|') + QString::number(port);
}

void NetworkWorker::acceptDescriptor(qintptr descriptor)
{
    QSslSocket *ssl = m_ctx->config.tls() ? new QSslSocket(this) : nullptr;
    QTcpSocket *tcp = ssl ? ssl : new QTcpSocket(this);
    if (!tcp->setSocketDescriptor(descriptor)) {
        qCWarning(lcGateway) << "cannot adopt socket:" << tcp->errorString();
        delete tcp;
        return;
    }
    if (m_shuttingDown) {
        tcp->abort();
        tcp->deleteLater();
        return;
    }
    const QString key = peerKey(tcp->peerAddress(), tcp->peerPort());
    m_handshaking.insert(key, tcp);
    connect(tcp, &QTcpSocket::disconnected, this, [this, key, tcp] {
        if (m_handshaking.value(key) == tcp) {
            m_handshaking.remove(key);
            tcp->deleteLater();
        }
    });
    // handleConnection() has no handshake timeout of its own; this one also
    // covers the TLS handshake.
    QTimer::singleShot(m_ctx->config.handshakeTimeoutMs, tcp, [this, key, tcp] {
        if (m_handshaking.value(key) == tcp) {
            qCDebug(lcGateway) << "handshake timeout" << key;
            m_handshaking.remove(key);
            tcp->abort();
            tcp->deleteLater();
        }
    });
    if (!ssl) {
        m_wsServer->handleConnection(tcp);
        return;
    }
    // The WebSocket handshake starts once TLS is up. encrypted() comes before
    // the readyRead() of any request bytes that arrived with the client's
    // Finished, so the server sees those too. A failed TLS handshake aborts
    // the socket (disconnected() above cleans up); other connections never notice.
    connect(ssl, &QSslSocket::encrypted, this, [this, ssl] {
        if (!m_shuttingDown)
            m_wsServer->handleConnection(ssl);
    });
    connect(ssl, &QSslSocket::errorOccurred, this, [ssl](QAbstractSocket::SocketError) {
        if (!ssl->isEncrypted())
            qCDebug(lcGateway) << "TLS handshake failed:" << ssl->errorString();
    });
    ssl->setSslConfiguration(m_ctx->tls);
    ssl->startServerEncryption();
}

void NetworkWorker::onHandshakeDone()
{
    while (QWebSocket *ws = m_wsServer->nextPendingConnection()) {
        const QString key = peerKey(ws->peerAddress(), ws->peerPort());
        QPointer<QTcpSocket> tcp = m_handshaking.take(key);
        if (tcp)
            disconnect(tcp, nullptr, this, nullptr);
        if (m_shuttingDown) {
            ws->abort();
            ws->deleteLater();
            continue;
        }
        ws->setMaxAllowedIncomingFrameSize(limits::kMaxClientFrameBytes);
        ws->setMaxAllowedIncomingMessageSize(limits::kMaxClientFrameBytes);
        auto *session
            = new Session(s_nextSessionId++, m_index, ws, m_ctx->config.unauthIdleMs, this);
        m_sessions.insert(session->id(), session);
        // QWebSocket neither reparents nor deletes the QTcpSocket it was upgraded
        // from. As the session's later child it is destroyed right after the
        // QWebSocket (whose destructor still uses it).
        if (tcp)
            tcp->setParent(session);
        connect(
            ws, &QWebSocket::binaryMessageReceived, session, [this, session](const QByteArray &m) {
                if (!session->isClosing())
                    handleFrame(*m_ctx, *session, m);
            });
        connect(ws, &QWebSocket::textMessageReceived, session, [session] {
            session->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                QStringLiteral("binary frames only"));
        });
        connect(
            ws, &QWebSocket::disconnected, session, [this, session] { onSessionGone(session); });
    }
}

void NetworkWorker::onSessionGone(Session *session)
{
    if (session->isAuthenticated())
        m_ctx->registry.remove(session->ref());
    m_sessions.remove(session->id());
    session->deleteLater();
    if (m_shuttingDown)
        finishShutdownIfIdle();
}

void NetworkWorker::drainMailbox()
{
    Mailbox::Batch batch = m_mailbox.take();
    for (auto &[sessionId, task] : batch.tasks) {
        if (Session *s = m_sessions.value(sessionId); s && !s->isClosing())
            task(*s);
    }
    for (auto it = batch.feedNotifies.cbegin(); it != batch.feedNotifies.cend(); ++it) {
        if (Session *s = m_sessions.value(it.key())) {
            proto::Envelope env;
            env.set_version(kProtocolVersion);
            env.mutable_feed_notify()->set_seq(it.value());
            s->send(env);
        }
    }
    for (auto it = batch.notifies.cbegin(); it != batch.notifies.cend(); ++it) {
        if (Session *s = m_sessions.value(it.key().first)) {
            proto::Envelope env;
            env.set_version(kProtocolVersion);
            env.mutable_notify()->set_conversation_id(it.key().second);
            env.mutable_notify()->set_seq(it.value());
            s->send(env);
        }
    }
    for (quint64 sessionId : batch.closes) {
        if (Session *s = m_sessions.value(sessionId)) {
            if (s->isAuthenticated())
                m_ctx->registry.remove(s->ref());
            s->clearAuthentication();
            s->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("device revoked"));
        }
    }
}

void NetworkWorker::shutdown()
{
    drainMailbox();
    m_shuttingDown = true;
    for (auto it = m_handshaking.begin(); it != m_handshaking.end(); ++it)
        if (it.value())
            it.value()->abort();
    m_handshaking.clear();
    const auto sessions = m_sessions.values();
    for (Session *s : sessions) {
        s->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
        s->socket()->flush();
    }
    // Give peers a moment to answer the close handshake, then quit regardless.
    QTimer::singleShot(1000, this, [] { QThread::currentThread()->quit(); });
    finishShutdownIfIdle();
}

void NetworkWorker::finishShutdownIfIdle()
{
    if (m_sessions.isEmpty())
        QThread::currentThread()->quit();
}

} // namespace natter::server
