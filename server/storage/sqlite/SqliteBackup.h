// Backup and restore of natterd's SQLite database (StorageBackend's
// backupTo and restore for this backend).
//
// A backup is one VACUUM INTO on a connection of its own: one read
// transaction, so the copy is the database as committed when it started
// while the writer goes on (an incremental backup would restart on every
// commit and never finish under steady writes). It goes to a temporary file
// beside the target, is fsynced, renamed into place, and the directory
// fsynced: a target is either absent or whole.
#pragma once

#include "storage/StorageBackend.h"

namespace natter::server::sqlite {

// Throws StorageError (Duplicate: the target exists; Io; Schema).
BackupInfo backupDatabase(const QString &databasePath, const QString &target);

// Checks that `file` is a whole natterd database of a schema this natterd
// opens (integrity_check, then its version and counts). Throws StorageError.
BackupInfo inspectDatabase(const QString &file);

// Copies a checked backup into databasePath, which must not exist.
BackupInfo restoreDatabase(const QString &file, const QString &databasePath);

} // namespace natter::server::sqlite
