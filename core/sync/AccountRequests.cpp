#include "sync/AccountRequests.h"

#include "Logging.h"
#include "sync/Replies.h"

namespace natter {

AccountRequests::AccountRequests(Store &store, ConnectionSupervisor &supervisor, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_supervisor(supervisor)
{
}

void AccountRequests::authenticate(
    const QUrl &server, proto::Envelope request, const QString &user, Done done)
{
    Connection *conn = m_supervisor.newConnection();
    auto finished = std::make_shared<bool>(false);
    auto finish = [conn, finished, done = std::move(done)](const QString &error) {
        if (*finished)
            return;
        *finished = true;
        conn->deleteLater();
        done(error);
    };
    connect(conn, &Connection::disconnected, this, [this, conn, finish](const QString &reason) {
        m_supervisor.noteDisconnect(reason);
        if (conn->certificateRefused())
            finish(reason);
        else
            finish(QStringLiteral("cannot reach the server (%1)").arg(reason));
    });
    const QString deviceName
        = QString::fromStdString(request.has_login() ? request.login().device_name()
                                                     : request.register_request().device_name());
    connect(conn, &Connection::connected, this,
        [this, conn, request = std::move(request), server, user, deviceName, finish] {
            conn->request(
                request, [this, server, user, deviceName, finish](const proto::Envelope &reply) {
                    if (reply.body_case() != proto::Envelope::kAuth) {
                        finish(replyError(reply));
                        return;
                    }
                    Account a;
                    a.serverUrl = server.toString();
                    a.user = reply.auth().user().empty()
                        ? user
                        : QString::fromStdString(reply.auth().user());
                    a.userId = reply.auth().user_id();
                    a.deviceId = reply.auth().device_id();
                    a.token = QString::fromStdString(reply.auth().token());
                    a.deviceName = deviceName;
                    try {
                        m_store.saveAccount(a);
                    } catch (const StoreError &e) {
                        finish(e.message());
                        return;
                    }
                    finish(QString());
                });
        });
    conn->open(server);
}

void AccountRequests::registerAccount(const QUrl &server, const QString &user,
    const QString &password, const QString &deviceName, Done done)
{
    proto::Envelope env;
    auto *r = env.mutable_register_request();
    r->set_user(user.toStdString());
    r->set_password(password.toStdString());
    r->set_device_name(deviceName.toStdString());
    authenticate(server, env, user, std::move(done));
}

void AccountRequests::login(const QUrl &server, const QString &user, const QString &password,
    const QString &deviceName, Done done)
{
    proto::Envelope env;
    auto *r = env.mutable_login();
    r->set_user(user.toStdString());
    r->set_password(password.toStdString());
    r->set_device_name(deviceName.toStdString());
    authenticate(server, env, user, std::move(done));
}

QString AccountRequests::setTrustedCertificates(const QByteArray &pem)
{
    if (!pem.trimmed().isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromData(pem, QSsl::Pem);
        if (certs.isEmpty() || certs.first().isNull())
            return QStringLiteral("no PEM certificate found");
    }
    try {
        m_store.accountState().setTrustedCertificates(QString::fromLatin1(pem.trimmed()));
    } catch (const StoreError &e) {
        return e.message();
    }
    return {};
}

void AccountRequests::logout(Done done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done(notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_logout();
    session->request(env, [this, done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_ok()) {
            done(replyError(reply));
            return;
        }
        try {
            m_store.accountState().clearToken();
        } catch (const StoreError &e) {
            qCCritical(lcSync) << "cannot forget the token:" << e.message();
        }
        m_supervisor.stop();
        emit loggedOut();
        done(QString());
    });
}

void AccountRequests::fetchDevices(DevicesDone done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done({}, notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_devices_request();
    session->request(env, [done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_devices()) {
            done({}, replyError(reply));
            return;
        }
        QList<DeviceInfo> out;
        for (const auto &d : reply.devices().devices())
            out.append({ d.id(), QString::fromStdString(d.name()), d.created_ms(), d.last_seen_ms(),
                d.current(), d.revoked() });
        done(out, QString());
    });
}

void AccountRequests::revokeDevice(quint64 deviceId, Done done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done(notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_revoke_device()->set_device_id(deviceId);
    session->request(env, [done = std::move(done)](const proto::Envelope &reply) {
        done(reply.has_ok() ? QString() : replyError(reply));
    });
}

} // namespace natter
