// Wire: the small conversions between storage rows and protocol messages
// that every service needs — a protobuf byte string as a QByteArray, and
// the durable ack of a stored event. Header-only; any thread.
#pragma once

#include "natter.pb.h"
#include "storage/Rows.h"

#include <QByteArray>

#include <string>

namespace natter::server {

inline QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

inline std::string toStd(const QByteArray &bytes)
{
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

// The ack of a stored event; version: a group action's new group version (0: none).
inline proto::SendAck ackOf(const EventRow &row, quint64 version = 0)
{
    proto::SendAck ack;
    ack.set_client_id(row.clientId.toStdString());
    ack.set_conversation_id(row.conversationId);
    ack.set_seq(row.seq);
    ack.set_id(row.id);
    ack.set_time_ms(row.timeMs);
    if (version)
        ack.set_version(version);
    return ack;
}

} // namespace natter::server
