#include "protocol/Snowflake.h"

#include <QDateTime>

namespace natter {

Snowflake::Snowflake(quint32 node)
    : m_node(node & kMaxNode)
{
}

quint64 Snowflake::next()
{
    return nextAt(QDateTime::currentMSecsSinceEpoch());
}

quint64 Snowflake::nextAt(qint64 unixMs)
{
    if (unixMs <= m_lastMs) {
        if (m_seq == kMaxSeq) {
            ++m_lastMs; // sequence exhausted: move on to the next millisecond
            m_seq = 0;
        } else {
            ++m_seq;
        }
    } else {
        m_lastMs = unixMs;
        m_seq = 0;
    }
    return compose({ m_lastMs, m_node, m_seq });
}

quint64 Snowflake::compose(const SnowflakeParts &parts)
{
    const quint64 ms = static_cast<quint64>(parts.unixMs - kEpochMs) & ((quint64(1) << 41) - 1);
    return (ms << (kNodeBits + kSeqBits)) | (quint64(parts.node & kMaxNode) << kSeqBits)
        | (parts.seq & kMaxSeq);
}

SnowflakeParts Snowflake::decode(quint64 id)
{
    SnowflakeParts parts;
    parts.seq = static_cast<quint32>(id & kMaxSeq);
    parts.node = static_cast<quint32>((id >> kSeqBits) & kMaxNode);
    parts.unixMs = static_cast<qint64>(id >> (kNodeBits + kSeqBits)) + kEpochMs;
    return parts;
}

QJsonObject Snowflake::toJson(quint64 id)
{
    const SnowflakeParts p = decode(id);
    return QJsonObject {
        { QStringLiteral("id"), QString::number(id) },
        { QStringLiteral("time"),
            QDateTime::fromMSecsSinceEpoch(p.unixMs, Qt::UTC).toString(Qt::ISODateWithMs) },
        { QStringLiteral("node"), static_cast<int>(p.node) },
        { QStringLiteral("seq"), static_cast<int>(p.seq) },
    };
}

} // namespace natter
