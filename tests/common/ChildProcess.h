// What a C++ test starts (natterd, natter-cli) dies with the test: a test
// that aborts or that ctest kills at its timeout must not leave a server
// running. Linux: the child asks the kernel for SIGKILL when the thread that
// started it ends (PR_SET_PDEATHSIG, set between fork and exec).
#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

namespace natter::test {

inline void dieWithTest(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

// Starts natterd (dying with the test) with `args` and returns the URL its
// ready line announces, "<scheme>://127.0.0.1:PORT"; "" when it did not
// announce that within 10 s. The process stays the caller's.
inline QString startNatterd(
    QProcess &server, const QStringList &args, const QString &scheme = QStringLiteral("ws"))
{
    server.setProgram(QStringLiteral(NATTERD_PATH));
    dieWithTest(server);
    server.setArguments(args);
    server.setProcessChannelMode(QProcess::SeparateChannels);
    server.start();
    if (!server.waitForStarted() || !QTest::qWaitFor([&] { return server.canReadLine(); }, 10000))
        return {};
    QString line = QString::fromUtf8(server.readLine()).trimmed();
    // "metrics on http://..." comes first when the metrics listener runs.
    if (line.startsWith(QLatin1String("metrics on "))) {
        if (!QTest::qWaitFor([&] { return server.canReadLine(); }, 10000))
            return {};
        line = QString::fromUtf8(server.readLine()).trimmed();
    }
    const auto m = QRegularExpression(
        QStringLiteral("^listening on (%1://127\\.0\\.0\\.1:\\d+)").arg(scheme))
                       .match(line);
    if (!m.hasMatch())
        qWarning("natterd did not start: %s", qPrintable(line));
    return m.captured(1);
}

// Runs natter-cli on `profile` (NATTER_PASSPHRASE = passphrase) and returns
// its stdout, or "<failed>" (with its stderr in the log) when it did not
// exit 0 within 30 s.
inline QString runCli(const QString &profile, const QString &passphrase, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NATTER_PASSPHRASE"), passphrase);
    p.setProcessEnvironment(env);
    dieWithTest(p);
    p.start(QStringLiteral(NATTER_CLI_PATH),
        QStringList { QStringLiteral("--profile"), profile } + args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << "natter-cli" << args << "failed:" << p.readAllStandardError();
        return QStringLiteral("<failed>");
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace natter::test
