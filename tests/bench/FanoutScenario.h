// fanout: one group of N members, every member online on its own
// connection. Member 0 creates the group (the first 199 members at once,
// the rest invited 200 at a time) and sends text messages into it, paced at
// --rate msgs/s, or keeping --window unacked when no rate is given. Every
// other member pulls on each Notify (one pull in flight per member, as the
// client does) and the bench records, per message, the time from its send
// until the LAST member has pulled it, and each single delivery. Reports
// deliveries/s, both latencies, messages not delivered to everyone, the
// bench's CPU and, given --server-pid, natterd's CPU per delivery.
#pragma once

#include "Scenario.h"
#include "Stats.h"

#include <QTimer>

#include <string>
#include <unordered_map>
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
    int textBytes = 100;
    int registerConcurrency = 8;
};

class FanoutScenario : public Scenario
{
    Q_OBJECT
public:
    FanoutScenario(const FanoutOptions &options, QObject *parent = nullptr);
    void start() override;

private:
    enum class Phase { Setup, Warmup, Measure, Drain, Done };

    struct Member
    {
        BenchClient *client = nullptr;
        quint64 lastSeq = 0; // highest seq pulled
        quint64 wantSeq = 0; // highest seq notified
        bool pulling = false;
    };
    struct Sent
    {
        qint64 sentNs = 0;
        int delivered = 0; // members who pulled it
        bool measured = false; // sent inside the measured window
    };

    void onSetupDone(const QString &error);
    void createGroup();
    void inviteFrom(int next);
    void beginLoad();
    void beginMeasure();
    void endMeasure();
    void onPacingTick();
    void onDrainTick();
    void sendOne();
    void fillWindow();
    void onNotify(size_t member, quint64 conversationId, quint64 seq);
    void pull(size_t member);
    void delivered(const std::string &clientId, qint64 nowNs);
    void report();
    void failSetup(const QString &error);

    FanoutOptions m_opt;
    UserSetup *m_setup = nullptr;
    std::vector<Member> m_members; // [0] is the sender
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
    quint64 m_counter = 0;
    int m_inFlight = 0;
    std::unordered_map<std::string, Sent> m_sent; // by client id, until everyone has it
    quint64 m_sentTotal = 0;
    quint64 m_measuredSent = 0;
    quint64 m_deliveriesTotal = 0;
    quint64 m_deliveriesAtStart = 0;
    quint64 m_deliveriesAtEnd = 0;
    quint64 m_pulls = 0;
    LatencyRecorder m_allLatency; // send -> the last member has it
    LatencyRecorder m_eachLatency; // send -> one member has it
    ErrorCounter m_errors;
    CpuTime m_cpuStart, m_cpuEnd;
    double m_serverCpuStart = -1, m_serverCpuEnd = -1;
    double m_setupS = 0;
};

} // namespace natter::bench
