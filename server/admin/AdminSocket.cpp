#include "admin/AdminSocket.h"

#include "common/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QPointer>

#include <sys/socket.h>

namespace natter::server {

namespace {

constexpr qsizetype kMaxRequestBytes = qsizetype(64) * 1024;

// The connecting process's uid (SO_PEERCRED), -1 when unknown.
qint64 peerUid(const QLocalSocket &socket)
{
    struct ucred cred = {};
    socklen_t len = sizeof cred;
    if (getsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0)
        return -1;
    return qint64(cred.uid);
}

QByteArray line(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

void answerAndClose(QLocalSocket *socket, const AdminReply &reply)
{
    for (const QJsonObject &row : reply.rows)
        socket->write(line(row));
    if (reply.error.isEmpty())
        socket->write(line({ { QStringLiteral("status"), QStringLiteral("ok") } }));
    else
        socket->write(line({ { QStringLiteral("status"), QStringLiteral("error") },
            { QStringLiteral("error"), reply.error },
            { QStringLiteral("message"), reply.message } }));
    socket->disconnectFromServer(); // after what is written has left
}

} // namespace

QString adminSocketPath(const ServerConfig &config)
{
    if (!config.adminSocket.isEmpty())
        return config.adminSocket;
    const QString runtime
        = qEnvironmentVariable("RUNTIME_DIRECTORY").section(QLatin1Char(':'), 0, 0);
    if (!runtime.isEmpty())
        return QDir(runtime).filePath(QStringLiteral("admin.sock"));
    return QDir(config.dataDir).filePath(QStringLiteral("admin.sock"));
}

AdminSocket::AdminSocket(ServiceContext &services, GatewayContext &gateway,
    AdminCommands::Reload reload, QObject *parent)
    : QObject(parent)
    , m_commands(services, gateway, std::move(reload))
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption | QLocalServer::GroupAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &AdminSocket::onConnection);
}

AdminSocket::~AdminSocket()
{
    close();
}

QString AdminSocket::start(const QString &where)
{
    // QLocalServer takes a name without a slash as one in the temp directory.
    const QString path = QFileInfo(where).absoluteFilePath();
    {
        QLocalSocket probe;
        probe.connectToServer(path);
        if (probe.waitForConnected(500))
            return QStringLiteral("another server answers on the admin socket %1").arg(path);
    }
    QLocalServer::removeServer(path); // a stale file from a server that died
    if (!m_server.listen(path))
        return QStringLiteral("cannot listen on the admin socket %1: %2")
            .arg(path, m_server.errorString());
    m_path = m_server.fullServerName();
    qCInfo(lcAdmin) << "admin socket" << m_path;
    return {};
}

void AdminSocket::close()
{
    if (!m_server.isListening())
        return;
    m_server.close(); // removes the socket file
}

void AdminSocket::onConnection()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        const qint64 uid = peerUid(*socket);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket, uid] {
            if (socket->property("natter_busy").toBool())
                return; // one command per connection; the rest is ignored
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > kMaxRequestBytes) {
                    socket->setProperty("natter_busy", true);
                    qCWarning(lcAdmin) << "admin: uid" << uid << "sent an oversized request";
                    answerAndClose(socket,
                        { {}, QStringLiteral("usage"),
                            QStringLiteral("request over %1 bytes").arg(kMaxRequestBytes) });
                }
                return;
            }
            socket->setProperty("natter_busy", true);
            onCommand(socket, socket->readLine(kMaxRequestBytes + 1), uid);
        });
    }
}

void AdminSocket::onCommand(QLocalSocket *socket, const QByteArray &request, qint64 uid)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(request, &parseError);
    QStringList argv;
    const QJsonArray given = doc.object().value(QStringLiteral("argv")).toArray();
    for (const auto &v : given)
        argv << v.toString();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || argv.isEmpty()) {
        qCWarning(lcAdmin) << "admin: uid" << uid << "sent a malformed request";
        return answerAndClose(socket,
            { {}, QStringLiteral("usage"),
                QStringLiteral("expected one JSON line {\"argv\": [...]}\n")
                    + AdminCommands::usage() });
    }
    qCInfo(lcAdmin).noquote() << "admin: uid" << uid << "ran:" << argv.join(QLatin1Char(' '));
    QPointer<QLocalSocket> guard(socket);
    m_commands.run(argv, doc.object().value(QStringLiteral("password")).toString(),
        [guard](const AdminReply &reply) {
            if (guard) // the asker may have gone meanwhile; the change stands
                answerAndClose(guard, reply);
        });
}

} // namespace natter::server
