// StatsStore: whole-database counts for the administrator (natterd admin
// stats). Part of a Storage: one connection, one thread. Throws StorageError.
// Each count is one indexed or table scan: for an occasional admin request,
// never for a hot path.
#pragma once

#include <QtGlobal>

namespace natter::server {

struct ServerCounts
{
    qint64 users = 0;
    qint64 disabledUsers = 0;
    qint64 devices = 0; // not revoked
    qint64 directs = 0; // direct conversations
    qint64 groups = 0; // not dissolved
    qint64 events = 0; // in every conversation: messages and group events
};

class StatsStore
{
public:
    virtual ServerCounts counts() = 0;
    // Registered users (disabled ones included): one scan of the users table.
    virtual qint64 userCount() = 0;

protected:
    ~StatsStore() = default;
};

} // namespace natter::server
