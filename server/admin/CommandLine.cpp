#include "admin/CommandLine.h"

#include "protocol/Snowflake.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace natter::server {

namespace {

void printErr(const QString &s)
{
    std::fprintf(stderr, "natterd: %s\n", qPrintable(s));
}

const char *kConfigHelp = R"(
Config file (INI, all keys optional):
  [network] threads=0              network threads sharing the connections;
                                   0: half the CPUs natterd may use, at least 1
            handshake_timeout_ms=10000
            unauth_idle_ms=30000   close connections that do not sign in
            write_stall_ms=30000   drop a client whose unread output has
                                   not moved for this long
  [limits]  device_rate=500        requests/s per device (token bucket)
            device_burst=1000
            ip_rate=20             register/login per second per source IP
            ip_burst=50
            max_text_chars=8000    per text message (at most 8000)
  [groups]  max_members=2000       members per group, on every path that adds one
  [people]  friend_cooldown_s=86400 after a decline, no new request for this long
            max_friends=5000       friends per user
            max_pending_requests=100  outgoing friend requests waiting per user
            search_rate=1          user searches per second per device
            search_burst=10
  [storage] backend=sqlite         the embedded SQLite database in the data directory
            synchronous=FULL       SQLite synchronous: OFF|NORMAL|FULL|EXTRA
            batch_max=512          ops per group commit
            busy_timeout_ms=5000
            min_free_mb=64         /readyz fails below this much free disk space
  [metrics] listen=127.0.0.1:9464  /metrics (Prometheus), /healthz, /readyz over
                                   HTTP; empty: off (see also --metrics)
  [auth]    pwhash_ops=0           Argon2id opslimit (0 = libsodium INTERACTIVE)
            pwhash_mem_bytes=0     Argon2id memlimit (0 = libsodium INTERACTIVE)
  [tls]     cert=FILE              PEM certificate (chain); with key, serve wss://
            key=FILE               PEM private key
  [gateway] allow=CIDR,...          only these addresses may connect (empty: all)
            deny=CIDR,...           these may not (checked first)
            trusted_proxies=CIDR,...  their X-Forwarded-For names the client
                                   (the three reload on SIGHUP / natterd admin reload)
  [admin]   socket=PATH            the admin socket; default admin.sock in
                                   $RUNTIME_DIRECTORY (systemd), else in the
                                   data directory

Admin commands:
  natterd id decode <id>           print a snowflake id as JSON
  natterd admin COMMAND ...        on the running server (natterd admin --help)
  natterd restore --data DIR --from FILE
                                   a backup into an empty data directory,
                                   the server stopped
)";

} // namespace

CommandLine parseCommandLine(const QStringList &arguments)
{
    CommandLine cl;
    if (arguments.size() >= 2
        && (arguments.at(1) == QLatin1String("admin")
            || arguments.at(1) == QLatin1String("restore"))) {
        cl.action = arguments.at(1) == QLatin1String("admin") ? CommandLine::Action::Admin
                                                              : CommandLine::Action::Restore;
        cl.adminArguments = arguments.mid(2);
        return cl;
    }
    if (arguments.size() >= 2 && arguments.at(1) == QLatin1String("id")) {
        if (arguments.size() != 4 || arguments.at(2) != QLatin1String("decode")) {
            printErr(QStringLiteral("usage: natterd id decode <id>"));
            cl.action = CommandLine::Action::Exit;
            cl.exitCode = 2;
            return cl;
        }
        cl.action = CommandLine::Action::IdDecode;
        cl.idArgument = arguments.at(3);
        return cl;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("natterd, the Natter server.") + QString::fromLatin1(kConfigHelp));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
        QStringLiteral("Address to listen on; port 0 picks a free port."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:7070"));
    const QCommandLineOption data(QStringLiteral("data"),
        QStringLiteral("Data directory (created if missing)."), QStringLiteral("DIR"),
        QStringLiteral("./natterd-data"));
    const QCommandLineOption config(QStringLiteral("config"),
        QStringLiteral("INI config file (keys below)."), QStringLiteral("FILE"));
    const QCommandLineOption node(QStringLiteral("node-id"),
        QStringLiteral("Node id for snowflake ids (0..1023)."), QStringLiteral("N"),
        QStringLiteral("1"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
        QStringLiteral("PEM certificate (leaf first, then its chain): serve wss:// only."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
        QStringLiteral("PEM private key for --tls-cert."), QStringLiteral("FILE"));
    const QCommandLineOption metricsListen(QStringLiteral("metrics"),
        QStringLiteral("Metrics and health listener (overrides [metrics] listen; \"\" = off)."),
        QStringLiteral("IP:PORT"));
    parser.addOptions({ listen, data, config, node, tlsCert, tlsKey, metricsListen });

    auto fail = [&](const QString &message) {
        printErr(message);
        cl.action = CommandLine::Action::Exit;
        cl.exitCode = 2;
        return cl;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        cl.action = CommandLine::Action::Exit;
        return cl;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("natterd %s\n", qPrintable(QCoreApplication::applicationVersion()));
        cl.action = CommandLine::Action::Exit;
        return cl;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(
            QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()));

    const QString hostPort = parser.value(listen);
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? hostPort.mid(colon + 1).toUInt(&ok) : 0;
    if (colon <= 0 || !ok || port > 65535)
        return fail(QStringLiteral("--listen expects HOST:PORT, got %1").arg(hostPort));
    cl.config.listenHost = hostPort.left(colon);
    if (cl.config.listenHost.startsWith(QLatin1Char('['))
        && cl.config.listenHost.endsWith(QLatin1Char(']')))
        cl.config.listenHost = cl.config.listenHost.mid(1, cl.config.listenHost.size() - 2);
    cl.config.listenPort = static_cast<quint16>(port);
    cl.config.dataDir = parser.value(data);
    const uint nodeId = parser.value(node).toUInt(&ok);
    if (!ok || nodeId > Snowflake::kMaxNode)
        return fail(QStringLiteral("--node-id must be 0..%1").arg(Snowflake::kMaxNode));
    cl.config.nodeId = nodeId;
    if (parser.isSet(config)) {
        if (const QString e = loadConfigFile(parser.value(config), &cl.config); !e.isEmpty())
            return fail(e);
    }
    if (parser.isSet(metricsListen)) {
        cl.config.metricsListen = parser.value(metricsListen).trimmed();
        cl.config.metricsListenSet = true;
    }
    if (parser.isSet(tlsCert) || parser.isSet(tlsKey)) {
        if (!parser.isSet(tlsCert) || !parser.isSet(tlsKey))
            return fail(QStringLiteral("--tls-cert and --tls-key go together"));
        cl.config.tlsCertFile = parser.value(tlsCert);
        cl.config.tlsKeyFile = parser.value(tlsKey);
    }
    return cl;
}

int runIdDecode(const QString &id)
{
    bool ok = false;
    const quint64 value = id.toULongLong(&ok);
    if (!ok || value == 0) {
        printErr(QStringLiteral("not an id: %1").arg(id));
        return 2;
    }
    const QByteArray json = QJsonDocument(Snowflake::toJson(value)).toJson(QJsonDocument::Compact);
    std::printf("%s\n", json.constData());
    std::fflush(stdout);
    return 0;
}

} // namespace natter::server
