// natter-bench: a load generator for natterd speaking the real protocol.
// See --help and docs/BENCHMARKS.md.
#include "P2pScenario.h"

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
        send 1:1 text messages (to_user = partner, ~100-byte text) keeping up
        to --window unacked in flight, or paced at --rate msgs/s in total.
        Recipients pull on each Notify. Reports delivered msgs/s (pulled by
        the recipient), acks/s, p50/p99/max send->pulled latency in ms,
        errors, and the bench's own CPU time over the measured window.
        Registers 2N users: start natterd with a config that raises the
        per-IP register limit ([limits] ip_rate / ip_burst), e.g. as
        tests/bench/run-p2p.sh does.

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
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("p2p"));
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
    parser.addOptions({ server, pairs, window, duration, warmup, rate });
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

    Scenario *scenario = nullptr;
    if (positional.first() == QLatin1String("p2p")) {
        P2pOptions o;
        o.server = url;
        o.pairs = static_cast<int>(number(pairs, 1, 5000));
        if (!ok)
            return 2;
        o.window = static_cast<int>(number(window, 1, 10000));
        if (!ok)
            return 2;
        o.durationS = number(duration, 0.1, 600);
        if (!ok)
            return 2;
        o.warmupS = number(warmup, 0, 600);
        if (!ok)
            return 2;
        if (parser.isSet(rate)) {
            o.rate = number(rate, 0.001, 1e7);
            if (!ok)
                return 2;
        }
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
