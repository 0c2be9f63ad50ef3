#include "admin/RestoreCommand.h"

#include "admin/AdminSocket.h"
#include "admin/Config.h"
#include "storage/StorageBackend.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>

#include <cstdio>

namespace natter::server {

namespace {

int refuse(const QString &message, int code = 1)
{
    std::fprintf(stderr, "natterd restore: %s\n", qPrintable(message));
    return code;
}

} // namespace

int runRestore(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "natterd restore: put a backup (natterd admin backup) into an empty data directory,\n"
        "with the server stopped."));
    parser.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"),
        QStringLiteral("The data directory to restore into (no database in it yet)."),
        QStringLiteral("DIR"));
    const QCommandLineOption from(
        QStringLiteral("from"), QStringLiteral("The backup file."), QStringLiteral("FILE"));
    const QCommandLineOption config(QStringLiteral("config"),
        QStringLiteral("natterd's config file (its [admin] socket and [storage])."),
        QStringLiteral("FILE"));
    parser.addOptions({ data, from, config });
    if (!parser.parse(QStringList { QStringLiteral("natterd restore") } + arguments))
        return refuse(parser.errorText(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.isSet(data) || !parser.isSet(from) || !parser.positionalArguments().isEmpty())
        return refuse(QStringLiteral("usage: natterd restore --data DIR --from FILE"), 2);

    ServerConfig cfg;
    if (parser.isSet(config)) {
        if (QString e = loadConfigFile(parser.value(config), &cfg); !e.isEmpty())
            return refuse(e, 2);
    }
    cfg.dataDir = parser.value(data);
    {
        // A live server on that directory: never restore under it.
        QLocalSocket probe;
        probe.connectToServer(QFileInfo(adminSocketPath(cfg)).absoluteFilePath());
        if (probe.waitForConnected(1000))
            return refuse(
                QStringLiteral("a natterd is running on %1; stop it first").arg(cfg.dataDir));
    }
    StorageOptions options;
    options.backend = cfg.storageBackend;
    options.dataDir = cfg.dataDir;
    try {
        const BackupInfo info = StorageBackend::restore(options, parser.value(from));
        const QJsonObject o { { QStringLiteral("restored"), parser.value(from) },
            { QStringLiteral("data"), cfg.dataDir }, { QStringLiteral("schema"), info.schema },
            { QStringLiteral("users"), info.users }, { QStringLiteral("events"), info.events },
            { QStringLiteral("bytes"), info.bytes } };
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        return 0;
    } catch (const StorageError &e) {
        return refuse(e.kind() == StorageError::Kind::Duplicate
                ? QStringLiteral("%1 (restore only into an empty data directory)").arg(e.message())
                : e.message());
    }
}

} // namespace natter::server
