#include "storage/sqlite/SqliteStorage.h"

#include "common/Logging.h"
#include "storage/sqlite/SqliteSchema.h"
#include "storage/sqlite/WalWriteBuffer.h"

#include <sqlite3.h>

namespace natter::server::sqlite {

namespace {

std::unique_ptr<SqliteConnection> openConnection(
    const QString &path, const ConnectionOptions &options)
try {
    const bool buffered = options.role == ConnectionOptions::Role::Writer && options.walWriteBuffer
        && WalWriteBuffer::usable(options.synchronous);
    auto db
        = std::make_unique<SqliteConnection>(path, buffered ? WalWriteBuffer::vfsName() : nullptr);
    // Probe: a file that is not a database fails here, not at the first request.
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=" + options.synchronous.toLatin1());
    sqlite3_busy_timeout(db->handle(), options.busyTimeoutMs);
    // A larger page cache: the writer keeps its pages across transactions (a
    // reader's last only until the WAL changes). No memory map: a reader must
    // drop its map with its cache whenever the WAL changed since its last
    // transaction (always, under load), and unmapping cost more than it saved.
    db->exec("PRAGMA cache_size=-32768");
    if (options.role == ConnectionOptions::Role::Migrator)
        migrate(*db);
    else
        checkVersion(*db);
    return db;
} catch (const StorageError &e) {
    throw StorageError(e.kind(), QStringLiteral("database %1: %2").arg(path, e.message()));
}

} // namespace

SqliteStorage::SqliteStorage(const QString &path, const ConnectionOptions &options)
    : m_db(openConnection(path, options))
    , m_writer(options.role == ConnectionOptions::Role::Writer ? std::make_unique<WriterState>()
                                                               : nullptr)
    , m_users(*m_db, m_writer.get())
    , m_devices(*m_db)
    , m_conversations(*m_db, m_writer.get())
    , m_events(*m_db, m_conversations, m_writer.get())
    , m_feed(*m_db)
    , m_joinRequests(*m_db)
    , m_contacts(*m_db, m_writer.get())
    , m_stats(*m_db)
{
}

SqliteStorage::~SqliteStorage()
{
    if (m_walHook)
        sqlite3_wal_hook(m_db->handle(), nullptr, nullptr);
}

// Every reader request and every writer batch is a transaction: prepared once.
void SqliteStorage::begin()
{
    if (m_writer)
        m_writer->writes = {};
    m_db->statement("BEGIN").run();
}

void SqliteStorage::commit()
{
    m_db->statement("COMMIT").run();
}

void SqliteStorage::rollback()
{
    if (m_writer) {
        m_writer->forgetCache();
        m_writer->writes = {};
    }
    m_db->statement("ROLLBACK").run();
}

void SqliteStorage::savepoint()
{
    if (m_writer) {
        m_writer->eventsAtSavepoint = m_writer->writes.events.size();
        m_writer->membershipAtSavepoint = m_writer->writes.membershipChanged.size();
        m_writer->usersAtSavepoint = m_writer->writes.usersCreated;
    }
    m_db->statement("SAVEPOINT op").run();
}

void SqliteStorage::releaseSavepoint()
{
    m_db->statement("RELEASE SAVEPOINT op").run();
}

void SqliteStorage::rollbackToSavepoint()
{
    if (m_writer) {
        m_writer->forgetCache();
        m_writer->writes.events.resize(m_writer->eventsAtSavepoint);
        m_writer->writes.membershipChanged.resize(m_writer->membershipAtSavepoint);
        m_writer->writes.usersCreated = m_writer->usersAtSavepoint;
    }
    m_db->statement("ROLLBACK TO SAVEPOINT op").run();
}

WriterStorage::Writes SqliteStorage::takeWrites()
{
    return m_writer ? std::exchange(m_writer->writes, Writes {}) : Writes {};
}

void SqliteStorage::setWalHook(std::function<void(int pages)> afterCommit)
{
    m_walHook = std::move(afterCommit);
    sqlite3_wal_hook(
        m_db->handle(),
        [](void *hook, sqlite3 *, const char *, int pages) {
            (*static_cast<std::function<void(int)> *>(hook))(pages);
            return SQLITE_OK;
        },
        &m_walHook);
}

bool SqliteStorage::checkpoint()
{
    const int rc = sqlite3_wal_checkpoint_v2(
        m_db->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_BUSY) // the checkpoint thread is at it
        return false;
    if (rc != SQLITE_OK)
        qCWarning(lcStorage) << "checkpoint failed:" << sqlite3_errmsg(m_db->handle());
    return true;
}

} // namespace natter::server::sqlite
