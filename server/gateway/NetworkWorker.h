// NetworkWorker: one network thread's share of the connections. Lives on
// its own QThread, whose event dispatcher is an EpollDispatcher (installed by
// Server before the thread starts), and owns, on that thread: every
// Connection it accepted (with its Session), the thread's Mailbox (drained
// here, posted to from anywhere), its ReadConnection (the reads of its
// sessions run inline) and the deadlines of its connections. The
// Listener hands it raw descriptors; plain ws:// connections stay raw
// descriptors in the epoll set, wss:// ones become QSslSockets created here,
// so no socket ever changes threads.
//
// Per event-loop pass: ready descriptors are read (one read each, frames
// handled as they complete; a pull is answered right there), then
// afterPass() drains the mailbox (acks, replies, coalesced notifies), writes
// every connection that has output once and frees the connections that
// ended. Other threads wake the thread (eventfd) only when they post to an
// empty mailbox; what the thread posts to itself waits for afterPass().
#pragma once

#include "gateway/Mailbox.h"
#include "storage/ReadConnection.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <deque>
#include <vector>

namespace natter::server {

namespace net {
class EpollDispatcher;
}
namespace metrics {
struct NetworkMetrics;
}
struct GatewayContext;
class Connection;

class NetworkWorker : public QObject
{
    Q_OBJECT
public:
    NetworkWorker(int index, GatewayContext *ctx, net::EpollDispatcher *dispatcher);
    ~NetworkWorker() override;

    Mailbox *mailbox() { return &m_mailbox; }
    ReadConnection *reads() { return &m_reads; }
    int index() const { return m_index; }
    GatewayContext &context() { return *m_ctx; }
    net::EpollDispatcher *dispatcher() { return m_dispatcher; }
    metrics::NetworkMetrics &metrics() { return m_metrics; }

    // Called through queued invocations from other threads.
    Q_INVOKABLE void acceptDescriptor(qintptr descriptor);
    // Delivers what is in the mailbox, closes every connection, then quits the thread.
    Q_INVOKABLE void shutdown();

    // From this thread's connections.
    void queueFlush(Connection *c) { m_flushQueue.push_back(c); }
    void connectionOpened(Connection *c);
    void connectionClosing(Connection *c);
    void connectionGone(Connection *c);
    // Its output stopped moving: it gets writeStallMs to make progress.
    void connectionWriteBlocked(Connection *c);

private:
    struct Deadline
    {
        quint64 id;
        qint64 dueMs;
        quint64 written = 0; // WriteStall: Connection::bytesWritten() when set
    };
    enum class Wait { Handshake, SignIn, CloseReply, WriteStall };

    void afterPass();
    void drainMailbox();
    void addDeadline(Wait kind, quint64 id, quint64 written = 0);
    void checkDeadlines();
    void armDeadlineTimer();
    void finishShutdownIfIdle();

    const int m_index;
    GatewayContext *m_ctx;
    net::EpollDispatcher *m_dispatcher;
    metrics::NetworkMetrics &m_metrics; // GatewayContext::networkMetrics[m_index]
    Mailbox m_mailbox;
    ReadConnection m_reads;
    QHash<quint64, Connection *> m_connections; // owned; by session id
    std::vector<Connection *> m_flushQueue; // have output; in this pass
    std::vector<Connection *> m_retired; // freed at the end of this pass
    // Each wait has one fixed length, so each list is in deadline order.
    std::deque<Deadline> m_waits[4];
    QTimer m_deadlineTimer;
    bool m_shuttingDown = false;
};

} // namespace natter::server
