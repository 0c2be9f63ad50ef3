// natterd entry point: parse the command line, run a sub-command (id
// decode, admin) or serve until SIGTERM/SIGINT. Everything else lives in natterd_lib.
#include "Server.h"
#include "admin/AdminClient.h"
#include "admin/CommandLine.h"
#include "admin/RestoreCommand.h"
#include "admin/SignalWatcher.h"
#include "common/Logging.h"

#include <QCoreApplication>

#include <google/protobuf/stubs/logging.h>

#include <cstdio>

using namespace natter::server;

namespace {

// libprotobuf complains on stderr about every malformed client frame (e.g.
// invalid UTF-8 in a string field); clients must not be able to flood the log.
void protobufLog(
    google::protobuf::LogLevel level, const char *file, int line, const std::string &message)
{
    if (level >= google::protobuf::LOGLEVEL_FATAL)
        qCCritical(lcGateway, "protobuf %s:%d: %s", file, line, message.c_str());
    else
        qCDebug(lcGateway, "protobuf: %s", message.c_str());
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt 6.4's glib dispatcher polls every socket on every wake-up; ppoll is cheaper.
    qputenv("QT_NO_GLIB", "1");
    SignalWatcher::blockSignals(); // before any thread exists
    google::protobuf::SetLogHandler(&protobufLog);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("natterd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NATTER_VERSION));

    const CommandLine cl = parseCommandLine(app.arguments());
    switch (cl.action) {
    case CommandLine::Action::Exit: return cl.exitCode;
    case CommandLine::Action::IdDecode: return runIdDecode(cl.idArgument);
    case CommandLine::Action::Admin: return runAdmin(cl.adminArguments);
    case CommandLine::Action::Restore: return runRestore(cl.adminArguments);
    case CommandLine::Action::Serve: break;
    }

    Server server(cl.config);
    if (const QString e = server.start(); !e.isEmpty()) {
        std::fprintf(stderr, "natterd: %s\n", qPrintable(e));
        return 1;
    }
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, [&](int) {
        server.shutdown();
        QCoreApplication::exit(0);
    });
    QObject::connect(&signalWatcher, &SignalWatcher::reloadRequested, &app, [&] {
        QString error;
        server.reload(&error); // logs what it reloaded, or why not
    });
    if (const QString metrics = server.metricsUrl(); !metrics.isEmpty())
        std::printf("metrics on %s\n", qPrintable(metrics));
    std::printf("listening on %s://%s:%u\n", cl.config.tls() ? "wss" : "ws",
        qPrintable(server.host()), unsigned(server.port()));
    std::fflush(stdout);
    return app.exec();
}
