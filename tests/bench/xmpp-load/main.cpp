// natter-xmpp-load: the 1:1 workload of natter-bench p2p and the group
// workload of natter-bench fanout against an XMPP server (Prosody,
// ejabberd), for the side-by-side benchmarks (tests/bench/run-peers.sh,
// run-peers-fanout.sh, docs/BENCHMARKS.md).
#include "MucLoad.h"
#include "XmppLoad.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace natter::bench;

namespace {

const char *kDescription = R"(natter-xmpp-load, natter-bench's p2p and fanout workloads over XMPP.

--scenario p2p (the default): N sender/recipient pairs, 2N accounts, one
plain c2s connection each (no TLS; loopback only): stream, optional in-band
registration (XEP-0077; an existing account is fine), SASL PLAIN, bind,
session when offered, initial presence.
Each sender sends <message type='chat'> (~100-byte body, a unique id) to its
partner's bare JID keeping up to --window in flight:
  --window-mode e2e    in flight = sent, not yet received by the partner;
  --window-mode acked  in flight = sent, not yet acknowledged by the server
                       (XEP-0198 stream management: one <r/> after each burst
                       of sends, the server's <a h/> frees the slots; only the
                       senders enable it). This is what natter-bench p2p's
                       window means (Send not yet Acked).
Recipients record send->received latency (one process, one clock). After
--warmup seconds, --duration seconds are measured.

Prints ONE line of JSON on stdout: delivered msgs/s, p50/p99/max latency (ms),
errors, this tool's own CPU over the measured window (load_cpu_pct; near 100
means the tool is the bottleneck) and, with --server-pid, the server's CPU
(utime+stime from /proc/PID/stat) over the same window. Progress on stderr.
Every connection runs on this one thread (one Qt event loop).

--scenario muc: natter-bench fanout over multi-user chat (XEP-0045).
--members N accounts (PREFIX-m0..), one connection each. m0 creates the room
PREFIX-room@--muc-domain (an instant room: the default configuration
accepted), the others join it (<history maxstanzas='0'/>), spread over
--threads event loops. m0 sends <message type='groupchat'> (~100-byte body,
id muc-N) at --rate msgs/s, or with --rate 0 keeping --window messages not
yet reflected back to it by the room. After --warmup, --duration seconds are
measured, then up to --drain seconds wait for the last deliveries. One JSON
line as natter-bench fanout's: latency_ms (send -> the LAST other occupant
has it), delivery_latency_ms (each occupant), deliveries_per_s, incomplete
(measured messages someone lacks), load_cpu_pct and, with --server-pid, the
server's CPU per delivery.)";

int fail(const QString &message)
{
    std::fprintf(stderr, "natter-xmpp-load: %s\n", qPrintable(message));
    return 2;
}

