#include "gateway/RateLimiter.h"

#include <QtGlobal>

namespace natter::server {

RateLimiter::RateLimiter(double ratePerSecond, double burst)
    : m_rate(ratePerSecond)
    , m_burst(burst)
{
    m_clock.start();
}

bool RateLimiter::allow(const QString &key)
{
    return allowAt(key, m_clock.elapsed());
}

bool RateLimiter::allowAt(const QString &key, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    if (nowMs - m_lastPruneMs > 60000)
        prune(nowMs);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket { m_burst, nowMs });
    Bucket &b = it.value();
    if (nowMs > b.lastMs) {
        b.tokens = qMin(m_burst, b.tokens + double(nowMs - b.lastMs) * m_rate / 1000.0);
        b.lastMs = nowMs;
    }
    if (b.tokens < 1.0)
        return false;
    b.tokens -= 1.0;
    return true;
}

void RateLimiter::prune(qint64 nowMs)
{
    m_lastPruneMs = nowMs;
    // A bucket that would be full again carries no state worth keeping.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + double(nowMs - it->lastMs) * m_rate / 1000.0 >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace natter::server
