// ContactStore: friendships, friend requests and blocks (the contacts
// table), one row per (user, peer) from the user's side; a pair's two rows
// are kept in step by the friends service. Part of a Storage: one
// connection, one thread. Throws StorageError.
#pragma once

#include "storage/Rows.h"

#include <QList>

#include <optional>

namespace natter::server {

class ContactStore
{
public:
    virtual std::optional<ContactRow> get(quint64 userId, quint64 peerId) = 0;
    // Inserts or replaces; an empty row (ContactRow::isEmpty) is deleted.
    virtual void put(const ContactRow &row) = 0;
    // Every non-empty relation of the user but the cooldowns alone, by peer name.
    virtual QList<ContactRow> ofUser(quint64 userId) = 0;
    virtual QList<quint64> friendIds(quint64 userId) = 0;
    virtual int count(quint64 userId, int state) = 0;
    // What a direct message from sender to recipient depends on. The
    // writer answers this from memory after the first time (the send path).
    virtual DirectGate gate(quint64 senderId, quint64 recipientId) = 0;

protected:
    ~ContactStore() = default;
};

} // namespace natter::server