// Runs a load (XmppLoad or MucLoad) to its end; its exit code.
template<typename Load> int run(Load *load)
{
    load->setParent(QCoreApplication::instance());
    int exitCode = 0;
    QObject::connect(load, &Load::finished, QCoreApplication::instance(), [&exitCode](int code) {
        exitCode = code;
        QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
    });
    QTimer::singleShot(0, load, &Load::start);
    return QCoreApplication::exec() == 0 ? exitCode : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("natter-xmpp-load"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    parser.addHelpOption();
    const QCommandLineOption host(QStringLiteral("host"),
        QStringLiteral("Server address (default 127.0.0.1)."), QStringLiteral("ADDR"),
        QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
        QStringLiteral("c2s port (default 5222)."), QStringLiteral("PORT"), QStringLiteral("5222"));
    const QCommandLineOption domain(QStringLiteral("domain"),
        QStringLiteral("XMPP domain of the accounts (default localhost)."),
        QStringLiteral("DOMAIN"), QStringLiteral("localhost"));
    const QCommandLineOption pairs(QStringLiteral("pairs"),
        QStringLiteral("Sender/recipient pairs (default 50)."), QStringLiteral("N"),
        QStringLiteral("50"));
    const QCommandLineOption window(QStringLiteral("window"),
        QStringLiteral("Messages in flight per sender (default 8; muc: 4)."), QStringLiteral("W"),
        QStringLiteral("8"));
    const QCommandLineOption windowMode(QStringLiteral("window-mode"),
        QStringLiteral("e2e or acked (default e2e; see above)."), QStringLiteral("MODE"),
        QStringLiteral("e2e"));
    const QCommandLineOption duration(QStringLiteral("duration"),
        QStringLiteral("Measured seconds, after the warm-up (default 10)."), QStringLiteral("S"),
        QStringLiteral("10"));
    const QCommandLineOption warmup(QStringLiteral("warmup"),
        QStringLiteral("Seconds of load before measuring (default 2)."), QStringLiteral("S"),
        QStringLiteral("2"));
    const QCommandLineOption textBytes(QStringLiteral("text-bytes"),
        QStringLiteral("Message body size (default 100)."), QStringLiteral("B"),
        QStringLiteral("100"));
    const QCommandLineOption noRegister(QStringLiteral("no-register"),
        QStringLiteral("Do not register the accounts in-band (they exist already)."));
    const QCommandLineOption prefix(QStringLiteral("prefix"),
        QStringLiteral("Account names are PREFIX-s0.., PREFIX-r0.. (default: random)."),
        QStringLiteral("PREFIX"));
    const QCommandLineOption password(QStringLiteral("password"),
        QStringLiteral("Password of every account (default bench-password)."), QStringLiteral("PW"),
        QStringLiteral("bench-password"));
    const QCommandLineOption concurrency(QStringLiteral("connect-concurrency"),
        QStringLiteral("Sign-ins at a time during setup (default 16)."), QStringLiteral("N"),
        QStringLiteral("16"));
    const QCommandLineOption serverPid(QStringLiteral("server-pid"),
        QStringLiteral("The server's pid, for its CPU time over the measured window."),
        QStringLiteral("PID"), QStringLiteral("0"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
        QStringLiteral("p2p or muc (default p2p; see above)."), QStringLiteral("NAME"),
        QStringLiteral("p2p"));
    const QCommandLineOption members(QStringLiteral("members"),
        QStringLiteral("muc: occupants of the room, the sender included (default 500)."),
        QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption rate(QStringLiteral("rate"),
        QStringLiteral("muc: messages/s into the room; 0 = keep --window unreflected "
                       "(default 20)."),
        QStringLiteral("R"), QStringLiteral("20"));
    const QCommandLineOption threads(QStringLiteral("threads"),
        QStringLiteral("muc: event loops the occupants are spread over (default 4)."),
        QStringLiteral("T"), QStringLiteral("4"));
    const QCommandLineOption drain(QStringLiteral("drain"),
        QStringLiteral("muc: seconds to wait for the last deliveries (default 5)."),
        QStringLiteral("S"), QStringLiteral("5"));
    const QCommandLineOption mucDomain(QStringLiteral("muc-domain"),
        QStringLiteral("muc: the MUC service (default conference.DOMAIN)."),
        QStringLiteral("DOMAIN"));
    const QCommandLineOption label(QStringLiteral("label"),
        QStringLiteral("Name put in the JSON line as \"system\" (default xmpp)."),
        QStringLiteral("NAME"), QStringLiteral("xmpp"));
    parser.addOptions({ host, port, domain, pairs, window, windowMode, duration, warmup, textBytes,
        noRegister, prefix, password, concurrency, serverPid, scenario, members, rate, threads,
        drain, mucDomain, label });
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("no positional arguments (see --help)"));

    bool ok = true;
    auto number = [&](const QCommandLineOption &o, double min, double max) {
        bool parsed = false;
        const double v = parser.value(o).toDouble(&parsed);
        if (!parsed || v < min || v > max) {
            if (ok)
                fail(QStringLiteral("--%1 must be a number in [%2, %3]")
                         .arg(o.names().first())
                         .arg(min)
                         .arg(max));
            ok = false;
        }
        return v;
    };

    XmppLoadOptions o;
    o.server.host = parser.value(host);
    o.server.port = static_cast<quint16>(number(port, 1, 65535));
    o.server.domain = parser.value(domain);
    o.pairs = static_cast<int>(number(pairs, 1, 5000));
    o.window = static_cast<int>(number(window, 1, 10000));
    o.durationS = number(duration, 0.1, 600);
    o.warmupS = number(warmup, 0, 600);
    o.textBytes = static_cast<int>(number(textBytes, 1, 60000));
    o.connectConcurrency = static_cast<int>(number(concurrency, 1, 10000));
    o.serverPid = static_cast<qint64>(number(serverPid, 0, 1e9));
    if (!ok)
        return 2;
    o.registerUsers = !parser.isSet(noRegister);
    o.prefix = parser.value(prefix);
    o.password = parser.value(password);
    o.label = parser.value(label);
    if (parser.value(scenario) == QLatin1String("muc")) {
        MucLoadOptions m;
        m.server = o.server;
        m.members = static_cast<int>(number(members, 2, 20000));
        m.rate = number(rate, 0, 100000);
        m.threads = static_cast<int>(number(threads, 1, 64));
        m.drainS = number(drain, 0, 600);
        if (!ok)
            return 2;
        m.window = parser.isSet(window) ? o.window : 4;
        m.durationS = o.durationS;
        m.warmupS = o.warmupS;
        m.textBytes = o.textBytes;
        m.connectConcurrency = o.connectConcurrency;
        m.serverPid = o.serverPid;
        m.registerUsers = o.registerUsers;
        m.prefix = o.prefix;
        m.password = o.password;
        m.mucDomain = parser.value(mucDomain);
        m.label = o.label;
        return run(new MucLoad(m));
    }
    if (parser.value(scenario) != QLatin1String("p2p"))
        return fail(QStringLiteral("--scenario must be p2p or muc"));
    const QString mode = parser.value(windowMode);
    if (mode != QLatin1String("e2e") && mode != QLatin1String("acked"))
        return fail(QStringLiteral("--window-mode must be e2e or acked"));
    o.ackedWindow = mode == QLatin1String("acked");

    return run(new XmppLoad(o));
}
