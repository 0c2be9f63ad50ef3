// SqliteStorage: one SQLite connection to natterd's database as a Storage —
// its transactions and one table class per aggregate. The writer's instance
// (Role::Writer) also keeps the WriterState (cache and collected writes) and
// may write through the WalWriteBuffer VFS; readers keep nothing. Created,
// used and destroyed on one thread (see Storage).
#pragma once

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/SqliteContacts.h"
#include "storage/sqlite/SqliteConversations.h"
#include "storage/sqlite/SqliteDevices.h"
#include "storage/sqlite/SqliteEvents.h"
#include "storage/sqlite/SqliteFeed.h"
#include "storage/sqlite/SqliteJoinRequests.h"
#include "storage/sqlite/SqliteStats.h"
#include "storage/sqlite/SqliteUsers.h"
#include "storage/sqlite/WriterState.h"

#include <functional>
#include <memory>

namespace natter::server::sqlite {

struct ConnectionOptions
{
    enum class Role { Writer, Reader, Migrator };
    Role role = Role::Reader;
    QString synchronous = QStringLiteral("FULL");
    int busyTimeoutMs = 5000;
    bool walWriteBuffer = false; // the writer, with synchronous FULL or EXTRA
};

class SqliteStorage final : public WriterStorage
{
public:
    // Opens the database file (Migrator: creating and migrating it; the
    // others check that its schema is current). Throws StorageError.
    SqliteStorage(const QString &path, const ConnectionOptions &options);
    ~SqliteStorage() override;

    void begin() override;
    void commit() override;
    void rollback() override;
    void savepoint() override;
    void releaseSavepoint() override;
    void rollbackToSavepoint() override;

    UserStore &users() override { return m_users; }
    DeviceStore &devices() override { return m_devices; }
    ConversationStore &conversations() override { return m_conversations; }
    EventStore &events() override { return m_events; }
    FeedStore &feed() override { return m_feed; }
    JoinRequestStore &joinRequests() override { return m_joinRequests; }
    ContactStore &contacts() override { return m_contacts; }
    StatsStore &stats() override { return m_stats; }

    Writes takeWrites() override;

    // Turns SQLite's automatic checkpoint off on this connection and calls
    // afterCommit(WAL size in pages) after each of its commits instead, so
    // the maintenance thread can checkpoint (see Checkpointer).
    void setWalHook(std::function<void(int pages)> afterCommit);
    // A PASSIVE checkpoint on this connection. False when another checkpoint
    // was running (busy); other failures are logged: the WAL keeps the data
    // and a later checkpoint tries again.
    bool checkpoint();
    SqliteConnection &connection() { return *m_db; }

private:
    std::unique_ptr<SqliteConnection> m_db;
    std::unique_ptr<WriterState> m_writer; // the writer only
    SqliteUsers m_users;
    SqliteDevices m_devices;
    SqliteConversations m_conversations;
    SqliteEvents m_events;
    SqliteFeed m_feed;
    SqliteJoinRequests m_joinRequests;
    SqliteContacts m_contacts;
    SqliteStats m_stats;
    std::function<void(int)> m_walHook;
};

} // namespace natter::server::sqlite
