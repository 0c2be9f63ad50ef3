// coldsync and catchup: the client side of sync, measured with the real
// client core. Bench accounts (UserSetup) send messages to a receiver whose
// device is offline; then a receiver device running natter::SyncEngine on a
// real SQLCipher natter::Store (a temporary profile with a random raw key)
// pulls them, and we time start() -> idle().
//
//   coldsync: a FRESH device logs in and pulls everything (N messages).
//   catchup:  a device that has synced stops, N messages arrive, it starts
//             again; repeated for --rounds rounds.
#pragma once

#include "Scenario.h"
#include "Stats.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>
#include <string>

namespace natter {
class Store;
class SyncEngine;
} // namespace natter

namespace natter::bench {

// Sends `total` 1:1 text messages from the senders to one user, each sender
// keeping up to `window` unacked in flight; RATE_LIMITED sends are retried.
// Calls done(error) once every message is acknowledged (error empty) or on
// the first other failure.
class MessagePump : public QObject
{
    Q_OBJECT
public:
    MessagePump(std::vector<BenchClient *> senders, QString recipient, QObject *parent = nullptr);
    void start(quint64 total, int window, std::function<void(const QString &error)> done);
    quint64 retries() const { return m_retries; }

private:
    struct Sender
    {
        BenchClient *client = nullptr;
        quint64 quota = 0; // messages still to start
        int inFlight = 0;
        quint64 counter = 0;
        std::string idPrefix;
        quint64 conversationId = 0; // from the first ack on, sends name it
    };
    void fill(size_t index);
    void sendOne(size_t index, std::string clientId);
    void fail(const QString &error);

    std::vector<Sender> m_senders;
    std::string m_recipient;
    std::string m_body;
    int m_window = 64;
    quint64 m_outstanding = 0; // not yet acked
    quint64 m_retries = 0;
    bool m_done = true;
    std::function<void(const QString &)> m_onDone;
};

struct SyncOptions
{
    QUrl server;
    quint64 messages = 100000;
    int peers = 10; // sender accounts = conversations of the receiver
    int window = 64;
    int rounds = 1; // catchup only
    double timeoutS = 300; // per sync, start() -> idle()
    qint64 serverPid = 0;
    int textBytes = 100;
};

// Shared plumbing: accounts, the pump, the receiver device's profile.
class SyncScenarioBase : public Scenario
{
    Q_OBJECT
public:
    SyncScenarioBase(const QString &name, const SyncOptions &options, QObject *parent);
    ~SyncScenarioBase() override;
    void start() override;

protected:
    // Called once the receiver and the senders are registered.
    virtual void onAccountsReady() = 0;

    // Sends n messages and calls next() when all are acknowledged.
    void pump(quint64 n, std::function<void()> next);
    // Opens a fresh profile and logs the receiver in on a new device.
    void loginFreshDevice(std::function<void()> next);
    // engine->start(), then next(seconds) on idle(); fails on timeout.
    void syncUntilIdle(std::function<void(double seconds)> next);
    // What one measured sync took and left in the store.
    struct SyncRun
    {
        double seconds = 0;
        double clientCpuS = 0; // this process
        QJsonValue serverCpuS; // natterd's, null without --server-pid
        quint64 stored = 0; // storedMessages() at idle
        bool complete = false;
    };
    // syncUntilIdle() with the CPU time of both sides and the stored count.
    void measuredSync(std::function<void(const SyncRun &)> next);
    // Message events stored in the profile, and whether the store still
    // knows of missing ranges.
    quint64 storedMessages(bool *complete);
    void fail(const QString &error);
    void emitResult(QJsonObject o);

    const QString m_name;
    SyncOptions m_opt;
    UserSetup *m_setup = nullptr;
    BenchClient *m_receiver = nullptr;
    std::vector<BenchClient *> m_senders;
    MessagePump *m_pump = nullptr;
    QElapsedTimer m_clock; // since start()
    QTemporaryDir m_profile;
    std::unique_ptr<Store> m_store;
    SyncEngine *m_engine = nullptr;
    QTimer m_timeout;
    double m_loginS = 0;
    bool m_failed = false;
};

class ColdsyncScenario : public SyncScenarioBase
{
    Q_OBJECT
public:
    ColdsyncScenario(const SyncOptions &options, QObject *parent = nullptr);

protected:
    void onAccountsReady() override;

private:
    double storeBaseline(); // seconds, or -1
    double m_setupS = 0;
    double m_sendS = 0;
};

class CatchupScenario : public SyncScenarioBase
{
    Q_OBJECT
public:
    CatchupScenario(const SyncOptions &options, QObject *parent = nullptr);

protected:
    void onAccountsReady() override;

private:
    void round();

    int m_round = 0;
    quint64 m_expected = 0;
    QJsonArray m_runs;
    std::vector<double> m_seconds;
    double m_initialSyncS = 0;
};

} // namespace natter::bench
