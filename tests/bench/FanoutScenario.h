// fanout: one group of N members, every member online on its own
// connection. Member 0 creates the group (the first 199 members at once,
// the rest invited 200 at a time) and sends text messages into it, paced at
// --rate msgs/s, or keeping --window unacked when no rate is given, from
// the main thread. The other members are spread over --threads
// FanoutMembers, each on a thread of its own, pulling on each Notify; once
// the run is over their deliveries are merged into, per message, the time
// from its send until the LAST member had pulled it, and each single
// delivery. Reports deliveries/s, both latencies, messages not delivered to
// everyone, the bench's CPU and, given --server-pid, natterd's CPU per
// delivery.
#pragma once

#include "FanoutMembers.h"
#include "WorkerPools.h"

#include <QThread>
#include <QTimer>

#include <memory>
#include <vector>

namespace natter::bench {

struct FanoutOptions
{
    QUrl server;
    int members = 500;
    double rate = 20; // msgs/s into the group; 0 = as fast as the window allows
    int window = 4; // unacked sends when rate is 0
    double durationS = 10;
    double warmupS = 2;
    double drainS = 5; // after the window: wait for the last deliveries
    qint64 serverPid = 0;
    int threads = 4; // member threads
    int textBytes = 100;
    int registerConcurrency = 8;
};

class FanoutScenario : public Scenario
{
    Q_OBJECT
public:
    FanoutScenario(const FanoutOptions &options, QObject *parent = nullptr);
    ~FanoutScenario() override;
    void start() override;

private:
    enum class Phase { Setup, Warmup, Measure, Drain, Done };

    void onRegistered(const QString &error);
    void createGroup();
    void inviteFrom(int next);
    void beginLoad();
    void beginMeasure();
    void endMeasure();
    void onPacingTick();
    void onDrainTick();
    void sendOne();
    void fillWindow();
    quint64 deliveredSoFar() const;
    void report();
    void failSetup(const QString &error);

    FanoutOptions m_opt;
    QStringList m_names; // [0] is the sender
    UserSetup *m_setup = nullptr; // the sender's
    BenchClient *m_sender = nullptr;
    WorkerPools<FanoutMembers> m_pools;
    int m_pending = 0; // registrations not finished
    bool m_failed = false;
    quint64 m_group = 0;
    std::string m_body;
    Phase m_phase = Phase::Setup;
    QElapsedTimer m_clock;
    QTimer m_pacer;
    QTimer m_drainTimer;
    qint64 m_loadStartNs = 0;
    qint64 m_measureStartNs = 0;
    qint64 m_measureEndNs = 0;
    qint64 m_drainStartNs = 0;
    int m_inFlight = 0;
    // By message number n (client id "fanout-n", from 1): when it was sent
    // and whether the server acked it.
    std::vector<qint64> m_sentNs { 0 };
    std::vector<bool> m_acked { false };
    quint64 m_ackedTotal = 0;
    quint32 m_firstMeasured = 0;
    quint32 m_lastMeasured = 0; // the measured messages: [first, last]
    ErrorCounter m_errors;
    CpuTime m_cpuStart, m_cpuEnd;
    double m_serverCpuStart = -1, m_serverCpuEnd = -1;
    double m_setupS = 0;
};

} // namespace natter::bench
