#include "admin/AdminCommands.h"

#include "accounts/Accounts.h"
#include "accounts/Credentials.h"
#include "common/Logging.h"
#include "gateway/GatewayContext.h"
#include "protocol/Frame.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QPointer>

namespace natter::server {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

AdminReply failure(const QString &code, const QString &message)
{
    return { {}, code, message };
}

AdminReply noSuchUser(const QString &name)
{
    return failure(QStringLiteral("not_found"), QStringLiteral("no user %1").arg(name));
}

QString checkPassword(const QString &password)
{
    if (password.size() < limits::kMinPasswordChars || password.size() > limits::kMaxPasswordChars)
        return QStringLiteral("the password must be %1..%2 characters (give it on stdin with "
                              "--password-stdin)")
            .arg(limits::kMinPasswordChars)
            .arg(limits::kMaxPasswordChars);
    return {};
}

QJsonObject userJson(const UserRow &u)
{
    return { { QStringLiteral("id"), QString::number(u.id) }, { QStringLiteral("user"), u.name },
        { QStringLiteral("display_name"), u.displayName },
        { QStringLiteral("created_ms"), u.createdMs }, { QStringLiteral("disabled"), u.disabled } };
}

constexpr int kSampleEveryMs = 1000;
constexpr size_t kSamples = 11; // ten seconds of rate

} // namespace

