// AccountRequests: the engine's requests about the account itself —
// register and log in (on a connection of their own, before there is a
// session), log out, list and revoke devices, and the server certificate
// the profile trusts. Lives on the engine's thread; writes only the account
// state.
#pragma once

#include "sync/ConnectionSupervisor.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace natter {

struct DeviceInfo
{
    quint64 id = 0;
    QString name;
    qint64 createdMs = 0;
    qint64 lastSeenMs = 0;
    bool current = false;
    bool revoked = false;
};

class AccountRequests : public QObject
{
    Q_OBJECT
public:
    // Called with an empty string on success, else a human error message.
    using Done = std::function<void(const QString &error)>;
    using DevicesDone = std::function<void(const QList<DeviceInfo> &, const QString &error)>;

    AccountRequests(Store &store, ConnectionSupervisor &supervisor, QObject *parent = nullptr);

    // Account set-up on a fresh profile; on success the account is saved.
    void registerAccount(const QUrl &server, const QString &user, const QString &password,
        const QString &deviceName, Done done);
    void login(const QUrl &server, const QString &user, const QString &password,
        const QString &deviceName, Done done);

    // These need the session (fail at once when offline).
    void logout(Done done);
    void fetchDevices(DevicesDone done);
    void revokeDevice(quint64 deviceId, Done done);

    // Trusts the PEM certificate(s) (a self-hosted server's own certificate
    // or its CA) for wss:// from the next connection on; saved in the store.
    // An empty pem trusts only the system CAs again. Returns an error message.
    QString setTrustedCertificates(const QByteArray &pem);

signals:
    // logout() succeeded: the token is forgotten and the supervisor stopped.
    void loggedOut();

private:
    void authenticate(const QUrl &server, proto::Envelope request, const QString &user, Done done);

    Store &m_store;
    ConnectionSupervisor &m_supervisor;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::DeviceInfo)
