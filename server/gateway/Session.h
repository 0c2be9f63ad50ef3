// Session: one client connection (a QWebSocket) and its authentication
// state. Created, used and destroyed on the network thread that accepted
// the socket; other threads reach it only through that thread's Mailbox.
#pragma once

#include "gateway/SessionRegistry.h"
#include "protocol/Frame.h"

#include <QObject>
#include <QTimer>
#include <QWebSocket>

namespace natter::server {

class Session : public QObject
{
    Q_OBJECT
public:
    Session(quint64 id, int thread, QWebSocket *socket, int unauthIdleMs, QObject *parent);

    quint64 id() const { return m_id; }
    int thread() const { return m_thread; }
    QString peerAddress() const { return m_peerAddress; }
    bool isAuthenticated() const { return m_userId != 0; }
    quint64 userId() const { return m_userId; }
    quint64 deviceId() const { return m_deviceId; }
    SessionRef ref() const { return { m_thread, m_id, m_userId, m_deviceId }; }
    QWebSocket *socket() const { return m_socket; }

    void setAuthenticated(quint64 userId, quint64 deviceId);
    void clearAuthentication();

    void send(const proto::Envelope &envelope);
    void sendError(quint64 requestId, proto::ErrorCode code, const QString &message);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);
    bool isClosing() const { return m_closing; }

private:
    const quint64 m_id;
    const int m_thread;
    QWebSocket *m_socket; // owned (child)
    QString m_peerAddress;
    quint64 m_userId = 0;
    quint64 m_deviceId = 0;
    bool m_closing = false;
    QTimer m_unauthIdle;
};

} // namespace natter::server
