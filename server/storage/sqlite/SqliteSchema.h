// The SQLite schema of natterd and its forward migrations. PRAGMA
// user_version holds the version; migrate() runs on the connection that
// opens the database first (StorageBackend::open), each step in its own
// transaction.
#pragma once

#include <QByteArrayList>
#include <QList>

namespace natter::server::sqlite {

class SqliteConnection;

// migrations()[i] brings the schema from version i to i + 1.
const QList<QByteArrayList> &schemaMigrations();
int schemaVersion();

// Brings the database up to schemaVersion(); throws StorageError (Schema
// when the database is newer than this natterd).
void migrate(SqliteConnection &db);
// Throws StorageError(Schema) unless the database is at schemaVersion().
void checkVersion(SqliteConnection &db);

} // namespace natter::server::sqlite
