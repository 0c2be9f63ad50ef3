// ServerConfig: every tunable of natterd, filled from the command line and
// the optional INI config file (admin/Config). A plain value, read-only once
// the server starts; every module reads the part it needs.
#pragma once

#include <QString>
#include <QStringList>

namespace natter::server {

struct ServerConfig
{
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 7070;
    QString dataDir = QStringLiteral("./natterd-data");
    quint32 nodeId = 1;

    // [network]
    // 0 = auto: half the CPUs this process may run on, at least 1 (the
    // db-writer and db-checkpoint threads get the other half).
    int networkThreads = 0;
    int handshakeTimeoutMs = 10000;
    int unauthIdleMs = 30000; // close connections that do not authenticate in time
    // Drop a connection whose pending output has not moved for this long
    // (a client that stopped reading).
    int writeStallMs = 30000;

    // [limits]
    double deviceRate = 500; // requests per second per device
    double deviceBurst = 1000;
    double ipRate = 20; // register/login per second per source IP
    double ipBurst = 50;
    int maxTextChars = 8000;

    // [groups]
    int maxGroupMembers = 2000; // enforced on every path that adds members

    // [people]
    int friendCooldownS = 86400; // after a decline, the requester waits this long
    int maxFriends = 5000; // per user
    int maxPendingRequests = 100; // outgoing friend requests waiting, per user
    double searchRate = 1; // user searches per second per device
    double searchBurst = 10;

    // [storage]
    QString storageBackend = QStringLiteral("sqlite"); // the only one so far
    QString synchronous = QStringLiteral("FULL"); // OFF, NORMAL, FULL, EXTRA
    int batchMax = 512; // ops per group commit
    int busyTimeoutMs = 5000;
    // /readyz fails while the data directory's file system has less free
    // space than this (MiB)
    int minFreeMb = 64;

    // [metrics] the /metrics, /healthz and /readyz listener, "IP:PORT";
    // empty: off. metricsListenSet: named by the config or the command line
    // (then a bind failure stops the start; the default's only warns).
    QString metricsListen = QStringLiteral("127.0.0.1:9464");
    bool metricsListenSet = false;

    // [auth] Argon2id parameters (0 = libsodium INTERACTIVE)
    quint64 pwhashOps = 0;
    quint64 pwhashMemBytes = 0;

    // [gateway] CIDR lists (gateway/IpPolicy): who may connect, and the
    // proxies whose X-Forwarded-For names the client. Reloaded on SIGHUP.
    QStringList gatewayAllow;
    QStringList gatewayDeny;
    QStringList trustedProxies;

    QString configFile; // the INI file these came from ("" = none), for reloads

    // [admin] the Unix socket of `natterd admin`; empty: $RUNTIME_DIRECTORY
    // (systemd) or the data directory, admin.sock in it (admin/AdminSocket)
    QString adminSocket;

    // [tls] PEM files; with both set natterd serves wss:// only
    QString tlsCertFile;
    QString tlsKeyFile;
    bool tls() const { return !tlsCertFile.isEmpty(); }
};

} // namespace natter::server
