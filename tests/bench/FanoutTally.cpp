#include "FanoutTally.h"

#include <algorithm>

namespace natter::bench {

FanoutTally::FanoutTally(const std::vector<qint64> &sentNs, const std::vector<bool> &counted,
    quint32 first, quint32 last, qint64 startNs, qint64 endNs)
    : m_sentNs(sentNs)
    , m_counted(counted)
    , m_first(first)
    , m_last(last)
    , m_startNs(startNs)
    , m_endNs(endNs)
    , m_count(sentNs.size(), 0)
    , m_lastNs(sentNs.size(), 0)
{
}

void FanoutTally::add(const std::vector<FanoutDelivery> &deliveries)
{
    for (const FanoutDelivery &d : deliveries) {
        if (d.message == 0 || d.message >= m_sentNs.size())
            continue;
        ++m_count[d.message];
        m_lastNs[d.message] = std::max(m_lastNs[d.message], d.ns);
        m_inWindow += d.ns >= m_startNs && d.ns < m_endNs ? 1 : 0;
        if (d.message >= m_first && d.message <= m_last)
            m_each.add((d.ns - m_sentNs[d.message]) / 1e6);
    }
}

quint64 FanoutTally::report(QJsonObject &o, int recipients)
{
    LatencyRecorder all;
    qint64 incomplete = 0, measuredSent = 0;
    for (quint32 n = m_first; n <= m_last && n < m_sentNs.size(); ++n) {
        if (!m_counted[n])
            continue;
        ++measuredSent;
        if (m_count[n] < recipients)
            ++incomplete;
        else
            all.add((m_lastNs[n] - m_sentNs[n]) / 1e6);
    }
    const double seconds = (m_endNs - m_startNs) / 1e9;
    o[QStringLiteral("sent")] = measuredSent;
    o[QStringLiteral("sent_per_s")] = round2(double(measuredSent) / seconds);
    o[QStringLiteral("deliveries")] = qint64(m_inWindow);
    o[QStringLiteral("deliveries_per_s")] = round2(double(m_inWindow) / seconds);
    o[QStringLiteral("latency_ms")] = all.summary(); // until every recipient has it
    o[QStringLiteral("delivery_latency_ms")] = m_each.summary();
    o[QStringLiteral("incomplete")] = incomplete;
    return m_inWindow;
}

} // namespace natter::bench
