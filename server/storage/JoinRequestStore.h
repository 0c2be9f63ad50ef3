// JoinRequestStore: requests to join groups by approval, one row per
// (group, user): asked, then approved or declined; asking again after a
// decision makes it pending again. Part of a Storage: one connection, one
// thread. Throws StorageError.
#pragma once

#include "storage/Rows.h"

#include <QList>

#include <optional>

namespace natter::server {

class JoinRequestStore
{
public:
    virtual std::optional<JoinRequestRow> get(quint64 conversationId, quint64 userId) = 0;
    virtual void put(const JoinRequestRow &row) = 0; // inserts or replaces
    virtual QList<JoinRequestRow> pending(quint64 conversationId) = 0; // oldest first
    virtual int pendingCount(quint64 conversationId) = 0;

protected:
    ~JoinRequestStore() = default;
};

} // namespace natter::server
