// Session: what the request handlers see of one client connection — who
// it is (after sign-in) and a way to answer. The transport behind it (a
// WebSocket on a raw descriptor or on a QSslSocket, see Connection.h) is a
// Link. Created, used and destroyed on the network thread that accepted the
// connection; other threads reach it only through that thread's Mailbox.
#pragma once

#include "gateway/SessionRegistry.h"
#include "metrics/NetworkMetrics.h"
#include "net/WsProtocol.h"
#include "protocol/Frame.h"

#include <QString>

namespace natter::server {

using ws::CloseCode;

// The sending half of a connection.
class Link
{
public:
    virtual void sendBinary(QByteArrayView message) = 0;
    // Starts the closing handshake; nothing is sent after it.
    virtual void close(CloseCode code, QByteArrayView reason) = 0;

protected:
    ~Link() = default;
};

class Session
{
public:
    // metrics: the network thread's (it counts what the session sends).
    Session(
        quint64 id, int thread, Link *link, QString peerAddress, metrics::NetworkMetrics &metrics);

    quint64 id() const { return m_id; }
    int thread() const { return m_thread; }
    metrics::NetworkMetrics &metrics() const { return m_metrics; }
    const QString &peerAddress() const { return m_peerAddress; }
    // Behind a trusted proxy: the client it names (gateway/IpPolicy).
    void setPeerAddress(const QString &address) { m_peerAddress = address; }
    bool isAuthenticated() const { return m_userId != 0; }
    quint64 userId() const { return m_userId; }
    quint64 deviceId() const { return m_deviceId; }
    SessionRef ref() const { return { m_thread, m_id, m_userId, m_deviceId }; }

    void setAuthenticated(quint64 userId, quint64 deviceId);
    void clearAuthentication();

    void send(const proto::Envelope &envelope);
    void sendError(quint64 requestId, proto::ErrorCode code, const QString &message);
    void close(CloseCode code, const QString &reason);
    bool isClosing() const { return m_closing; }

private:
    const quint64 m_id;
    const int m_thread;
    Link *m_link;
    metrics::NetworkMetrics &m_metrics;
    QString m_peerAddress;
    quint64 m_userId = 0;
    quint64 m_deviceId = 0;
    bool m_closing = false;
};

} // namespace natter::server
