#include "gateway/IpPolicy.h"

#include <algorithm>

namespace natter::server {

namespace {

bool inAny(const QHostAddress &address, const QList<IpPolicy::Subnet> &subnets)
{
    return std::any_of(subnets.cbegin(), subnets.cend(),
        [&](const IpPolicy::Subnet &s) { return address.isInSubnet(s); });
}

} // namespace

QHostAddress IpPolicy::normalized(const QHostAddress &address)
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    if (ok && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    QHostAddress plain = address;
    plain.setScopeId({});
    return plain;
}

QString IpPolicy::parse(const QStringList &entries, QList<Subnet> *out)
{
    out->clear();
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        Subnet s = QHostAddress::parseSubnet(entry);
        if (s.first.isNull() || s.second < 0) {
            // A single address without a prefix length is its own subnet.
            const QHostAddress single(entry);
            if (single.isNull())
                return QStringLiteral("not an address or CIDR subnet: \"%1\"").arg(entry);
            s = { single, single.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128 };
        }
        out->append(s);
    }
    return {};
}

QString IpPolicy::parseLists(const QStringList &allow, const QStringList &deny,
    const QStringList &trustedProxies, Lists *out)
{
    if (QString e = parse(allow, &out->allow); !e.isEmpty())
        return QStringLiteral("gateway/allow: ") + e;
    if (QString e = parse(deny, &out->deny); !e.isEmpty())
        return QStringLiteral("gateway/deny: ") + e;
    if (QString e = parse(trustedProxies, &out->trustedProxies); !e.isEmpty())
        return QStringLiteral("gateway/trusted_proxies: ") + e;
    return {};
}

void IpPolicy::set(Lists lists)
{
    auto fresh = std::make_shared<const Lists>(std::move(lists));
    std::lock_guard lock(m_mutex);
    m_lists = std::move(fresh);
}

std::shared_ptr<const IpPolicy::Lists> IpPolicy::lists() const
{
    std::lock_guard lock(m_mutex);
    return m_lists;
}

bool IpPolicy::admits(const QHostAddress &address) const
{
    const auto l = lists();
    const QHostAddress a = normalized(address);
    if (inAny(a, l->deny))
        return false;
    return l->allow.isEmpty() || inAny(a, l->allow);
}

bool IpPolicy::isTrustedProxy(const QHostAddress &address) const
{
    return inAny(normalized(address), lists()->trustedProxies);
}

QHostAddress IpPolicy::clientBehind(QByteArrayView forwardedFor) const
{
    const auto l = lists();
    const QList<QByteArray> hops = forwardedFor.toByteArray().split(',');
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        const QHostAddress hop(QString::fromLatin1(it->trimmed()));
        if (hop.isNull())
            return {}; // a hop we cannot read: trust nothing further left
        if (!inAny(normalized(hop), l->trustedProxies))
            return normalized(hop);
    }
    return {};
}

} // namespace natter::server
