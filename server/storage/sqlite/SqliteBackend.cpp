#include "storage/sqlite/SqliteBackend.h"

#include "common/Logging.h"
#include "metrics/Exposition.h"
#include "storage/sqlite/Checkpointer.h"
#include "storage/sqlite/SqliteBackup.h"
#include "storage/sqlite/SqliteSchema.h"
#include "storage/sqlite/SqliteStorage.h"

#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

#include <chrono>
#include <mutex>

namespace natter::server::sqlite {

namespace {

// How long the writer may put off its part of a checkpoint round.
constexpr auto kMaxFinishDelay = std::chrono::milliseconds(50);

// Every connection in natterd is used by one thread only (the writer, the
// checkpointer, each network thread's reader), so SQLite need not lock a
// connection's mutex on every call. Only possible before SQLite starts.
void preferMultiThreadMode()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK)
            qCDebug(lcStorage) << "SQLite was started already; connections open without mutex";
    });
}

// The checkpoint thread, and the writer's part of each round: a round ends
// in a sync of the database file that holds up every op behind it, so the
// writer waits for a moment when no op is queued; meanwhile the checkpoint
// thread keeps copying. Past kMaxFinishDelay (the writer never idle), it is
// done anyway.
class SqliteMaintenance final : public Maintenance
{
public:
    SqliteMaintenance(SqliteStorage &writer, const QString &path, const StorageOptions &options,
        SqliteBackend::CheckpointTimes &times)
        : m_writer(writer)
        , m_checkpointer(path, options.synchronous, options.busyTimeoutMs, options.checkpointPages,
              times.background)
        , m_writerTimes(times.writer)
    {
        if (const QString e = m_checkpointer.startAndOpen(); !e.isEmpty())
            throw StorageError(StorageError::Kind::Io, e);
        m_writer.setWalHook([this](int pages) { m_checkpointer.afterCommit(pages); });
    }
    ~SqliteMaintenance() override
    {
        m_writer.setWalHook({});
        m_checkpointer.stopAndWait();
        qCDebug(lcStorage) << "checkpoints run:" << m_checkpointer.checkpointsRun();
    }

    void betweenBatches(bool idle) override
    {
        if (!m_checkpointer.finishOnWriter())
            return;
        const auto now = Clock::now();
        if (m_offered == Clock::time_point::min())
            m_offered = now;
        if (idle || now - m_offered >= kMaxFinishDelay) {
            const bool done = m_writer.checkpoint();
            m_writerTimes.observe(std::chrono::duration<double>(Clock::now() - now).count());
            if (done) {
                m_checkpointer.roundDone();
                m_offered = Clock::time_point::min();
            }
        } else {
            m_checkpointer.copyAgain();
        }
    }
    quint64 runs() const override { return m_checkpointer.checkpointsRun(); }

private:
    using Clock = std::chrono::steady_clock;
    SqliteStorage &m_writer;
    Checkpointer m_checkpointer;
    metrics::LocalHistogram &m_writerTimes;
    Clock::time_point m_offered = Clock::time_point::min(); // when the writer was offered its part
};

} // namespace

QString SqliteBackend::fileIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("natterd.sqlite"));
}

SqliteBackend::SqliteBackend(const StorageOptions &options)
    : m_options(options)
    , m_path(fileIn(options.dataDir))
{
    preferMultiThreadMode();
    if (!QDir().mkpath(options.dataDir))
        throw StorageError(StorageError::Kind::Io,
            QStringLiteral("cannot create data directory %1").arg(options.dataDir));
    ConnectionOptions migrator;
    migrator.role = ConnectionOptions::Role::Migrator;
    migrator.synchronous = options.synchronous;
    migrator.busyTimeoutMs = options.busyTimeoutMs;
    const SqliteStorage migrating(m_path, migrator); // creates and migrates; closed at once
}

std::unique_ptr<WriterStorage> SqliteBackend::openWriter()
{
    ConnectionOptions writer;
    writer.role = ConnectionOptions::Role::Writer;
    writer.synchronous = m_options.synchronous;
    writer.busyTimeoutMs = m_options.busyTimeoutMs;
    writer.walWriteBuffer = m_options.walWriteBuffer;
    return std::make_unique<SqliteStorage>(m_path, writer);
}

std::unique_ptr<Storage> SqliteBackend::openReader()
{
    ConnectionOptions reader;
    reader.synchronous = m_options.synchronous;
    reader.busyTimeoutMs = m_options.busyTimeoutMs;
    return std::make_unique<SqliteStorage>(m_path, reader);
}

std::unique_ptr<Maintenance> SqliteBackend::startMaintenance(WriterStorage &writer)
{
    // The writer this backend opened is always a SqliteStorage.
    return std::make_unique<SqliteMaintenance>(
        static_cast<SqliteStorage &>(writer), m_path, m_options, m_checkpoints);
}

qint64 SqliteBackend::sizeOnDisk() const
{
    qint64 bytes = 0;
    for (const char *suffix : { "", "-wal", "-shm" })
        bytes += QFileInfo(m_path + QLatin1String(suffix)).size(); // 0 when missing
    return bytes;
}

void SqliteBackend::writeMetrics(metrics::Exposition &out) const
{
    out.gauge("natter_sqlite_wal_bytes", "Size of the SQLite write-ahead log.",
        QFileInfo(m_path + QLatin1String("-wal")).size());
    out.family("natter_sqlite_checkpoint_seconds", "histogram",
        "Time per WAL checkpoint call, by the thread that ran it.");
    metrics::HistogramSum background;
    background.add(m_checkpoints.background);
    out.histogramSeries(
        "natter_sqlite_checkpoint_seconds", background, { { "thread", "checkpointer" } });
    metrics::HistogramSum writer;
    writer.add(m_checkpoints.writer);
    out.histogramSeries("natter_sqlite_checkpoint_seconds", writer, { { "thread", "writer" } });
}

BackupInfo SqliteBackend::backupTo(const QString &file) const
{
    return backupDatabase(m_path, file);
}

QString SqliteBackend::describe() const
{
    return QStringLiteral("SQLite %1 at %2 (synchronous=%3)")
        .arg(QLatin1String(sqlite3_libversion()), m_path, m_options.synchronous);
}

int SqliteBackend::schemaVersion() const
{
    return sqlite::schemaVersion();
}

} // namespace natter::server::sqlite
