// The figures of a fan-out run (natter-bench fanout, natter-xmpp-load muc),
// from what the sender noted (when each message was sent, whether it
// counts) and what each member recorded (which message, when it had it).
// Per message: the time until the LAST recipient had it; per delivery: each
// recipient's own latency; deliveries inside the measured window.
#pragma once

#include "Stats.h"

#include <QtGlobal>

#include <vector>

namespace natter::bench {

struct FanoutDelivery
{
    quint32 message = 0; // message number, from 1
    qint64 ns = 0; // on the sender's clock
};

class FanoutTally
{
public:
    // sentNs[n]: when message n was sent (sentNs[0] unused); counted[n]:
    // whether it counts (the server took it); the measured messages are
    // [first, last], the measured window [startNs, endNs).
    FanoutTally(const std::vector<qint64> &sentNs, const std::vector<bool> &counted, quint32 first,
        quint32 last, qint64 startNs, qint64 endNs);

    void add(const std::vector<FanoutDelivery> &deliveries);

    // Adds sent, sent_per_s, deliveries, deliveries_per_s, latency_ms (until
    // every one of `recipients` had it), delivery_latency_ms and incomplete
    // (measured messages someone lacks) to o; returns the deliveries inside
    // the window.
    quint64 report(QJsonObject &o, int recipients);

private:
    const std::vector<qint64> &m_sentNs;
    const std::vector<bool> &m_counted;
    quint32 m_first, m_last;
    qint64 m_startNs, m_endNs;
    std::vector<int> m_count;
    std::vector<qint64> m_lastNs;
    LatencyRecorder m_each;
    quint64 m_inWindow = 0;
};

} // namespace natter::bench
