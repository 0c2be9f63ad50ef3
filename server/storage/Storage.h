// Storage: one connection to natterd's database, seen as one store per
// aggregate (users, devices, conversations with their members, events, the
// feed, join requests, contacts) plus its transactions. The media and admin
// tables of later features get their own store here, beside these. An instance is used by
// exactly one thread: the writer (DbWorker), or the network thread that owns
// a ReadConnection. StorageBackend makes them; nothing outside a backend's
// folder knows which database is behind it. Every method throws StorageError.
#pragma once

#include "storage/ContactStore.h"
#include "storage/ConversationStore.h"
#include "storage/DeviceStore.h"
#include "storage/EventStore.h"
#include "storage/FeedStore.h"
#include "storage/JoinRequestStore.h"
#include "storage/StatsStore.h"
#include "storage/StorageError.h"
#include "storage/UserStore.h"

namespace natter::server {

class Storage
{
public:
    virtual ~Storage() = default;

    // One transaction at a time, with at most one savepoint inside it
    // (the writer's per-op savepoint). TransactionGuard wraps begin/commit.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual void savepoint() = 0;
    virtual void releaseSavepoint() = 0;
    virtual void rollbackToSavepoint() = 0;

    virtual UserStore &users() = 0;
    virtual DeviceStore &devices() = 0;
    virtual ConversationStore &conversations() = 0;
    virtual EventStore &events() = 0;
    virtual FeedStore &feed() = 0;
    virtual JoinRequestStore &joinRequests() = 0;
    virtual ContactStore &contacts() = 0;
    virtual StatsStore &stats() = 0;
};

// The writer's connection: also reports what each committed transaction
// wrote, for RecentEvents.
class WriterStorage : public Storage
{
public:
    struct Writes
    {
        QList<EventRow> events; // in append order
        QList<quint64> membershipChanged; // conversation ids
        int usersCreated = 0;
    };
    // What the transaction that just committed appended or changed. begin()
    // and rollback() clear it; a rollback to the savepoint drops what came
    // after the savepoint.
    virtual Writes takeWrites() = 0;
};

} // namespace natter::server
