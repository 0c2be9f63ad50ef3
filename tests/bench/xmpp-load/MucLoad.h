// The group workload of natter-bench fanout, over XMPP multi-user chat
// (XEP-0045): N accounts, one connection each; occupant 0 creates the room
// (an instant room), the others join it asking for no history, spread over
// --threads MucMembers. Occupant 0 then sends ~100-byte groupchat messages
// into the room at --rate msgs/s, or keeping --window not yet reflected
// back to it (the room echoes each message to its sender: the nearest
// thing to natterd's Ack). Reported as natter-bench fanout reports: per
// message the time until the LAST other occupant had it, each delivery's
// latency, deliveries/s, messages someone lacked after the drain, and the
// server's CPU per delivery.
#pragma once

#include "MucMembers.h"
#include "WorkerPools.h"
#include "XmppClient.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <vector>

namespace natter::bench {

struct MucLoadOptions
{
    XmppAccount server; // host, port, domain; user/password unused
    QString password = QStringLiteral("bench-password");
    QString prefix; // account name prefix; random when empty
    QString mucDomain; // the MUC service; "conference." + domain when empty
    bool registerUsers = true;
    int members = 500;
    double rate = 20; // msgs/s into the room; 0 = as fast as the window allows
    int window = 4; // unreflected messages when rate is 0
    double durationS = 10;
    double warmupS = 2;
    double drainS = 5;
    int textBytes = 100;
    int connectConcurrency = 16;
    int threads = 4;
    qint64 serverPid = 0;
    QString label;
};

class MucLoad : public QObject
{
    Q_OBJECT
public:
    explicit MucLoad(const MucLoadOptions &options, QObject *parent = nullptr);
    ~MucLoad() override;
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    enum class Phase { Setup, Warmup, Measure, Drain, Done };
    void onPoolSignal(const QString &error, void (MucLoad::*next)());
    void createRoom();
    void joinOthers();
    void beginLoad();
    void beginMeasure();
    void endMeasure();
    void onPacingTick();
    void onDrainTick();
    void fillWindow();
    void sendOne();
    void onSenderMessage(const QByteArray &id, const QByteArray &type);
    quint64 deliveredSoFar() const;
    void report();
    void failSetup(const QString &error);

    MucLoadOptions m_opt;
    QByteArray m_room;
    QByteArray m_body;
    XmppClient *m_sender = nullptr;
    WorkerPools<MucMembers> m_pools;
    int m_pending = 0; // pools (and the sender) not through the current step
    bool m_failed = false;
    Phase m_phase = Phase::Setup;
    QElapsedTimer m_clock;
    QTimer m_pacer;
    QTimer m_drainTimer;
    qint64 m_loadStartNs = 0, m_measureStartNs = 0, m_measureEndNs = 0, m_drainStartNs = 0;
    int m_inFlight = 0;
    std::vector<qint64> m_sentNs { 0 }; // by message number, from 1
    std::vector<bool> m_counted { false }; // every sent message counts
    std::vector<bool> m_reflected { false };
    quint64 m_reflectedTotal = 0;
    quint32 m_firstMeasured = 0, m_lastMeasured = 0;
    ErrorCounter m_errors;
    CpuTime m_cpuStart, m_cpuEnd;
    double m_serverCpuStart = -1, m_serverCpuEnd = -1;
    double m_setupS = 0;
};

} // namespace natter::bench
