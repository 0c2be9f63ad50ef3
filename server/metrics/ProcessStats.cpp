#include "metrics/ProcessStats.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace natter::server::metrics {

#if defined(Q_OS_LINUX)
namespace {

QByteArray readProcFile(const char *path)
{
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll(); // /proc files report no size: read to the end
}

// Seconds since the epoch at which the machine booted (/proc/stat btime).
double bootTime()
{
    const QByteArray stat = readProcFile("/proc/stat");
    for (const QByteArray &line : stat.split('\n'))
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toDouble();
    return -1;
}

} // namespace

ProcessStats ProcessStats::read()
{
    ProcessStats s;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const double page = double(sysconf(_SC_PAGESIZE));
    // /proc/self/stat: "pid (comm) state ..."; comm may hold spaces and
    // parentheses, so the fields are counted after its last ')'.
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close > 0) {
        const QList<QByteArray> f = stat.mid(close + 2).split(' ');
        // Counted from "state" (field 3 of proc(5)) as index 0.
        if (f.size() > 21) {
            s.cpuSeconds = (f[11].toDouble() + f[12].toDouble()) / ticks; // utime, stime
            const double boot = bootTime();
            if (boot >= 0)
                s.startTimeSeconds = boot + f[19].toDouble() / ticks; // starttime
            s.virtualBytes = f[20].toLongLong(); // vsize
            s.residentBytes = qint64(f[21].toDouble() * page); // rss, in pages
        }
    }
    s.openFds = qint64(
        QDir(QStringLiteral("/proc/self/fd"))
            .entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot)
            .size());
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        s.maxFds = qint64(limit.rlim_cur);
    return s;
}
#else
ProcessStats ProcessStats::read()
{
    return {};
}
#endif

} // namespace natter::server::metrics
