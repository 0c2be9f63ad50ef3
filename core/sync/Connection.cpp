#include "sync/Connection.h"

#include "protocol/Frame.h"

#include "Logging.h"
#include <QDateTime>
#include <QSslConfiguration>
#include <QSslSocket>

namespace natter {

Connection::Connection(QObject *parent)
    : QObject(parent)
{
    m_socket.setMaxAllowedIncomingFrameSize(limits::kMaxServerFrameBytes);
    m_socket.setMaxAllowedIncomingMessageSize(limits::kMaxServerFrameBytes);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        m_connectTimer.stop();
        m_awaitingPong = false;
        m_keepAlive.start();
        emit connected();
    });
    connect(&m_socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcConnection) << "connect timed out";
        m_socket.abort();
        if (!m_closeHandled)
            onClosed();
    });
    m_keepAlive.setInterval(keepAliveMs());
    connect(&m_keepAlive, &QTimer::timeout, this, &Connection::keepAlive);
    connect(&m_socket, &QWebSocket::disconnected, this, &Connection::onClosed);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &Connection::onBinary);
    // Not calling ignoreSslErrors() makes the socket drop the connection.
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_certificateError = describeSslErrors(errors, m_socket.requestUrl().host());
        qCInfo(lcConnection) << "refusing the server:" << m_certificateError;
    });
    m_timeouts.setInterval(1000);
    connect(&m_timeouts, &QTimer::timeout, this, &Connection::checkTimeouts);
}

Connection::~Connection()
{
    m_socket.disconnect(this);
    m_socket.abort();
    failAll(QStringLiteral("connection closed"));
}

int Connection::keepAliveMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("NATTER_KEEPALIVE_MS", &ok);
    return ok && ms > 0 ? ms : 20000;
}

void Connection::setTrustedCertificates(const QList<QSslCertificate> &certificates)
{
    m_trusted = certificates;
}

void Connection::open(const QUrl &url)
{
    qCDebug(lcConnection) << "connecting to" << url;
    m_closeHandled = false;
    m_certificateError.clear();
    if (url.scheme() == QLatin1String("wss")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        // addCaCertificates() alone would switch off Qt's on-demand loading of
        // the system CAs, so they are named explicitly.
        if (!m_trusted.isEmpty())
            tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_trusted);
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        m_socket.setSslConfiguration(tls);
    }
    m_connectTimer.start(std::min(kConnectTimeoutMs, 3 * keepAliveMs()));
    m_socket.open(url);
}

void Connection::keepAlive()
{
    if (m_awaitingPong) {
        qCInfo(lcConnection) << "no answer to ping; dropping the connection";
        m_socket.abort();
        if (!m_closeHandled)
            onClosed();
        return;
    }
    m_awaitingPong = true;
    m_socket.ping();
}

void Connection::close()
{
    m_socket.close();
}

void Connection::request(proto::Envelope envelope, Callback callback)
{
    if (!m_open) {
        callback(makeError(0, proto::INTERNAL, QStringLiteral("not connected")));
        return;
    }
    const quint64 id = m_nextId++;
    envelope.set_version(kProtocolVersion);
    envelope.set_request_id(id);
    m_pending.insert(
        id, { std::move(callback), QDateTime::currentMSecsSinceEpoch() + kRequestTimeoutMs });
    if (!m_timeouts.isActive())
        m_timeouts.start();
    m_socket.sendBinaryMessage(encodeEnvelope(envelope));
}

void Connection::onBinary(const QByteArray &frame)
{
    proto::Envelope env;
    if (decodeEnvelope(frame, &env) != DecodeResult::Ok) {
        qCWarning(lcConnection) << "undecodable frame from the server; closing";
        m_socket.close(QWebSocketProtocol::CloseCodeProtocolError);
        return;
    }
    if (env.request_id() == 0) {
        emit pushReceived(env);
        return;
    }
    auto it = m_pending.find(env.request_id());
    if (it == m_pending.end()) {
        qCDebug(lcConnection) << "response to an unknown request" << env.request_id();
        return;
    }
    Callback cb = std::move(it->callback);
    m_pending.erase(it);
    cb(env);
}

void Connection::onClosed()
{
    if (m_closeHandled)
        return;
    m_closeHandled = true;
    const bool wasOpen = m_open;
    m_open = false;
    m_timeouts.stop();
    m_connectTimer.stop();
    m_keepAlive.stop();
    const QString reason = !m_certificateError.isEmpty() ? m_certificateError
        : m_socket.closeReason().isEmpty()
        ? (m_socket.error() == QAbstractSocket::UnknownSocketError ? QStringLiteral("closed")
                                                                   : m_socket.errorString())
        : m_socket.closeReason();
    failAll(QStringLiteral("connection lost"));
    emit disconnected(wasOpen ? reason : QStringLiteral("cannot connect: %1").arg(reason));
}

QString Connection::describeSslErrors(const QList<QSslError> &errors, const QString &host)
{
    auto untrusted = [](const char *why) {
        return QStringLiteral("the server's certificate is not trusted (%1)")
            .arg(QLatin1String(why));
    };
    QStringList parts;
    for (const QSslError &e : errors) {
        QString text;
        switch (e.error()) {
        case QSslError::HostNameMismatch:
            text = QStringLiteral("the server's certificate does not match host %1").arg(host);
            break;
        case QSslError::SelfSignedCertificate: text = untrusted("self-signed certificate"); break;
        case QSslError::SelfSignedCertificateInChain:
            text = untrusted("self-signed certificate in the chain");
            break;
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
            text = untrusted("issued by an unknown authority");
            break;
        case QSslError::CertificateUntrusted:
        case QSslError::CertificateRejected: text = untrusted("untrusted root"); break;
        case QSslError::CertificateExpired:
            text = QStringLiteral("the server's certificate has expired");
            break;
        case QSslError::CertificateNotYetValid:
            text = QStringLiteral("the server's certificate is not valid yet");
            break;
        case QSslError::NoPeerCertificate:
            text = QStringLiteral("the server sent no certificate");
            break;
        default:
            text = QStringLiteral("the server's certificate was refused (%1)").arg(e.errorString());
            break;
        }
        if (!parts.contains(text))
            parts.append(text);
    }
    return parts.isEmpty() ? QStringLiteral("the server's certificate was refused")
                           : parts.join(QStringLiteral("; "));
}

void Connection::failAll(const QString &reason)
{
    const auto pending = std::exchange(m_pending, {});
    for (const Pending &p : pending)
        p.callback(makeError(0, proto::INTERNAL, reason));
}

void Connection::checkTimeouts()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Pending &p : std::as_const(m_pending)) {
        if (p.deadlineMs < now) {
            qCWarning(lcConnection) << "request timed out; reconnecting";
            m_socket.abort();
            if (!m_closeHandled)
                onClosed(); // fails every pending request
            return;
        }
    }
    if (m_pending.isEmpty())
        m_timeouts.stop();
}

} // namespace natter
