#include "gateway/Session.h"

#include "Logging.h"

namespace natter::server {

Session::Session(quint64 id, int thread, QWebSocket *socket, int unauthIdleMs, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_thread(thread)
    , m_socket(socket)
    , m_peerAddress(socket->peerAddress().toString())
{
    m_socket->setParent(this);
    m_unauthIdle.setSingleShot(true);
    m_unauthIdle.setInterval(unauthIdleMs);
    connect(&m_unauthIdle, &QTimer::timeout, this, [this] {
        if (!isAuthenticated())
            close(
                QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("authenticate first"));
    });
    m_unauthIdle.start();
}

void Session::setAuthenticated(quint64 userId, quint64 deviceId)
{
    m_userId = userId;
    m_deviceId = deviceId;
    m_unauthIdle.stop();
}

void Session::clearAuthentication()
{
    m_userId = 0;
    m_deviceId = 0;
}

void Session::send(const proto::Envelope &envelope)
{
    if (m_closing)
        return;
    m_socket->sendBinaryMessage(encodeEnvelope(envelope));
}

void Session::sendError(quint64 requestId, proto::ErrorCode code, const QString &message)
{
    send(makeError(requestId, code, message));
}

void Session::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    qCDebug(lcGateway) << "closing session" << m_id << reason;
    m_socket->close(code, reason);
    // A peer that never answers the close frame must not keep the socket.
    QTimer::singleShot(5000, m_socket, [s = m_socket] { s->abort(); });
}

} // namespace natter::server
