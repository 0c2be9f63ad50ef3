// RateLimiter: token buckets keyed by device id or source address. Shared
// by all network threads; one mutex guards the map (held for a few
// arithmetic operations only). Idle buckets are pruned lazily.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <mutex>

namespace natter::server {

class RateLimiter
{
public:
    RateLimiter(double ratePerSecond, double burst);

    // Takes one token from key's bucket; false if it is empty.
    bool allow(const QString &key);
    bool allowAt(const QString &key, qint64 nowMs); // for tests

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    void prune(qint64 nowMs);

    const double m_rate;
    const double m_burst;
    QElapsedTimer m_clock;

    std::mutex m_mutex; // guards everything below
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastPruneMs = 0;
};

} // namespace natter::server
