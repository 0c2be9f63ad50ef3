// DeliveryLedger: how far each member's devices have received, as the
// pulls that hand out events learn it — in memory, the highest seq per
// (conversation, user). The network threads note() after each pull; the
// receipts module take()s it about once a second and has the writer store
// it (members.delivered_seq) and tell the senders, so a busy pull path
// costs one lock and a hash update, never a write. What a crash loses is at
// most the last second's "delivered" marks (the next pull notes them again).
// Any thread.
#pragma once

#include "storage/Rows.h"

#include <QHash>

#include <mutex>

namespace natter::server {

class DeliveryLedger
{
public:
    using Key = std::pair<quint64, quint64>; // (conversation, user)
    using Entries = QHash<Key, quint64>;

    void note(quint64 conversationId, quint64 userId, quint64 seq)
    {
        std::lock_guard lock(m_mutex);
        quint64 &slot = m_entries[{ conversationId, userId }];
        slot = qMax(slot, seq);
    }
    Entries take()
    {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_entries, Entries {});
    }

private:
    std::mutex m_mutex; // guards m_entries
    Entries m_entries;
};

} // namespace natter::server
