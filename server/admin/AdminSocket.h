// AdminSocket: the running server's end of `natterd admin` — a Unix socket
// (QLocalServer) on the main thread. Each connection carries one command:
// a JSON line {"argv": [...], "password": "..."} (at most 64 KiB), answered
// by JSON lines, the command's rows, then a status line {"status": "ok"} or
// {"status": "error", "error": CODE, "message": TEXT}, and closed. Who asked
// (the peer's uid, from SO_PEERCRED) and what is logged.
//
// Where: [admin] socket, else $RUNTIME_DIRECTORY/admin.sock (systemd's
// RuntimeDirectory), else admin.sock in the data directory. The socket is
// 0770 (its owner and group may connect); the directory around it says who
// can reach it (the package's runtime directory is 0750, group natterd).
#pragma once

#include "admin/AdminCommands.h"
#include "common/ServerConfig.h"

#include <QLocalServer>

#include <memory>

namespace natter::server {

// Where the server puts its admin socket for this configuration.
QString adminSocketPath(const ServerConfig &config);

class AdminSocket : public QObject
{
    Q_OBJECT
public:
    AdminSocket(ServiceContext &services, GatewayContext &gateway, AdminCommands::Reload reload,
        QObject *parent = nullptr);
    ~AdminSocket() override;

    // Listens at path (replacing a stale socket file); an error message, or
    // empty. Refuses when another server answers there.
    QString start(const QString &path);
    void close(); // no new connections; the file is removed
    QString path() const { return m_path; }

private:
    void onConnection();
    void onCommand(class QLocalSocket *socket, const QByteArray &line, qint64 peerUid);

    AdminCommands m_commands;
    QLocalServer m_server;
    QString m_path;
};

} // namespace natter::server
