// EventStore: each conversation's gapless log. Part of a Storage: one
// connection, one thread. Throws StorageError.
#pragma once

#include "storage/Rows.h"

#include <QList>

#include <optional>

namespace natter::server {

class EventStore
{
public:
    // Appends the event at the conversation's next seq (its last seq + 1,
    // which moves with it) and returns that seq; event.seq is ignored.
    // Duplicate when (sender, client id) was used before; Internal when the
    // conversation does not exist.
    virtual quint64 append(const EventRow &event) = 0;
    virtual std::optional<EventRow> byClientId(quint64 senderId, const QString &clientId) = 0;
    virtual std::optional<EventRow> at(quint64 conversationId, quint64 seq) = 0;
    // Events with seq > afterSeq, ascending, at most limit.
    virtual QList<EventRow> after(quint64 conversationId, quint64 afterSeq, int limit) = 0;
    // The senders of the events of `kind` with afterSeq < seq <= toSeq, each once.
    virtual QList<quint64> sendersOf(
        quint64 conversationId, quint64 afterSeq, quint64 toSeq, int kind)
        = 0;

protected:
    ~EventStore() = default;
};

} // namespace natter::server
