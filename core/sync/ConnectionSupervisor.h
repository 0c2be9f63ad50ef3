// ConnectionSupervisor: keeps one signed-in connection to natterd while the
// engine runs — connects with the saved account, resumes the device's
// session, reconnects with backoff when the link drops, and stops for good
// when the server refuses the token (the device was logged out or revoked:
// the token is forgotten). Everything that needs the server asks it for the
// session. Lives on the engine's thread; writes only the account's token.
#pragma once

#include "store/Store.h"
#include "sync/Backoff.h"
#include "sync/Connection.h"

#include <QObject>

namespace natter {

class ConnectionSupervisor : public QObject
{
    Q_OBJECT
public:
    ConnectionSupervisor(Store &store, QObject *parent = nullptr);
    ~ConnectionSupervisor() override;

    // A connection that trusts the profile's certificates (also for set-up).
    Connection *newConnection();
    void start();
    void stop();
    // Deletes every connection now (their pending requests fail at once):
    // the owner's last step, while whoever waits on them still exists.
    void shutdown();
    bool isRunning() const { return m_running; }
    // The signed-in connection, or nullptr.
    Connection *session() const { return m_signedIn ? m_conn : nullptr; }
    // Why the last connection closed or failed ("" before any).
    QString lastDisconnectReason() const { return m_lastDisconnect; }
    void noteDisconnect(const QString &reason) { m_lastDisconnect = reason; }

signals:
    void connecting();
    void signedIn(natter::Connection *session);
    void lost(); // the session or attempt ended; a reconnect follows while running
    // The server refused our token; the engine stopped.
    void loggedOut(const QString &reason);
    // The server's certificate was refused; retries go on, a user has to act.
    void certificateRefused(const QString &reason);
    // The server's administrator disabled the account; the token stays and
    // retries go on (they succeed once the account is enabled again).
    void accountDisabled(const QString &reason);
    void pushReceived(const natter::proto::Envelope &push);

private:
    void connectNow();
    void onConnected();
    void onDisconnected(const QString &reason);
    void dropConnection();

    Store &m_store;
    Connection *m_conn = nullptr; // owned; replaced on every reconnect
    Backoff m_reconnect;
    bool m_running = false;
    bool m_signedIn = false;
    QString m_lastDisconnect;
};

} // namespace natter
