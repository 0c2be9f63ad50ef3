// Counters: the instruments natterd's threads count with for /metrics.
// Each instrument has ONE writing thread (a network thread, the writer, the
// checkpointer) and any number of readers (the scrape, on the main thread):
// the writer does a relaxed load and store — no locked instruction, no
// shared cache line with another writer when the owner keeps its
// instruments together — and a reader sees a recent value, never a torn one.
// Sums over threads are made at scrape time.
//
// LocalHistogram keeps per-bucket counts (not cumulative) and their sum;
// the exposition makes them cumulative and derives the count from the
// buckets, so a scrape is self-consistent even while the owner observes.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <memory>
#include <vector>

namespace natter::server::metrics {

class LocalCounter
{
public:
    void add(quint64 n = 1)
    {
        m_value.store(m_value.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    quint64 value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<quint64> m_value { 0 };
};

// Goes up and down; still one writer.
class LocalGauge
{
public:
    void add(qint64 n)
    {
        m_value.store(m_value.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    qint64 value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_value { 0 };
};

class LocalHistogram
{
public:
    // Upper bounds, ascending; +Inf is implied.
    explicit LocalHistogram(std::initializer_list<double> bounds)
        : m_bounds(bounds)
        , m_buckets(new std::atomic<quint64>[bounds.size() + 1])
    {
        for (size_t i = 0; i <= m_bounds.size(); ++i)
            m_buckets[i].store(0, std::memory_order_relaxed);
    }

    void observe(double value)
    {
        // A handful of bounds: a scan beats a binary search's branches.
        size_t i = 0;
        while (i < m_bounds.size() && value > m_bounds[i])
            ++i;
        std::atomic<quint64> &bucket = m_buckets[i];
        bucket.store(bucket.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        m_sum.store(m_sum.load(std::memory_order_relaxed) + value, std::memory_order_relaxed);
    }

    const std::vector<double> &bounds() const { return m_bounds; }
    // Observations in bucket i (0..bounds().size(); the last is +Inf).
    quint64 bucket(size_t i) const { return m_buckets[i].load(std::memory_order_relaxed); }
    double sum() const { return m_sum.load(std::memory_order_relaxed); }

private:
    const std::vector<double> m_bounds;
    std::unique_ptr<std::atomic<quint64>[]> m_buckets;
    std::atomic<double> m_sum { 0 };
};

// Several threads' histograms of one metric (same bounds), added up.
struct HistogramSum
{
    std::vector<double> bounds;
    std::vector<quint64> buckets; // per bucket, not cumulative; last = +Inf
    double sum = 0;

    void add(const LocalHistogram &h)
    {
        if (buckets.empty()) {
            bounds = h.bounds();
            buckets.assign(bounds.size() + 1, 0);
        }
        for (size_t i = 0; i < buckets.size(); ++i)
            buckets[i] += h.bucket(i);
        sum += h.sum();
    }
};

} // namespace natter::server::metrics
