#include "gateway/NetworkWorker.h"

#include "Logging.h"
#include "gateway/RequestHandler.h"
#include "gateway/ServerContext.h"
#include "gateway/Session.h"

#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocketServer>

#include <functional>

namespace natter::server {

namespace {
std::atomic<quint64> s_nextSessionId { 1 };

// MaskGuard: RFC 6455 §5.1 says a server must close the connection on an
// unmasked client frame; QWebSocket 6.4 accepts them. The guard reads only
// frame headers, from the raw socket, before QWebSocket parses them.
//
// Ownership: a child of the QTcpSocket/QSslSocket, so it lives and dies on
// the network thread that owns the socket; never touched from elsewhere.
// Ordering: check() is connected to readyRead before QWebSocketServer's
// handshake slot and hence before QWebSocket's (direct) processData, so on
// every readyRead it sees the new bytes before any of them is consumed.
// settle(), connected once the upgrade is done (after processData), notes
// how much QWebSocket consumed, which maps stream offsets to buffer indexes.
// This leans on QWebSocket 6.4 parsing inside its readyRead slot; should a
// Qt update change that, tst_natterd_websocket (unmasked*, masked traffic
// bursts) fails. A guard that loses track logs it and stops checking.
// Cost: per readyRead one peek of the first 14 bytes when the read holds
// one frame (the common case); a read holding several frames is peeked
// once whole. Payload bytes are skipped by count, never parsed.
class MaskGuard : public QObject
{
public:
    explicit MaskGuard(QTcpSocket *tcp)
        : QObject(tcp)
        , m_tcp(tcp)
    {
        setObjectName(QStringLiteral("natter-mask-guard"));
        connect(tcp, &QIODevice::readyRead, this, &MaskGuard::check);
    }

    static MaskGuard *of(QTcpSocket *tcp)
    {
        return static_cast<MaskGuard *>(tcp->findChild<QObject *>(
            QStringLiteral("natter-mask-guard"), Qt::FindDirectChildrenOnly));
    }

    // Called on the upgraded socket, after QWebSocket made its connections.
    void startFrames(std::function<void()> onUnmasked)
    {
        m_onViolation = std::move(onUnmasked);
        m_phase = Phase::Frames;
        m_consumed = m_scanned = 0;
        m_availAfterCheck = m_tcp->bytesAvailable();
        connect(m_tcp, &QIODevice::readyRead, this, &MaskGuard::settle);
    }

private:
    enum class Phase { Http, Upgrading, Frames, Off };

    void violation()
    {
        m_phase = Phase::Off;
        if (m_onViolation)
            m_onViolation();
        else
            m_tcp->abort(); // still in the handshake: nothing to close politely
    }

    void check()
    {
        const qint64 avail = m_tcp->bytesAvailable();
        if (m_phase == Phase::Http) {
            // RFC 6455 §4.1: a client sends nothing after its request until
            // the server answers, so the frame stream starts at an empty buffer.
            const QByteArray head = m_tcp->peek(qMin<qint64>(avail, 16384));
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            m_requestBytes = end + 4;
            m_phase = Phase::Upgrading;
        }
        if (m_phase == Phase::Upgrading) {
            if (avail > m_requestBytes)
                violation();
            return;
        }
        if (m_phase != Phase::Frames)
            return;
        qint64 pos = m_scanned; // stream offset
        const qint64 end = m_consumed + avail;
        if (pos < m_consumed) {
            qCWarning(lcGateway) << "mask guard lost track of the frame stream";
            m_phase = Phase::Off;
            return;
        }
        thread_local QByteArray scratch;
        qint64 peeked = 0;
        while (pos < end) {
            if (m_skip > 0) {
                const qint64 step = qint64(qMin<quint64>(m_skip, quint64(end - pos)));
                m_skip -= quint64(step);
                pos += step;
                continue;
            }
            const qint64 idx = pos - m_consumed;
            if (idx >= peeked) {
                peeked = idx < 14 && peeked == 0 ? qMin<qint64>(avail, 14) : avail;
                if (scratch.size() < peeked)
                    scratch.resize(peeked);
                peeked = m_tcp->peek(scratch.data(), peeked);
                if (idx >= peeked)
                    break;
            }
            m_header[m_have++] = quint8(scratch[idx]);
            ++pos;
            if (m_have < 2)
                continue;
            if (m_have == 2 && !(m_header[1] & 0x80)) {
                m_scanned = pos;
                violation();
                return;
            }
            const int len7 = m_header[1] & 0x7f;
            const int headerLen = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
            if (m_have < headerLen)
                continue;
            quint64 payload = quint64(len7);
            if (len7 >= 126) {
                payload = 0;
                for (int i = 2; i < headerLen - 4; ++i)
                    payload = (payload << 8) | m_header[i];
            }
            m_skip = payload;
            m_have = 0;
        }
        m_scanned = pos;
        m_availAfterCheck = avail;
    }

    void settle()
    {
        if (m_phase == Phase::Frames)
            m_consumed += m_availAfterCheck - m_tcp->bytesAvailable();
    }

    QTcpSocket *m_tcp; // parent
    Phase m_phase = Phase::Http;
    qint64 m_requestBytes = 0;
    qint64 m_consumed = 0; // stream offset of the socket's read buffer front
    qint64 m_scanned = 0; // stream offset up to which headers were checked
    qint64 m_availAfterCheck = 0;
    quint64 m_skip = 0; // payload bytes of the current frame not yet passed
    quint8 m_header[14] {};
    int m_have = 0; // bytes of the current header seen so far
    std::function<void()> m_onViolation;
};
} // namespace

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
    new MaskGuard(tcp); // first on readyRead: before the handshake and frame parsers
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
        if (tcp) {
            tcp->setParent(session);
            if (MaskGuard *guard = MaskGuard::of(tcp)) {
                guard->startFrames([session] {
                    session->close(QWebSocketProtocol::CloseCodeProtocolError,
                        QStringLiteral("unmasked client frame"));
                });
            }
        }
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
