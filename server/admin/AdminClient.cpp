#include "admin/AdminClient.h"

#include "admin/AdminCommands.h"
#include "admin/AdminSocket.h"
#include "admin/Config.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>

#include <cstdio>
#include <iostream>
#include <string>

namespace natter::server {

namespace {

constexpr int kConnectTimeoutMs = 5000;
constexpr int kAnswerTimeoutMs = 120000; // a password hash takes well under a second

int usageError(const QString &message)
{
    std::fprintf(
        stderr, "natterd admin: %s\n%s", qPrintable(message), qPrintable(AdminCommands::usage()));
    return 2;
}

struct ClientOptions
{
    QString socket, config, data;
    bool passwordStdin = false;
    bool help = false;
    QStringList argv; // the command, forwarded
};

// The client's own options, anywhere on the line; everything else is the command.
QString parse(const QStringList &arguments, ClientOptions *o)
{
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        auto value = [&](QString *out) {
            if (i + 1 >= arguments.size())
                return false;
            *out = arguments[++i];
            return true;
        };
        if (a == QLatin1String("--help") || a == QLatin1String("-h"))
            o->help = true;
        else if (a == QLatin1String("--password-stdin"))
            o->passwordStdin = true;
        else if (a == QLatin1String("--socket") && !value(&o->socket))
            return QStringLiteral("--socket needs a PATH");
        else if (a == QLatin1String("--config") && !value(&o->config))
            return QStringLiteral("--config needs a FILE");
        else if (a == QLatin1String("--data") && !value(&o->data))
            return QStringLiteral("--data needs a DIR");
        else if (a != QLatin1String("--socket") && a != QLatin1String("--config")
            && a != QLatin1String("--data"))
            o->argv << a;
    }
    // The server runs elsewhere: a backup's path is the caller's, made absolute.
    if (o->argv.size() == 3 && o->argv[0] == QLatin1String("backup")
        && o->argv[1] == QLatin1String("--to"))
        o->argv[2] = QFileInfo(o->argv[2]).absoluteFilePath();
    return {};
}

QString socketPath(const ClientOptions &o, QString *error)
{
    if (!o.socket.isEmpty())
        return o.socket;
    ServerConfig config;
    if (!o.config.isEmpty()) {
        if (QString e = loadConfigFile(o.config, &config); !e.isEmpty()) {
            *error = e;
            return {};
        }
        if (!config.adminSocket.isEmpty())
            return config.adminSocket;
    }
    if (!o.data.isEmpty())
        return QDir(o.data).filePath(QStringLiteral("admin.sock"));
    QString packaged = QStringLiteral("/run/natterd/admin.sock");
    if (QFileInfo::exists(packaged))
        return packaged;
    return adminSocketPath(config); // the default data directory
}

} // namespace

int runAdmin(const QStringList &arguments)
{
    ClientOptions o;
    if (QString e = parse(arguments, &o); !e.isEmpty())
        return usageError(e);
    if (o.help) {
        std::fputs(qPrintable(AdminCommands::usage()), stdout);
        return 0;
    }
    if (o.argv.isEmpty())
        return usageError(QStringLiteral("no command"));
    QString error;
    const QString path = socketPath(o, &error);
    if (path.isEmpty())
        return usageError(error);

    QJsonObject request { { QStringLiteral("argv"), QJsonArray::fromStringList(o.argv) } };
    if (o.passwordStdin) {
        std::string password;
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r')
            password.pop_back();
        request.insert(QStringLiteral("password"), QString::fromStdString(password));
    }

    QLocalSocket socket;
    socket.connectToServer(QFileInfo(path).absoluteFilePath());
    if (!socket.waitForConnected(kConnectTimeoutMs)) {
        const QString why
            = QFileInfo::exists(path) ? socket.errorString() : QStringLiteral("no such file");
        std::fprintf(stderr,
            "natterd admin: cannot reach the server's admin socket %s: %s\n"
            "(is natterd running? --socket PATH, --config FILE or --data DIR name it)\n",
            qPrintable(path), qPrintable(why));
        return 2;
    }
    socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');

    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < kAnswerTimeoutMs) {
        while (socket.canReadLine()) {
            const QByteArray line = socket.readLine().trimmed();
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString status = o.value(QStringLiteral("status")).toString();
            if (status == QLatin1String("ok"))
                return 0;
            if (status == QLatin1String("error")) {
                std::fprintf(stderr, "natterd admin: %s: %s\n",
                    qPrintable(o.value(QStringLiteral("error")).toString()),
                    qPrintable(o.value(QStringLiteral("message")).toString()));
                return 1;
            }
            std::printf("%s\n", line.constData());
            std::fflush(stdout);
        }
        if (socket.state() != QLocalSocket::ConnectedState && !socket.canReadLine())
            break;
        socket.waitForReadyRead(1000);
    }
    std::fprintf(stderr, "natterd admin: the server closed the connection without an answer\n");
    return 1;
}

} // namespace natter::server
