// The sync engine: keeps one authenticated connection to natterd, catches up
// through the per-user feed and per-conversation pulls, reacts to notifies by
// pulling, fills gaps, replays the outbox in order, and reconnects with
// backoff. It writes only to its own Store and lives on the thread that
// created it (the CLI's main thread; a worker thread in the desktop app).
// UI code learns about changes through its signals and reads its own Store.
#pragma once

#include "store/Store.h"
#include "sync/Connection.h"
#include "sync/Outbox.h"

#include <QObject>
#include <QTimer>

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

class SyncEngine : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Syncing, Online, LoggedOut };
    Q_ENUM(State)

    // Called with an empty string on success, else a human error message.
    using Done = std::function<void(const QString &error)>;

    SyncEngine(Store &store, QObject *parent = nullptr);
    ~SyncEngine() override;

    State state() const { return m_state; }

    // Trusts the PEM certificate(s) (a self-hosted server's own certificate or
    // its CA) for wss:// from the next connection on; saved in the store.
    // An empty pem trusts only the system CAs again. Returns an error message.
    QString setTrustedCertificates(const QByteArray &pem);
    // Why the last connection closed or failed ("" before any).
    QString lastDisconnectReason() const { return m_lastDisconnect; }
    Outbox &outbox() { return m_outbox; }

    // Account set-up on a fresh profile; on success the account is saved.
    void registerAccount(const QUrl &server, const QString &user, const QString &password,
        const QString &deviceName, Done done);
    void login(const QUrl &server, const QString &user, const QString &password,
        const QString &deviceName, Done done);

    // Connects with the saved account and keeps the connection up.
    void start();
    void stop();
    // Something was written to the outbox: send it when possible.
    void outboxChanged();

    // Requests that need the server (fail at once when offline).
    void logout(Done done);
    void fetchDevices(std::function<void(const QList<DeviceInfo> &, const QString &error)> done);
    void revokeDevice(quint64 deviceId, Done done);

    // True when connected, caught up with the server and the outbox has
    // nothing pending.
    bool isIdle() const;

signals:
    void stateChanged(natter::SyncEngine::State state);
    void conversationsChanged();
    void messagesChanged(quint64 conversationId);
    void outboxStateChanged();
    void idle();
    // The server refused our token (logged out or revoked elsewhere).
    void authLost(const QString &reason);
    void sendFailed(const QString &clientId, const QString &error);
    // The server's certificate was refused (untrusted, wrong host, expired);
    // the engine keeps retrying, a user has to act.
    void certificateRefused(const QString &reason);

private:
    void setState(State s);
    void authenticate(const QUrl &server, proto::Envelope request, const QString &user, Done done);
    Connection *newConnection();
    void connectNow();
    void onConnected();
    void onDisconnected(const QString &reason);
    void onPush(const proto::Envelope &push);
    void scheduleReconnect();
    void pullFeed();
    void pullMissing();
    void applyFeed(const proto::FeedPullResponse &response);
    void flushOutbox();
    void checkIdle();
    void scheduleSyncRetry();
    void syncRequestFailed(Connection *conn, const proto::Envelope &reply, const char *what);
    bool handleFatal(const proto::Envelope &reply);

    Store &m_store;
    Outbox m_outbox;
    Connection *m_conn = nullptr; // owned; replaced on every reconnect
    State m_state = State::Offline;
    QTimer m_reconnect;
    int m_backoffMs = 0;
    static constexpr int kMinBackoffMs = 200;
    static constexpr int kMaxBackoffMs = 10000;
    bool m_running = false;
    bool m_authed = false;
    bool m_feedInFlight = false;
    bool m_feedAgain = false;
    bool m_pullInFlight = false;
    bool m_pullAgain = false;
    bool m_sendInFlight = false;
    QTimer m_outboxRetry;
    int m_outboxBackoffMs = 0;
    QTimer m_syncRetry; // pulls again after a failed pull or store write
    int m_syncBackoffMs = 0;
    QString m_lastDisconnect;
};

} // namespace natter
