#include "admin/Config.h"

#include "gateway/IpPolicy.h"
#include "protocol/Frame.h"

#include <QFileInfo>
#include <QSettings>

namespace natter::server {

QString loadConfigFile(const QString &path, ServerConfig *c)
{
    if (!QFileInfo::exists(path))
        return QStringLiteral("config file %1 does not exist").arg(path);
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError)
        return QStringLiteral("cannot parse config file %1").arg(path);

    c->networkThreads = s.value("network/threads", c->networkThreads).toInt();
    c->handshakeTimeoutMs = s.value("network/handshake_timeout_ms", c->handshakeTimeoutMs).toInt();
    c->unauthIdleMs = s.value("network/unauth_idle_ms", c->unauthIdleMs).toInt();
    c->writeStallMs = s.value("network/write_stall_ms", c->writeStallMs).toInt();
    c->deviceRate = s.value("limits/device_rate", c->deviceRate).toDouble();
    c->deviceBurst = s.value("limits/device_burst", c->deviceBurst).toDouble();
    c->ipRate = s.value("limits/ip_rate", c->ipRate).toDouble();
    c->ipBurst = s.value("limits/ip_burst", c->ipBurst).toDouble();
    c->maxTextChars = s.value("limits/max_text_chars", c->maxTextChars).toInt();
    c->maxGroupMembers = s.value("groups/max_members", c->maxGroupMembers).toInt();
    c->friendCooldownS = s.value("people/friend_cooldown_s", c->friendCooldownS).toInt();
    c->maxFriends = s.value("people/max_friends", c->maxFriends).toInt();
    c->maxPendingRequests = s.value("people/max_pending_requests", c->maxPendingRequests).toInt();
    c->searchRate = s.value("people/search_rate", c->searchRate).toDouble();
    c->searchBurst = s.value("people/search_burst", c->searchBurst).toDouble();
    c->storageBackend = s.value("storage/backend", c->storageBackend).toString().toLower();
    c->synchronous = s.value("storage/synchronous", c->synchronous).toString().toUpper();
    c->batchMax = s.value("storage/batch_max", c->batchMax).toInt();
    c->busyTimeoutMs = s.value("storage/busy_timeout_ms", c->busyTimeoutMs).toInt();
    c->minFreeMb = s.value("storage/min_free_mb", c->minFreeMb).toInt();
    if (s.contains("metrics/listen")) {
        c->metricsListen = s.value("metrics/listen").toString().trimmed();
        c->metricsListenSet = true;
    }
    c->pwhashOps = s.value("auth/pwhash_ops", c->pwhashOps).toULongLong();
    c->pwhashMemBytes = s.value("auth/pwhash_mem_bytes", c->pwhashMemBytes).toULongLong();
    c->tlsCertFile = s.value("tls/cert", c->tlsCertFile).toString();
    c->tlsKeyFile = s.value("tls/key", c->tlsKeyFile).toString();
    c->adminSocket = s.value("admin/socket", c->adminSocket).toString();
    // A comma makes QSettings return a list; a single entry comes as a string.
    c->gatewayAllow = s.value("gateway/allow", c->gatewayAllow).toStringList();
    c->gatewayDeny = s.value("gateway/deny", c->gatewayDeny).toStringList();
    c->trustedProxies = s.value("gateway/trusted_proxies", c->trustedProxies).toStringList();
    c->configFile = path;

    if (c->networkThreads < 0 || c->networkThreads > 64)
        return QStringLiteral("network/threads must be 0 (auto) or 1..64");
    if (c->handshakeTimeoutMs < 100 || c->unauthIdleMs < 100 || c->writeStallMs < 100)
        return QStringLiteral("timeouts must be at least 100 ms");
    if (c->deviceRate <= 0 || c->deviceBurst < 1 || c->ipRate <= 0 || c->ipBurst < 1)
        return QStringLiteral("rate limits must be positive (burst >= 1)");
    if (c->maxTextChars < 1 || c->maxTextChars > limits::kMaxTextChars)
        return QStringLiteral("limits/max_text_chars must be 1..%1").arg(limits::kMaxTextChars);
    if (c->maxGroupMembers < 2 || c->maxGroupMembers > limits::kMaxGroupMembers)
        return QStringLiteral("groups/max_members must be 2..%1").arg(limits::kMaxGroupMembers);
    if (c->friendCooldownS < 0 || c->maxFriends < 1 || c->maxPendingRequests < 1)
        return QStringLiteral("people/friend_cooldown_s must be >= 0, max_friends and"
                              " max_pending_requests >= 1");
    if (c->searchRate <= 0 || c->searchBurst < 1)
        return QStringLiteral("people/search_rate must be positive (search_burst >= 1)");
    if (c->storageBackend != QLatin1String("sqlite"))
        return QStringLiteral("storage/backend must be sqlite");
    static const QStringList modes { "OFF", "NORMAL", "FULL", "EXTRA" };
    if (!modes.contains(c->synchronous))
        return QStringLiteral("storage/synchronous must be one of OFF, NORMAL, FULL, EXTRA");
    if (c->batchMax < 1 || c->batchMax > 100000)
        return QStringLiteral("storage/batch_max must be 1..100000");
    if (c->minFreeMb < 0)
        return QStringLiteral("storage/min_free_mb must be >= 0");
    if (c->tlsCertFile.isEmpty() != c->tlsKeyFile.isEmpty())
        return QStringLiteral("tls/cert and tls/key go together");
    IpPolicy::Lists lists;
    if (QString e
        = IpPolicy::parseLists(c->gatewayAllow, c->gatewayDeny, c->trustedProxies, &lists);
        !e.isEmpty())
        return e;
    return {};
}

} // namespace natter::server
