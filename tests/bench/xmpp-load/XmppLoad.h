// The 1:1 workload of natter-bench p2p, over XMPP: N sender/recipient pairs
// (2N accounts, one connection each); each sender sends ~100-byte chat
// messages to its partner's bare JID keeping up to W in flight; recipients
// record send->received latency. One JSON line per result on stdout.
//
// "In flight" (--window-mode):
//   e2e    sent and not yet received by the partner;
//   acked  sent and not yet acknowledged by the server (XEP-0198 <a h/>,
//          one <r/> after each burst of sends; recipients do not enable
//          it) - what natter-bench p2p's window means (a Send not yet
//          answered by its Ack).
#pragma once

#include "Stats.h"
#include "XmppClient.h"

#include <QElapsedTimer>
#include <QObject>

#include <string>
#include <unordered_map>
#include <vector>

namespace natter::bench {

struct XmppLoadOptions
{
    XmppAccount server; // host, port, domain; user/password unused
    QString password = QStringLiteral("bench-password");
    QString prefix; // account name prefix; random when empty
    bool registerUsers = true;
    bool ackedWindow = false; // window-mode acked instead of e2e
    int pairs = 50;
    int window = 8;
    double durationS = 10;
    double warmupS = 2;
    int textBytes = 100;
    int connectConcurrency = 16;
    qint64 serverPid = 0; // when set: the server's CPU over the measured window
    QString label; // copied into the JSON line as "system"
};

class XmppLoad : public QObject
{
    Q_OBJECT
public:
    explicit XmppLoad(const XmppLoadOptions &options, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    enum class Phase { Setup, Warmup, Measure, Done };
    struct Sender
    {
        XmppClient *client = nullptr;
        QByteArray partner; // bare JID
        QByteArray idPrefix;
        int inFlight = 0;
        quint64 counter = 0;
        quint64 smBase = 0; // stanzasOut() when the load started
        quint64 ackedTotal = 0; // messages the server acknowledged
    };
    struct Counters
    {
        quint64 sent = 0;
        quint64 acked = 0;
        quint64 delivered = 0;
    };

    void onSignedIn(const QString &error);
    void beginLoad();
    void beginMeasure();
    void finish();
    void fillWindow(size_t sender);
    void onReceived(const QByteArray &id, const QByteArray &type);
    void onAck(size_t sender, quint64 h);
    void failSetup(const QString &error);
    void printJson(const QJsonObject &o);

    XmppLoadOptions m_opt;
    Phase m_phase = Phase::Setup;
    std::vector<XmppClient *> m_clients; // senders 0..N-1, then recipients
    std::vector<Sender> m_senders;
    QByteArray m_body;

    QElapsedTimer m_clock;
    std::unordered_map<std::string, qint64> m_sendTimes; // message id -> send time (ns)
    Counters m_total;
    Counters m_atMeasureStart;
    Counters m_atMeasureEnd;
    qint64 m_measureStartNs = 0;
    CpuTime m_cpuStart;
    double m_serverCpuStart = -1;
    double m_setupS = 0;
    LatencyRecorder m_latency;
    ErrorCounter m_errors;
};

} // namespace natter::bench
