// Listener: the listening TCP socket, on the main thread. It only accepts:
// each descriptor goes round-robin to a NetworkWorker, which owns it from
// then on, on its own thread (its epoll set, or a QSslSocket made there).
// An address the IpPolicy refuses is closed here, before any TLS or
// WebSocket work.
#pragma once

#include "metrics/Counters.h"

#include <QTcpServer>

#include <vector>

namespace natter::server {

class IpPolicy;
class NetworkWorker;

class Listener : public QTcpServer
{
    Q_OBJECT
public:
    // policy: asked for every accepted connection; it must outlive the listener.
    Listener(std::vector<NetworkWorker *> workers, IpPolicy &policy, QObject *parent = nullptr);

    // listen() with a large backlog and TCP_NODELAY inherited by accepted sockets.
    bool start(const QHostAddress &address, quint16 port);
    // Connections handed to a network thread so far (refusals: IpPolicy::refused()).
    quint64 accepted() const { return m_accepted.value(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::vector<NetworkWorker *> m_workers;
    IpPolicy &m_policy;
    size_t m_next = 0;
    metrics::LocalCounter m_accepted; // main thread
};

} // namespace natter::server
