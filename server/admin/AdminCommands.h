// AdminCommands: what `natterd admin ...` can do to the running server —
// stats, users (list, create, disable, enable, reset a password), devices
// (list, revoke) and an online backup. Each command is an argument vector (as typed
// after "natterd admin") plus, for the commands that set one, a password;
// its answer is JSON rows, or a typed error. Changes go through the writer
// like any request (durable before the answer); a disabled user's and a
// revoked device's sessions are cut off by the notify routes after the
// commit.
//
// Threads: created, run() and every reply on the main thread; the work runs
// on the writer and the hash pool and comes back through queued calls.
// Destroy it only after the writer stopped (Server::shutdown does).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <deque>
#include <functional>

namespace natter::server {

struct GatewayContext;
struct ServiceContext;
class Storage;
struct Fanout;

struct AdminReply
{
    QList<QJsonObject> rows;
    QString error; // "" = success; else a code: usage, not_found, exists, invalid, storage
    QString message;
};

class AdminCommands : public QObject
{
    Q_OBJECT
public:
    // What `reload` runs (Server::reload): what was reloaded, or an error.
    using Reload = std::function<QString(QString *error)>;
    AdminCommands(ServiceContext &services, GatewayContext &gateway, Reload reload,
        QObject *parent = nullptr);

    using Done = std::function<void(const AdminReply &reply)>;
    void run(const QStringList &argv, const QString &password, const Done &done);

    // The commands and their arguments, for `natterd admin --help` and
    // usage errors.
    static QString usage();

private:
    using Op = std::function<AdminReply(Storage &storage, Fanout &fanout)>;

    void write(Op op, const Done &done); // on the writer, routed and answered after commit
    void withPasswordHash(
        const QString &password, std::function<void(const QByteArray &)> next, const Done &done);

    void stats(const Done &done);
    void userList(const QStringList &args, const Done &done);
    void userCreate(const QString &name, const QString &password, const Done &done);
    void userSetDisabled(const QString &name, bool disabled, const Done &done);
    void userResetPassword(const QString &name, const QString &password, const Done &done);
    void deviceList(const QString &name, const Done &done);
    void deviceRevoke(const QString &id, const Done &done);
    void backup(const QStringList &args, const Done &done);
    void sample();

    ServiceContext &m_services;
    GatewayContext &m_gateway;
    Reload m_reload;
    QTimer m_sampler; // events committed, once a second, for events_per_s
    std::deque<std::pair<qint64, quint64>> m_samples; // (ms, events), the last 11
    qint64 m_startedMs = 0;
    QThreadPool m_slow; // backups: off the main thread; its destructor waits for them
};

} // namespace natter::server
