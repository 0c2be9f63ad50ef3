#include "sync/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace natter {

Backoff::Backoff(int minMs, int maxMs, Jitter jitter, QObject *parent)
    : QObject(parent)
    , m_minMs(minMs)
    , m_maxMs(maxMs)
    , m_jitter(jitter)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Backoff::due);
}

void Backoff::schedule()
{
    if (m_timer.isActive())
        return;
    m_delayMs = m_delayMs ? std::min(m_delayMs * 2, m_maxMs) : m_minMs;
    int wait = m_delayMs;
    if (m_jitter == Jitter::TenPercent)
        wait += int(QRandomGenerator::global()->bounded(m_delayMs / 5 + 1)) - m_delayMs / 10;
    m_timer.start(wait);
}

} // namespace natter
