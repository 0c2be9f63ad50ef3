// ProcessStats: what the operating system knows about natterd's own
// process, for the standard process_* metrics: resident and virtual memory,
// open and allowed descriptors, CPU time, start time. The one platform file
// of the metrics: Linux reads /proc/self; elsewhere the fields stay -1 and
// the metrics are left out.
#pragma once

#include <QtGlobal>

namespace natter::server::metrics {

struct ProcessStats
{
    qint64 residentBytes = -1;
    qint64 virtualBytes = -1;
    qint64 openFds = -1;
    qint64 maxFds = -1; // the soft limit
    double cpuSeconds = -1; // user + system
    double startTimeSeconds = -1; // since the Unix epoch

    static ProcessStats read();
};

} // namespace natter::server::metrics
