// NetworkWorker: one network thread's share of the connections. Lives on
// its own QThread and owns, on that thread: a non-listening
// QWebSocketServer (handshakes), the sockets still in handshake, every
// Session it accepted, and the thread's Mailbox (drained here, posted to
// from anywhere). The Listener hands it raw descriptors; a QTcpSocket (a
// QSslSocket when serving wss://, passed to the WebSocket server once
// encrypted) is created here from the descriptor, so no socket ever changes
// threads.
#pragma once

#include "gateway/Mailbox.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

class QWebSocketServer;

namespace natter::server {

struct ServerContext;
class Session;

class NetworkWorker : public QObject
{
    Q_OBJECT
public:
    NetworkWorker(int index, ServerContext *ctx);
    ~NetworkWorker() override;

    Mailbox *mailbox() { return &m_mailbox; }

    // Called through queued invocations from other threads.
    Q_INVOKABLE void acceptDescriptor(qintptr descriptor);
    Q_INVOKABLE void drainMailbox();
    // Delivers what is in the mailbox, closes every session, then quits the thread.
    Q_INVOKABLE void shutdown();

private:
    void onHandshakeDone();
    void onSessionGone(Session *session);
    void finishShutdownIfIdle();
    static QString peerKey(const QHostAddress &address, quint16 port);

    const int m_index;
    ServerContext *m_ctx;
    Mailbox m_mailbox;
    QWebSocketServer *m_wsServer; // child
    QHash<QString, QPointer<QTcpSocket>> m_handshaking; // peer address:port -> socket
    QHash<quint64, Session *> m_sessions; // children
    bool m_shuttingDown = false;
};

} // namespace natter::server
