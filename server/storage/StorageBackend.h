// StorageBackend: the factory of natterd's storage. It opens (and migrates)
// the database once, then hands out connections: the one writer, a reader
// per network thread, and the writer's maintenance (whatever upkeep the
// backend needs beside its writes: for SQLite, copying the WAL back into the
// database file on a thread of its own). Everything outside a backend's own
// folder (storage/sqlite/) sees only these interfaces.
//
// Threads: open() and the open*() calls from any thread; each connection
// then belongs to the thread that uses it (see Storage).
#pragma once

#include "storage/Storage.h"

namespace natter::server::metrics {
class Exposition;
}

#include <memory>

namespace natter::server {

struct StorageOptions
{
    QString backend = QStringLiteral("sqlite");
    QString dataDir; // where the database lives (SQLite: dataDir/natterd.sqlite)
    // Durability of a commit (SQLite's synchronous: OFF, NORMAL, FULL, EXTRA).
    QString synchronous = QStringLiteral("FULL");
    int busyTimeoutMs = 5000;
    // SQLite: how much the WAL grows, in pages, between checkpoint rounds.
    int checkpointPages = 32768;
    // SQLite: gather each commit's WAL writes into one (only with FULL/EXTRA).
    bool walWriteBuffer = true;
};

// What a backup holds (backupTo, restore).
struct BackupInfo
{
    int schema = 0;
    qint64 users = 0; // restore only (it checks the file)
    qint64 events = 0; // restore only
    qint64 bytes = 0;
    qint64 ms = 0; // backupTo: how long the copy took
};

// The writer's share of the backend's upkeep, between two batches.
class Maintenance
{
public:
    virtual ~Maintenance() = default; // stops whatever runs in the background
    // The writer thread, after a batch's callbacks ran. idle: no op waits,
    // so a pause costs nobody.
    virtual void betweenBatches(bool idle) = 0;
    // Upkeep passes run so far (for the log).
    virtual quint64 runs() const = 0;
};

class StorageBackend
{
public:
    virtual ~StorageBackend() = default;

    // Opens the database named by the options (creating and migrating it);
    // throws StorageError (Schema for an unknown backend or a newer schema).
    static std::unique_ptr<StorageBackend> open(const StorageOptions &options);

    // The single writer: keeps a cache of the rows only it changes and
    // reports each transaction's writes. One at a time.
    virtual std::unique_ptr<WriterStorage> openWriter() = 0;
    virtual std::unique_ptr<Storage> openReader() = 0;
    // Started by the writer's thread right after openWriter(), for that writer.
    virtual std::unique_ptr<Maintenance> startMaintenance(WriterStorage &writer) = 0;

    // "SQLite 3.40.1 at /var/lib/natterd/natterd.sqlite", for the log.
    virtual QString describe() const = 0;
    virtual int schemaVersion() const = 0;
    // Bytes the database takes on disk now (SQLite: the file, its WAL and
    // shared-memory index); any thread.
    virtual qint64 sizeOnDisk() const = 0;
    // The backend's own /metrics families (SQLite: WAL size, checkpoint
    // times); any thread.
    virtual void writeMetrics(metrics::Exposition &out) const = 0;
    // A consistent copy of the database as committed when it starts, while
    // the server goes on serving, written durably to `file` (which must not
    // exist). Any thread, on a connection of its own; slow for a big store.
    // Throws StorageError (Duplicate when the file exists).
    virtual BackupInfo backupTo(const QString &file) const = 0;
    // Puts a backup made by backupTo into the empty data directory of
    // `options` (no server running on it), after checking it whole. Throws
    // StorageError (Duplicate when a database is there already).
    static BackupInfo restore(const StorageOptions &options, const QString &file);
};

} // namespace natter::server
