// IpPolicy: who may connect, by address — the [gateway] allow and deny
// lists (CIDR, IPv4 and IPv6) and the proxies whose X-Forwarded-For is
// believed. The Listener asks at accept, before any TLS or WebSocket work
// (a refused connection is closed at once, unanswered); behind a trusted
// proxy the gateway asks again at the upgrade, for the client the proxy
// names, and that client's address is then the session's (the per-address
// sign-in limit counts it). Deny wins over allow; an empty allow list
// admits every address not denied.
//
// Threads: admits() and the rest from any thread (the main thread at
// accept, the network threads at upgrades); set() from any thread (a
// reload), under a mutex that each check holds only to copy a pointer.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>
#include <utility>

namespace natter::server {

class IpPolicy
{
public:
    using Subnet = std::pair<QHostAddress, int>;
    struct Lists
    {
        QList<Subnet> allow, deny, trustedProxies;
    };

    // "10.0.0.0/8", "::1", "fd00::/8" ... into subnets; an error naming the
    // bad entry, or empty.
    static QString parse(const QStringList &entries, QList<Subnet> *out);
    // All three lists from their config values; an error, or empty.
    static QString parseLists(const QStringList &allow, const QStringList &deny,
        const QStringList &trustedProxies, Lists *out);

    void set(Lists lists);
    bool admits(const QHostAddress &address) const;
    bool isTrustedProxy(const QHostAddress &address) const;
    // The client a trusted proxy speaks for: the right-most address of its
    // X-Forwarded-For that is not a trusted proxy itself (null when the
    // header holds none).
    QHostAddress clientBehind(QByteArrayView forwardedFor) const;

    void countRefused() { m_refused.fetch_add(1, std::memory_order_relaxed); }
    quint64 refused() const { return m_refused.load(std::memory_order_relaxed); }

    // An IPv4 client of an IPv6 socket (::ffff:a.b.c.d) as the IPv4 address.
    static QHostAddress normalized(const QHostAddress &address);

private:
    std::shared_ptr<const Lists> lists() const;

    mutable std::mutex m_mutex;
    std::shared_ptr<const Lists> m_lists = std::make_shared<const Lists>();
    std::atomic<quint64> m_refused { 0 };
};

} // namespace natter::server
