// Snowflake ids (SPEC §2): 64 bits = 41 bits of milliseconds since the Natter
// epoch (2025-01-01T00:00:00Z) | 10 bits node id | 12 bits sequence.
// A generator is not thread-safe: the server keeps one per writer thread.
#pragma once

#include <QJsonObject>
#include <QtGlobal>

namespace natter {

struct SnowflakeParts
{
    qint64 unixMs = 0; // milliseconds since the Unix epoch
    quint32 node = 0;
    quint32 seq = 0;
};

class Snowflake
{
public:
    static constexpr qint64 kEpochMs = 1735689600000; // 2025-01-01T00:00:00Z
    static constexpr int kNodeBits = 10;
    static constexpr int kSeqBits = 12;
    static constexpr quint32 kMaxNode = (1u << kNodeBits) - 1;
    static constexpr quint32 kMaxSeq = (1u << kSeqBits) - 1;

    explicit Snowflake(quint32 node);

    // Next id; monotonic even when the wall clock steps back (then it keeps
    // counting on the last millisecond it saw, borrowing from the future).
    quint64 next();
    quint64 nextAt(qint64 unixMs); // for tests

    static quint64 compose(const SnowflakeParts &parts);
    static SnowflakeParts decode(quint64 id);
    // {"id": "...", "time": "2026-...Z", "node": N, "seq": N}
    static QJsonObject toJson(quint64 id);

private:
    quint32 m_node;
    qint64 m_lastMs = 0;
    quint32 m_seq = 0;
};

} // namespace natter
