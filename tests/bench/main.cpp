// natter-bench: a load generator for natterd speaking the real protocol.
// See --help and docs/BENCHMARKS.md.
#include "FanoutScenario.h"
#include "IdleScenario.h"
#include "P2pScenario.h"
#include "SyncScenarios.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace natter::bench;

namespace {

const char *kDescription = R"(natter-bench, a load generator for natterd.

Speaks the real wire protocol over WebSocket (one Envelope per binary frame).
Prints ONE line of JSON per result on stdout; progress goes to stderr.
This is a benchmark, not a test: figures depend on the machine.

Scenarios:
  p2p   N sender/recipient pairs (2N users, one connection each). Senders
        send 1:1 text messages (~100 bytes; the first names the partner, the
        rest the conversation it created) keeping up
        to --window unacked in flight, or paced at --rate msgs/s in total.
        Recipients pull on each Notify. Reports delivered msgs/s (pulled by
        the recipient), acks/s, p50/p99/max send->pulled latency in ms,
        errors, and the bench's own CPU time over the measured window.
        Registers 2N users: start natterd with a config that raises the
        per-IP register limit ([limits] ip_rate / ip_burst), e.g. as
        tests/bench/run-p2p.sh does.
        --flooders K adds K flooding devices (2K more users: each flooder
        writes to its own sink, which stays online and never pulls). Every
        flooder sends --flood-rate msgs/s whatever the answers (no window);
        the line gets "flood": sent, accepted (acked), rate_limited, other
        errors and their per-second rates over the measured window, while
        sent/acks/delivered/latency_ms/errors stay those of the N pairs.
        --drain S: after the window, stop sending and wait up to S seconds
        for every message of the pairs to be acked and pulled; "undelivered"
        counts those still missing (sent - delivered over the whole run).

  fanout  One group of --members N users (default 500), each online on its
        own connection: member 0 creates it (199 at once, the rest invited
        200 at a time) and sends ~100-byte texts into it at --rate msgs/s
        (default 20), or keeping --window unacked with --rate 0. Every other
        member pulls on each Notify, one pull in flight per member; they are
        spread over --threads T event loops (default 4; one loop polling
        2,000 sockets is what limits a single-threaded bench). Reports
        deliveries_per_s (member x message pulls), latency_ms = send -> the
        LAST member has pulled it (p50/p99/max over the measured messages),
        delivery_latency_ms = send -> each single pull, "incomplete"
        (measured messages someone still lacked after --drain S, default 5),
        bench_cpu_pct and, with --server-pid, natterd's CPU per delivery.
        natterd needs [groups] max_members >= N and raised register limits.

  coldsync  A receiver account's only device is offline while --peers sender
        accounts send it --messages 1:1 messages in total (one conversation
        per sender, --window unacked each). Then a FRESH device of the
        receiver (natter::SyncEngine on a real SQLCipher natter::Store in a
        temporary profile, random raw key) logs in, and start() -> idle()
        is timed: sync_s, rows_per_s, plus prepare_s (registering and
        sending). store_only_s: the same rows written straight into a
        fresh Store in the engine's batch sizes, no network (what the
        store alone costs). Needs natterd's [limits] device_rate raised for a fast
        set-up (sends hitting RATE_LIMITED are retried and counted).
  catchup   Like coldsync, but the device first syncs (one message per
        conversation), stops, --messages arrive, and start() -> idle() is
        timed with all of them stored; --rounds times, median reported.
  idle  Registers --users accounts, then opens --connections WebSocket
        connections authenticated with ResumeRequest (tokens round-robin),
        bound to source addresses 127.0.0.1..127.0.0.K (--sources), holds
        them for --hold seconds and reports natterd's VmRSS per connection
        (needs --server-pid). With --with-p2p, runs p2p (--pairs, --window,
        --duration, --warmup) before opening them and again while they are
        open, and reports both and their ratio. Raises its own open-files
        soft limit to the hard limit; N must fit under it.

Limitations of this first version: every connection runs in this one
process on one thread (one Qt event loop), so watch bench_cpu_pct: near
100 means the bench, not the server, is the bottleneck. Latency is measured
from the moment a send is written, not from its scheduled time.
Only loopback servers are intended.)";