AdminCommands::AdminCommands(
    ServiceContext &services, GatewayContext &gateway, Reload reload, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_gateway(gateway)
    , m_reload(std::move(reload))
    , m_startedMs(nowMs())
{
    m_sampler.setInterval(kSampleEveryMs);
    connect(&m_sampler, &QTimer::timeout, this, &AdminCommands::sample);
    m_sampler.start();
    sample();
}

QString AdminCommands::usage()
{
    return QStringLiteral(
        "natterd admin [--socket PATH | --config FILE | --data DIR] COMMAND\n"
        "  stats                               users, devices, sessions online,\n"
        "                                      conversations, events/s, database size\n"
        "  user list [--search TEXT] [--limit N]\n"
        "  user create NAME --password-stdin   an account (no device yet)\n"
        "  user disable NAME                   cuts off its sessions at once; no sign-in\n"
        "  user enable NAME\n"
        "  user reset-password NAME --password-stdin\n"
        "  device list NAME                    with online (a session open now)\n"
        "  device revoke DEVICE_ID             cut off at once, its token refused\n"
        "  reload                              the config file's [gateway] lists (as SIGHUP)\n"
        "  backup --to FILE                    a consistent copy while serving (FILE must\n"
        "                                      not exist; restore: natterd restore)\n"
        "JSON lines on stdout; a refusal exits 1 with the reason on stderr.\n");
}

void AdminCommands::sample()
{
    m_samples.emplace_back(nowMs(), m_services.writer ? m_services.writer->eventsCommitted() : 0);
    while (m_samples.size() > kSamples)
        m_samples.pop_front();
}

void AdminCommands::run(const QStringList &argv, const QString &password, const Done &done)
{
    const QString what = argv.mid(0, 2).join(QLatin1Char(' '));
    auto args = [&](int n) { return argv.size() == n; };
    if (args(1) && argv[0] == QLatin1String("stats"))
        return stats(done);
    if (argv.size() >= 2 && what == QLatin1String("user list"))
        return userList(argv.mid(2), done);
    if (args(3) && what == QLatin1String("user create"))
        return userCreate(argv[2], password, done);
    if (args(3) && (what == QLatin1String("user disable") || what == QLatin1String("user enable")))
        return userSetDisabled(argv[2], what == QLatin1String("user disable"), done);
    if (args(3) && what == QLatin1String("user reset-password"))
        return userResetPassword(argv[2], password, done);
    if (args(3) && what == QLatin1String("device list"))
        return deviceList(argv[2], done);
    if (args(3) && what == QLatin1String("device revoke"))
        return deviceRevoke(argv[2], done);
    if (argv[0] == QLatin1String("backup"))
        return backup(argv.mid(1), done);
    if (args(1) && argv[0] == QLatin1String("reload")) {
        QString error;
        const QString what = m_reload(&error);
        if (!error.isEmpty())
            return done(failure(QStringLiteral("invalid"), error));
        return done({ { QJsonObject { { QStringLiteral("reloaded"), what } } }, {}, {} });
    }
    done(failure(QStringLiteral("usage"),
        QStringLiteral("unknown command or wrong arguments: %1\n%2")
            .arg(argv.join(QLatin1Char(' ')), usage())));
}

void AdminCommands::write(Op op, const Done &done)
{
    QPointer<AdminCommands> self(this);
    auto answer = [self, done](const AdminReply &reply) {
        // Back on the main thread; dropped if the commands are gone meanwhile.
        QMetaObject::invokeMethod(self, [self, done, reply] {
            if (self)
                done(reply);
        });
    };
    NotifyRoutes *notify = m_services.notify;
    m_services.writer->submit(DbOp { [op = std::move(op), answer, notify](Storage &s) {
                                        auto fanout = std::make_shared<Fanout>();
                                        const AdminReply reply = op(s, *fanout);
                                        DbOutcome out;
                                        out.rollback = !reply.error.isEmpty();
                                        out.deliver = [answer, reply, fanout, notify] {
                                            if (reply.error.isEmpty() && !fanout->isEmpty())
                                                notify->route(*fanout);
                                            answer(reply);
                                        };
                                        return out;
                                    },
        [answer](
            const StorageError &e) { answer(failure(QStringLiteral("storage"), e.message())); } });
}

void AdminCommands::withPasswordHash(
    const QString &password, std::function<void(const QByteArray &)> next, const Done &done)
{
    if (const QString e = checkPassword(password); !e.isEmpty())
        return done(failure(QStringLiteral("invalid"), e));
    const PwhashParams params { m_services.config.pwhashOps, m_services.config.pwhashMemBytes };
    QPointer<AdminCommands> self(this);
    m_services.hashPool.start([self, password, params, next = std::move(next), done] {
        const QByteArray hash = Credentials::hashPassword(password, params);
        QMetaObject::invokeMethod(self, [self, hash, next, done] {
            if (!self)
                return;
            if (hash.isEmpty())
                return done(failure(QStringLiteral("internal"), QStringLiteral("hashing failed")));
            next(hash);
        });
    });
}

void AdminCommands::stats(const Done &done)
{
    const GatewayContext &gateway = m_gateway;
    const qint64 dbBytes = m_services.storage->sizeOnDisk();
    const qint64 startedMs = m_startedMs;
    double eventsPerS = 0;
    if (m_samples.size() >= 2 && m_samples.back().first > m_samples.front().first)
        eventsPerS = double(m_samples.back().second - m_samples.front().second) * 1000.0
            / double(m_samples.back().first - m_samples.front().first);
    write(
        [&gateway, dbBytes, startedMs, eventsPerS](Storage &s, Fanout &) {
            const ServerCounts c = s.stats().counts();
            QJsonObject o { { QStringLiteral("users"), c.users },
                { QStringLiteral("users_disabled"), c.disabledUsers },
                { QStringLiteral("devices"), c.devices },
                { QStringLiteral("sessions_online"), qint64(gateway.registry.size()) },
                { QStringLiteral("users_online"), qint64(gateway.registry.usersOnline()) },
                { QStringLiteral("direct_conversations"), c.directs },
                { QStringLiteral("groups"), c.groups }, { QStringLiteral("events"), c.events },
                { QStringLiteral("events_per_s"), qRound(eventsPerS * 10) / 10.0 },
                { QStringLiteral("db_bytes"), dbBytes },
                { QStringLiteral("uptime_s"), (nowMs() - startedMs) / 1000 },
                { QStringLiteral("version"), QStringLiteral(NATTER_VERSION) } };
            return AdminReply { { o }, {}, {} };
        },
        done);
}

void AdminCommands::userList(const QStringList &args, const Done &done)
{
    QString search;
    int limit = 1000;
    for (int i = 0; i < args.size(); i += 2) {
        bool ok = true;
        if (i + 1 < args.size() && args[i] == QLatin1String("--search"))
            search = args[i + 1];
        else if (i + 1 < args.size() && args[i] == QLatin1String("--limit"))
            limit = args[i + 1].toInt(&ok);
        else
            ok = false;
        if (!ok || limit < 1 || limit > 100000)
            return done(failure(QStringLiteral("usage"),
                QStringLiteral("user list [--search TEXT] [--limit 1..100000]")));
    }
    write(
        [search, limit](Storage &s, Fanout &) {
            AdminReply r;
            for (const UserRow &u : s.users().list(search, limit))
                r.rows.append(userJson(u));
            return r;
        },
        done);
}

void AdminCommands::userCreate(const QString &name, const QString &password, const Done &done)
{
    if (!isValidUserName(name))
        return done(failure(QStringLiteral("invalid"),
            QStringLiteral("user name: 1..32 of a-z 0-9 _ . -, starting with a letter or digit")));
    ServiceContext &ctx = m_services;
    withPasswordHash(
        password,
        [this, &ctx, name, done](const QByteArray &pwhash) {
            write(
                [&ctx, name, pwhash](Storage &s, Fanout &) {
                    if (s.users().byName(name))
                        return failure(
                            QStringLiteral("exists"), QStringLiteral("user %1 exists").arg(name));
                    const UserRow user { ctx.ids.next(), name, pwhash, nowMs(), 0 };
                    s.users().insert(user);
                    qCInfo(lcAdmin) << "admin: created user" << name << user.id;
                    return AdminReply { { userJson(user) }, {}, {} };
                },
                done);
        },
        done);
}

void AdminCommands::userSetDisabled(const QString &name, bool disabled, const Done &done)
{
    write(
        [name, disabled](Storage &s, Fanout &fanout) {
            std::optional<UserRow> user = s.users().byName(name);
            if (!user)
                return noSuchUser(name);
            s.users().setDisabled(user->id, disabled);
            user->disabled = disabled;
            (disabled ? fanout.closeUsers : fanout.reopenUsers).append(user->id);
            qCInfo(lcAdmin) << "admin:" << (disabled ? "disabled" : "enabled") << "user" << name;
            return AdminReply { { userJson(*user) }, {}, {} };
        },
        done);
}

void AdminCommands::userResetPassword(
    const QString &name, const QString &password, const Done &done)
{
    withPasswordHash(
        password,
        [this, name, done](const QByteArray &pwhash) {
            write(
                [name, pwhash](Storage &s, Fanout &) {
                    const std::optional<UserRow> user = s.users().byName(name);
                    if (!user)
                        return noSuchUser(name);
                    s.users().setPasswordHash(user->id, pwhash);
                    qCInfo(lcAdmin) << "admin: reset the password of" << name;
                    QJsonObject o = userJson(*user);
                    o.insert(QStringLiteral("password_reset"), true);
                    return AdminReply { { o }, {}, {} };
                },
                done);
        },
        done);
}

void AdminCommands::deviceList(const QString &name, const Done &done)
{
    const GatewayContext &gateway = m_gateway;
    write(
        [&gateway, name](Storage &s, Fanout &) {
            const std::optional<UserRow> user = s.users().byName(name);
            if (!user)
                return noSuchUser(name);
            QSet<quint64> online;
            for (const SessionRef &r : gateway.registry.sessionsOfUser(user->id))
                online.insert(r.deviceId);
            AdminReply r;
            for (const DeviceRow &d : s.devices().ofUser(user->id))
                r.rows.append(QJsonObject { { QStringLiteral("id"), QString::number(d.id) },
                    { QStringLiteral("user"), user->name }, { QStringLiteral("name"), d.name },
                    { QStringLiteral("created_ms"), d.createdMs },
                    { QStringLiteral("last_seen_ms"), d.lastSeenMs },
                    { QStringLiteral("revoked"), d.revoked },
                    { QStringLiteral("online"), online.contains(d.id) } });
            return r;
        },
        done);
}

void AdminCommands::deviceRevoke(const QString &id, const Done &done)
{
    bool ok = false;
    const quint64 deviceId = id.toULongLong(&ok);
    if (!ok || deviceId == 0)
        return done(
            failure(QStringLiteral("invalid"), QStringLiteral("not a device id: %1").arg(id)));
    write(
        [deviceId](Storage &s, Fanout &fanout) {
            const std::optional<DeviceRow> device = s.devices().byId(deviceId);
            if (!device)
                return failure(
                    QStringLiteral("not_found"), QStringLiteral("no device %1").arg(deviceId));
            if (const ServiceError e = Accounts::revoke(s, device->userId, deviceId, &fanout))
                return failure(QStringLiteral("not_found"), e.message);
            qCInfo(lcAdmin) << "admin: revoked device" << deviceId;
            return AdminReply { { QJsonObject { { QStringLiteral("id"), QString::number(deviceId) },
                                    { QStringLiteral("revoked"), true } } },
                {}, {} };
        },
        done);
}

void AdminCommands::backup(const QStringList &args, const Done &done)
{
    if (args.size() != 2 || args[0] != QLatin1String("--to"))
        return done(failure(QStringLiteral("usage"), QStringLiteral("backup --to FILE")));
    const QString &file = args[1];
    if (!QDir::isAbsolutePath(file))
        return done(failure(QStringLiteral("invalid"),
            QStringLiteral("the backup's path must be absolute (natterd admin makes it so)")));
    const StorageBackend *storage = m_services.storage;
    QPointer<AdminCommands> self(this);
    m_slow.start([self, storage, file, done] {
        AdminReply r;
        try {
            const BackupInfo info = storage->backupTo(file);
            r.rows.append(QJsonObject { { QStringLiteral("backup"), file },
                { QStringLiteral("bytes"), info.bytes }, { QStringLiteral("schema"), info.schema },
                { QStringLiteral("ms"), info.ms } });
            qCInfo(lcAdmin) << "admin: backup" << file << info.bytes << "bytes in" << info.ms
                            << "ms";
        } catch (const StorageError &e) {
            qCWarning(lcAdmin) << "admin: backup" << file << "failed:" << e.message();
            r = failure(e.kind() == StorageError::Kind::Duplicate ? QStringLiteral("exists")
                                                                  : QStringLiteral("storage"),
                e.message());
        }
        QMetaObject::invokeMethod(self, [self, done, r] {
            if (self)
                done(r);
        });
    });
}

} // namespace natter::server
