// p2p: N sender/recipient pairs, each user with one connection. Senders send
// 1:1 text messages (to the partner's conversation) keeping up to W unacked in flight, or
// paced at a total rate; recipients pull on each Notify and record the
// latency from send to "pulled". Reports delivered msgs/s, acks/s and
// send→visible latency over the measurement window as one JSON line.
// Optional flooders send at a fixed rate whatever the answers (RATE_LIMITED
// is expected), with their own counters; the pairs' figures exclude them.
#pragma once

#include "Scenario.h"
#include "Stats.h"

#include <QHash>
#include <QJsonObject>
#include <QTimer>

#include <functional>
#include <string>
#include <unordered_map>

namespace natter::bench {

struct P2pOptions
{
    QUrl server;
    int pairs = 50;
    int window = 8;
    double durationS = 10;
    double warmupS = 2;
    double rate = 0; // total msgs/s over all senders; 0 = as fast as the window allows
    int flooders = 0; // extra devices sending floodRate msgs/s each, ignoring answers
    double floodRate = 0;
    double drainS = 0; // after the window, wait up to this long for the pairs' deliveries
    int textBytes = 100;
    int registerConcurrency = 8;
    // When set, the result goes here instead of a JSON line on stdout (used
    // by idle, which nests p2p results in its own line).
    std::function<void(const QJsonObject &)> onResult;
};

class P2pScenario : public Scenario
{
    Q_OBJECT
public:
    P2pScenario(const P2pOptions &options, QObject *parent = nullptr);
    void start() override;

private:
    enum class Phase { Setup, Warmup, Measure, Drain, Done };

    struct Sender
    {
        BenchClient *client = nullptr;
        std::string partner;
        // From the first ack on, sends name the conversation, as clients do:
        // only the message that starts a direct chat names the user.
        quint64 conversationId = 0;
        std::string idPrefix;
        int inFlight = 0;
        quint64 counter = 0;
        bool backingOff = false; // after RATE_LIMITED: refill the window later
    };
    struct ConversationState
    {
        quint64 lastSeq = 0; // highest seq pulled
        quint64 wantSeq = 0; // highest seq known to exist
        bool pulling = false;
    };
    struct Recipient
    {
        BenchClient *client = nullptr;
        QHash<quint64, ConversationState> conversations;
    };
    struct Counters
    {
        quint64 sent = 0;
        quint64 acked = 0;
        quint64 delivered = 0;
        // flooders only
        quint64 rateLimited = 0;
        quint64 otherErrors = 0;
    };
    struct Flooder
    {
        BenchClient *client = nullptr;
        std::string sink;
        std::string idPrefix;
        quint64 counter = 0;
    };

    void onSetupDone(const QString &error);
    void beginMeasure();
    void endMeasure();
    void onDrainTick();
    void report();
    void onFloodTick();
    void sendOne(size_t senderIndex);
    void fillWindow(size_t senderIndex);
    void onPacingTick();
    void onNotify(size_t recipientIndex, quint64 conversationId, quint64 seq);
    void maybePull(size_t recipientIndex, quint64 conversationId);
    void onPulled(size_t recipientIndex, quint64 conversationId, const proto::Envelope &response);
    void countError(const QString &what);

    P2pOptions m_opt;
    Phase m_phase = Phase::Setup;
    UserSetup *m_setup = nullptr;
    std::vector<Sender> m_senders;
    std::vector<Recipient> m_recipients;
    std::vector<Flooder> m_flooders;
    std::string m_body; // serialized EventBody, the same for every message

    // client_id -> send time (ns on m_clock); shared by all connections.
    std::unordered_map<std::string, qint64> m_sendTimes;
    QElapsedTimer m_clock;

    Counters m_total;
    Counters m_atMeasureStart;
    Counters m_atMeasureEnd;
    Counters m_flood; // the flooders' sends and answers
    Counters m_floodAtMeasureStart;
    Counters m_floodAtMeasureEnd;
    qint64 m_measureStartNs = 0;
    qint64 m_measureEndNs = 0;
    CpuTime m_cpuAtMeasureStart;
    CpuTime m_cpuAtMeasureEnd;
    double m_setupS = 0;
    LatencyRecorder m_latency;
    ErrorCounter m_errors;
    ErrorCounter m_floodErrors; // answers other than ack / RATE_LIMITED, disconnects

    // Pacing (--rate): messages due = rate * seconds since load start.
    QTimer m_pacer;
    qint64 m_loadStartNs = 0;
    size_t m_nextSender = 0;
    quint64 m_windowFullTicks = 0; // pacing ticks that found every window full

    QTimer m_floodTimer; // every flooder sends floodRate * seconds since load start
    QTimer m_drainTimer;
    qint64 m_drainStartNs = 0;
};

} // namespace natter::bench