int fail(const QString &message)
{
    std::fprintf(stderr, "natter-bench: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("natter-bench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("scenario"), QStringLiteral("p2p | fanout | coldsync | catchup | idle"));
    const QCommandLineOption server(QStringLiteral("server"),
        QStringLiteral("natterd address, e.g. ws://127.0.0.1:7070."), QStringLiteral("URL"));
    const QCommandLineOption pairs(QStringLiteral("pairs"),
        QStringLiteral("p2p: sender/recipient pairs (default 50)."), QStringLiteral("N"),
        QStringLiteral("50"));
    const QCommandLineOption window(QStringLiteral("window"),
        QStringLiteral("p2p: max unacked sends per sender (default 8)."), QStringLiteral("W"),
        QStringLiteral("8"));
    const QCommandLineOption duration(QStringLiteral("duration"),
        QStringLiteral("Measured seconds, after the warm-up (default 10, at most 600)."),
        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption warmup(QStringLiteral("warmup"),
        QStringLiteral("Seconds of load before measuring (default 2)."), QStringLiteral("S"),
        QStringLiteral("2"));
    const QCommandLineOption rate(QStringLiteral("rate"),
        QStringLiteral("p2p: total msgs/s over all senders (default: as fast as the window "
                       "allows)."),
        QStringLiteral("R"));
    const QCommandLineOption messages(QStringLiteral("messages"),
        QStringLiteral("coldsync/catchup: messages to sync (default 100000 / 1000)."),
        QStringLiteral("N"));
    const QCommandLineOption peers(QStringLiteral("peers"),
        QStringLiteral("coldsync/catchup: sender accounts = conversations (default 10)."),
        QStringLiteral("P"), QStringLiteral("10"));
    const QCommandLineOption sendWindow(QStringLiteral("send-window"),
        QStringLiteral("coldsync/catchup: unacked sends per sender while preparing (default 64)."),
        QStringLiteral("W"), QStringLiteral("64"));
    const QCommandLineOption rounds(QStringLiteral("rounds"),
        QStringLiteral("catchup: offline/online rounds (default 3)."), QStringLiteral("R"),
        QStringLiteral("3"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QStringLiteral("coldsync/catchup: max seconds per sync (default 300)."),
        QStringLiteral("S"), QStringLiteral("300"));
    const QCommandLineOption serverPid(QStringLiteral("server-pid"),
        QStringLiteral("natterd's pid, for its RSS and CPU time from /proc."),
        QStringLiteral("PID"), QStringLiteral("0"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QStringLiteral("idle: connections to hold (default 1000)."), QStringLiteral("N"),
        QStringLiteral("1000"));
    const QCommandLineOption sources(QStringLiteral("sources"),
        QStringLiteral("idle: source addresses 127.0.0.1..127.0.0.K (default 4)."),
        QStringLiteral("K"), QStringLiteral("4"));
    const QCommandLineOption users(QStringLiteral("users"),
        QStringLiteral("idle: accounts whose tokens the connections use (default 100)."),
        QStringLiteral("U"), QStringLiteral("100"));
    const QCommandLineOption hold(QStringLiteral("hold"),
        QStringLiteral("idle: seconds to hold before reading RSS (default 5)."),
        QStringLiteral("S"), QStringLiteral("5"));
    const QCommandLineOption withP2p(QStringLiteral("with-p2p"),
        QStringLiteral("idle: run p2p before and while the connections are open."));
    const QCommandLineOption flooders(QStringLiteral("flooders"),
        QStringLiteral("p2p: extra devices that flood (default 0)."), QStringLiteral("K"),
        QStringLiteral("0"));
    const QCommandLineOption floodRate(QStringLiteral("flood-rate"),
        QStringLiteral("p2p: msgs/s each flooder sends, whatever the answers (default 5000)."),
        QStringLiteral("R"), QStringLiteral("5000"));
    const QCommandLineOption drain(QStringLiteral("drain"),
        QStringLiteral("p2p: after the measured window, seconds to wait for every message "
                       "of the pairs to be delivered (default 0: don't wait)."),
        QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption members(QStringLiteral("members"),
        QStringLiteral("fanout: members of the group (default 500)."), QStringLiteral("N"),
        QStringLiteral("500"));
    const QCommandLineOption threads(QStringLiteral("threads"),
        QStringLiteral("fanout: threads the members are spread over (default 4)."),
        QStringLiteral("T"), QStringLiteral("4"));
    parser.addOptions({ server, pairs, window, duration, warmup, rate, messages, peers, sendWindow,
        rounds, timeout, serverPid, connections, sources, users, hold, withP2p, flooders, floodRate,
        drain, members, threads });
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(QStringLiteral("give exactly one scenario (see --help)"));
    if (!parser.isSet(server))
        return fail(QStringLiteral("--server is required"));
    const QUrl url(parser.value(server));
    if (!url.isValid()
        || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss")))
        return fail(QStringLiteral("--server must be a ws:// URL"));

    bool ok = false;
    auto number = [&](const QCommandLineOption &o, double min, double max) {
        const double v = parser.value(o).toDouble(&ok);
        if (!ok || v < min || v > max) {
            ok = false;
            fail(QStringLiteral("--%1 must be a number in [%2, %3]")
                     .arg(o.names().first())
                     .arg(min)
                     .arg(max));
        }
        return v;
    };

    auto p2pOptions = [&](P2pOptions &o) {
        o.server = url;
        o.pairs = static_cast<int>(number(pairs, 1, 5000));
        if (ok)
            o.window = static_cast<int>(number(window, 1, 10000));
        if (ok)
            o.durationS = number(duration, 0.1, 600);
        if (ok)
            o.warmupS = number(warmup, 0, 600);
        return ok;
    };
    auto syncOptions = [&](SyncOptions &o, double defaultMessages) {
        o.server = url;
        o.messages = static_cast<quint64>(
            parser.isSet(messages) ? number(messages, 1, 1e7) : defaultMessages);
        if (ok || !parser.isSet(messages)) {
            ok = true;
            o.peers = static_cast<int>(number(peers, 1, 1000));
        }
        if (ok)
            o.window = static_cast<int>(number(sendWindow, 1, 10000));
        if (ok)
            o.rounds = static_cast<int>(number(rounds, 1, 100));
        if (ok)
            o.timeoutS = number(timeout, 0.01, 3600);
        if (ok)
            o.serverPid = static_cast<qint64>(number(serverPid, 0, 1e9));
        return ok;
    };

    Scenario *scenario = nullptr;
    if (positional.first() == QLatin1String("coldsync")) {
        SyncOptions o;
        if (!syncOptions(o, 100000))
            return 2;
        scenario = new ColdsyncScenario(o, &app);
    } else if (positional.first() == QLatin1String("catchup")) {
        SyncOptions o;
        if (!syncOptions(o, 1000))
            return 2;
        scenario = new CatchupScenario(o, &app);
    } else if (positional.first() == QLatin1String("idle")) {
        IdleOptions o;
        o.server = url;
        if (!p2pOptions(o.p2p))
            return 2;
        o.connections = static_cast<int>(number(connections, 1, 1e6));
        if (ok)
            o.sources = static_cast<int>(number(sources, 1, 254));
        if (ok)
            o.users = static_cast<int>(number(users, 1, 100000));
        if (ok)
            o.holdS = number(hold, 0, 3600);
        if (ok)
            o.serverPid = static_cast<qint64>(number(serverPid, 0, 1e9));
        if (!ok)
            return 2;
        o.withP2p = parser.isSet(withP2p);
        scenario = new IdleScenario(o, &app);
    } else if (positional.first() == QLatin1String("fanout")) {
        FanoutOptions o;
        o.server = url;
        o.members = static_cast<int>(number(members, 2, 100000));
        if (ok)
            o.rate = parser.isSet(rate) ? number(rate, 0, 1e6) : 20;
        if (ok)
            o.window = static_cast<int>(number(window, 1, 10000));
        if (ok)
            o.durationS = number(duration, 0.1, 600);
        if (ok)
            o.warmupS = number(warmup, 0, 600);
        if (ok)
            o.drainS = parser.isSet(drain) ? number(drain, 0, 600) : 5;
        if (ok)
            o.serverPid = static_cast<qint64>(number(serverPid, 0, 1e9));
        if (ok)
            o.threads = static_cast<int>(number(threads, 1, 64));
        if (!ok)
            return 2;
        scenario = new FanoutScenario(o, &app);
    } else if (positional.first() == QLatin1String("p2p")) {
        P2pOptions o;
        if (!p2pOptions(o))
            return 2;
        if (parser.isSet(rate)) {
            o.rate = number(rate, 0.001, 1e7);
            if (!ok)
                return 2;
        }
        o.flooders = static_cast<int>(number(flooders, 0, 1000));
        if (ok && o.flooders > 0)
            o.floodRate = number(floodRate, 0.001, 1e6);
        if (ok)
            o.drainS = number(drain, 0, 600);
        if (!ok)
            return 2;
        scenario = new P2pScenario(o, &app);
    } else {
        return fail(QStringLiteral("unknown scenario '%1' (see --help)").arg(positional.first()));
    }

    int exitCode = 0;
    QObject::connect(scenario, &Scenario::finished, &app, [&exitCode](int code) {
        exitCode = code;
        QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
    });
    QTimer::singleShot(0, scenario, &Scenario::start);
    return app.exec() == 0 ? exitCode : 1;
}
