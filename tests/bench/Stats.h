// Small measurement helpers for natter-bench: latency samples and the
// process's own CPU time.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <vector>

namespace natter::bench {

// Figures in the JSON lines: rounded to 2 or 3 decimals.
double round2(double v);
double round3(double v);

class LatencyRecorder
{
public:
    void reserve(size_t n) { m_samples.reserve(n); }
    void add(double ms) { m_samples.push_back(ms); }
    size_t count() const { return m_samples.size(); }
    // {"p50":..,"p99":..,"max":..,"samples":n}; values in ms, null if empty.
    QJsonObject summary();

private:
    std::vector<double> m_samples;
};

// Process CPU time (user + system) in seconds, from getrusage(RUSAGE_SELF).
struct CpuTime
{
    double user = 0;
    double sys = 0;
    static CpuTime now();
    CpuTime operator-(const CpuTime &o) const { return { user - o.user, sys - o.sys }; }
    double total() const { return user + sys; }
};

// Another process (natterd, given by --server-pid) seen through /proc.
// Both return -1 when the pid is 0 or unreadable.
struct ProcessProbe
{
    static qint64 rssKiB(qint64 pid); // VmRSS from /proc/<pid>/status
    static double cpuSeconds(qint64 pid); // utime + stime from /proc/<pid>/stat
};

// Errors by name, e.g. {"RATE_LIMITED": 3, "disconnected": 1}.
class ErrorCounter
{
public:
    void add(const QString &what)
    {
        ++m_counts[what];
        ++m_total;
    }
    int total() const { return m_total; }
    QJsonObject toJson() const;
    void merge(const ErrorCounter &other)
    {
        for (auto it = other.m_counts.cbegin(); it != other.m_counts.cend(); ++it)
            m_counts[it.key()] += it.value();
        m_total += other.m_total;
    }

private:
    QMap<QString, int> m_counts;
    int m_total = 0;
};

} // namespace natter::bench
