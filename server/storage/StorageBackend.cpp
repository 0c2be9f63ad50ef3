#include "storage/StorageBackend.h"

#include "storage/sqlite/SqliteBackend.h"
#include "storage/sqlite/SqliteBackup.h"

namespace natter::server {

std::unique_ptr<StorageBackend> StorageBackend::open(const StorageOptions &options)
{
    if (options.backend == QLatin1String("sqlite"))
        return std::make_unique<sqlite::SqliteBackend>(options);
    throw StorageError(StorageError::Kind::Schema,
        QStringLiteral("unknown storage backend \"%1\" (this natterd has: sqlite)")
            .arg(options.backend));
}

BackupInfo StorageBackend::restore(const StorageOptions &options, const QString &file)
{
    if (options.backend == QLatin1String("sqlite"))
        return sqlite::restoreDatabase(file, sqlite::SqliteBackend::fileIn(options.dataDir));
    throw StorageError(StorageError::Kind::Schema,
        QStringLiteral("unknown storage backend \"%1\"").arg(options.backend));
}

} // namespace natter::server
