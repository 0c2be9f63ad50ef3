// SqliteBackend: natterd's embedded default — one SQLite file in WAL mode in
// the data directory. open() creates and migrates it on a connection of its
// own; the writer, the readers and the maintenance (the db-checkpoint thread
// and the writer's part of each checkpoint round) get connections of their
// own. Threads: see StorageBackend.
#pragma once

#include "metrics/Counters.h"
#include "storage/StorageBackend.h"

namespace natter::server::sqlite {

class SqliteBackend final : public StorageBackend
{
public:
    // Throws StorageError.
    explicit SqliteBackend(const StorageOptions &options);

    std::unique_ptr<WriterStorage> openWriter() override;
    std::unique_ptr<Storage> openReader() override;
    std::unique_ptr<Maintenance> startMaintenance(WriterStorage &writer) override;
    QString describe() const override;
    int schemaVersion() const override;
    qint64 sizeOnDisk() const override;
    void writeMetrics(metrics::Exposition &out) const override;
    BackupInfo backupTo(const QString &file) const override;

    QString path() const { return m_path; }
    static QString fileIn(const QString &dataDir);

    // Seconds per checkpoint call: the db-checkpoint thread's passes and the
    // writer's finishing part; each written by that thread only.
    struct CheckpointTimes
    {
        metrics::LocalHistogram background { 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5 };
        metrics::LocalHistogram writer { 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5 };
    };

private:
    const StorageOptions m_options;
    const QString m_path;
    CheckpointTimes m_checkpoints;
};

} // namespace natter::server::sqlite
