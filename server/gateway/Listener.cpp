#include "gateway/Listener.h"

#include "common/Logging.h"
#include "gateway/IpPolicy.h"
#include "gateway/NetworkWorker.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace natter::server {

Listener::Listener(std::vector<NetworkWorker *> workers, IpPolicy &policy, QObject *parent)
    : QTcpServer(parent)
    , m_workers(std::move(workers))
    , m_policy(policy)
{
}

bool Listener::start(const QHostAddress &address, quint16 port)
{
    setListenBacklogSize(1024);
    setMaxPendingConnections(1024);
    if (!listen(address, port))
        return false;
    // Linux accepted sockets inherit TCP_NODELAY from the listening socket.
    int one = 1;
    if (::setsockopt(
            static_cast<int>(socketDescriptor()), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)
        != 0)
        qCWarning(lcGateway) << "cannot set TCP_NODELAY on the listening socket";
    return true;
}

void Listener::incomingConnection(qintptr descriptor)
{
    sockaddr_storage peer {};
    socklen_t len = sizeof peer;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&peer), &len) == 0) {
        const QHostAddress address(reinterpret_cast<const sockaddr *>(&peer));
        if (!m_policy.admits(address)) {
            m_policy.countRefused();
            qCDebug(lcGateway) << "refused a connection from" << address.toString();
            ::close(int(descriptor));
            return;
        }
    }
    NetworkWorker *worker = m_workers[m_next++ % m_workers.size()];
    m_accepted.add();
    QMetaObject::invokeMethod(
        worker, [worker, descriptor] { worker->acceptDescriptor(descriptor); },
        Qt::QueuedConnection);
}

} // namespace natter::server
