#include "Stats.h"

#include <QFile>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

#include <sys/resource.h>
#include <unistd.h>

namespace natter::bench {

namespace {

// Nearest-rank percentile of sorted samples.
double percentile(const std::vector<double> &sorted, double p)
{
    const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted.size()));
    const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
    return sorted[std::min(index, sorted.size() - 1)];
}

} // namespace

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

QJsonObject LatencyRecorder::summary()
{
    QJsonObject o;
    o[QStringLiteral("samples")] = static_cast<qint64>(m_samples.size());
    if (m_samples.empty()) {
        o[QStringLiteral("p50")] = QJsonValue::Null;
        o[QStringLiteral("p99")] = QJsonValue::Null;
        o[QStringLiteral("max")] = QJsonValue::Null;
        return o;
    }
    std::sort(m_samples.begin(), m_samples.end());
    o[QStringLiteral("p50")] = round3(percentile(m_samples, 50));
    o[QStringLiteral("p99")] = round3(percentile(m_samples, 99));
    o[QStringLiteral("max")] = round3(m_samples.back());
    return o;
}

CpuTime CpuTime::now()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    auto seconds = [](const timeval &tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    return { seconds(ru.ru_utime), seconds(ru.ru_stime) };
}

QJsonObject ErrorCounter::toJson() const
{
    QJsonObject o;
    for (auto it = m_counts.begin(); it != m_counts.end(); ++it)
        o[it.key()] = it.value();
    return o;
}

qint64 ProcessProbe::rssKiB(qint64 pid)
{
    if (pid <= 0)
        return -1;
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            bool ok = false;
            const qint64 kib = line.mid(6).trimmed().split(' ').first().toLongLong(&ok);
            return ok ? kib : -1;
        }
    }
    return -1;
}

double ProcessProbe::cpuSeconds(qint64 pid)
{
    if (pid <= 0)
        return -1;
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = f.readAll();
    // Fields after the command name (which may hold spaces) start at ") ".
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    if (fields.size() < 13)
        return -1;
    const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (fields[11].toDouble() + fields[12].toDouble()) / hz;
}

} // namespace natter::bench
