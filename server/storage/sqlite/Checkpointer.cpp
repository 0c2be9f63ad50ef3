#include "storage/sqlite/Checkpointer.h"

#include "common/Logging.h"
#include "storage/sqlite/SqliteConnection.h"

#include <sqlite3.h>

#include <chrono>
#include <memory>

namespace natter::server::sqlite {

Checkpointer::Checkpointer(QString path, QString synchronous, int busyTimeoutMs, int everyPages,
    metrics::LocalHistogram &passSeconds)
    : m_path(std::move(path))
    , m_synchronous(std::move(synchronous))
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_everyPages(qMax(1, everyPages))
    , m_passSeconds(passSeconds)
    , m_nextRequestAt(m_everyPages)
{
    setObjectName(QStringLiteral("db-checkpoint"));
}

Checkpointer::~Checkpointer()
{
    stopAndWait();
}

QString Checkpointer::startAndOpen()
{
    start();
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [this] { return m_opened || !m_openError.isEmpty(); });
    return m_openError;
}

void Checkpointer::afterCommit(int walPages)
{
    if (walPages < m_lastWalPages) // started over
        m_nextRequestAt = m_everyPages;
    m_lastWalPages = walPages;
    if (walPages < m_nextRequestAt || m_round.load() != Round::None)
        return;
    m_nextRequestAt = walPages + m_everyPages;
    copyAgain();
}

void Checkpointer::copyAgain()
{
    m_round.store(Round::Copying);
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_cv.notify_all();
}

void Checkpointer::stopAndWait()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (isRunning())
        wait();
}

void Checkpointer::run()
{
    std::unique_ptr<SqliteConnection> connection;
    QString error;
    try {
        connection = std::make_unique<SqliteConnection>(m_path);
        sqlite3_busy_timeout(connection->handle(), m_busyTimeoutMs);
        // A checkpoint syncs the database file unless synchronous is OFF: the
        // same durability as the writer's connection.
        connection->exec("PRAGMA synchronous=" + m_synchronous.toLatin1());
    } catch (const StorageError &e) {
        error = QStringLiteral("checkpointer: %1").arg(e.message());
    }
    {
        std::lock_guard lock(m_mutex);
        m_openError = error;
        m_opened = error.isEmpty();
    }
    m_cv.notify_all();
    if (!error.isEmpty())
        return;
    sqlite3 *db = connection->handle();
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || m_requested; });
            if (!m_requested)
                break; // stopping, nothing asked for
            m_requested = false;
        }
        // Pass after pass, each copying what the writer committed during the
        // last, until that is little: the writer then copies only that much
        // (and syncs only that much) while it holds up its queue.
        bool caughtUp = false;
        int lastWalPages = 0;
        for (int pass = 0; pass < kMaxPasses; ++pass) {
            int walPages = 0;
            int copied = 0;
            const auto began = std::chrono::steady_clock::now();
            const int rc = sqlite3_wal_checkpoint_v2(
                db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &walPages, &copied);
            m_passSeconds.observe(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
            if (rc != SQLITE_OK) {
                qCWarning(lcStorage) << "checkpoint failed:" << sqlite3_errmsg(db);
                caughtUp = false;
                break;
            }
            ++m_runs;
            caughtUp = walPages > 0 && copied == walPages;
            const bool little = pass > 0 && walPages - lastWalPages <= kHandOverPages;
            lastWalPages = walPages;
            if (!caughtUp || little)
                break;
        }
        // Not caught up (a reader still needs old frames, or an error): the
        // next round starts when the WAL has grown again.
        m_round.store(caughtUp ? Round::WriterFinishes : Round::None);
    }
}

} // namespace natter::server::sqlite
