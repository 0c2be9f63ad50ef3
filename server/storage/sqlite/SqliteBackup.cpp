#include "storage/sqlite/SqliteBackup.h"

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/SqliteSchema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

namespace natter::server::sqlite {

namespace {

[[noreturn]] void ioError(const QString &what)
{
    throw StorageError(StorageError::Kind::Io, what);
}

void fsyncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY : O_RDWR);
    if (fd < 0)
        ioError(QStringLiteral("cannot open %1 to sync it").arg(path));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        ioError(QStringLiteral("cannot sync %1 to disk").arg(path));
}

// tmp -> target, durably: the file's data, then the rename in its directory.
void settle(const QString &tmp, const QString &target)
{
    fsyncPath(tmp, false);
    if (::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(tmp);
        ioError(QStringLiteral("cannot rename %1 to %2").arg(tmp, target));
    }
    fsyncPath(QFileInfo(target).absolutePath(), true);
}

void refuseExisting(const QString &target)
{
    if (QFileInfo::exists(target))
        throw StorageError(StorageError::Kind::Duplicate,
            QStringLiteral("%1 exists; natterd does not overwrite it").arg(target));
}

} // namespace

BackupInfo inspectDatabase(const QString &file)
{
    if (!QFileInfo(file).isFile())
        ioError(QStringLiteral("%1: no such file").arg(file));
    BackupInfo info;
    try {
        SqliteConnection db(file);
        Statement &check = db.statement("PRAGMA integrity_check");
        const QString verdict = check.step() ? check.text(0) : QString();
        check.reset();
        if (verdict != QLatin1String("ok"))
            throw StorageError(
                StorageError::Kind::Corrupt, QStringLiteral("integrity check: %1").arg(verdict));
        info.schema = int(db.pragmaInt("PRAGMA user_version"));
        if (info.schema < 1 || info.schema > schemaVersion())
            throw StorageError(StorageError::Kind::Schema,
                QStringLiteral("schema version %1 (this natterd opens 1..%2)")
                    .arg(info.schema)
                    .arg(schemaVersion()));
        info.users = db.pragmaInt("SELECT COUNT(*) FROM users");
        info.events = db.pragmaInt("SELECT COUNT(*) FROM events");
    } catch (const StorageError &e) {
        throw StorageError(e.kind(),
            QStringLiteral("%1 is not a natterd database this natterd can use: %2")
                .arg(file, e.message()));
    }
    info.bytes = QFileInfo(file).size();
    return info;
}

BackupInfo backupDatabase(const QString &databasePath, const QString &target)
{
    refuseExisting(target);
    const QString tmp = target + QStringLiteral(".partial");
    QFile::remove(tmp); // a partial copy of an earlier, failed backup
    QElapsedTimer clock;
    clock.start();
    BackupInfo info;
    try {
        SqliteConnection db(databasePath);
        db.exec("PRAGMA busy_timeout=5000");
        db.statement("VACUUM INTO ?").bindText(1, tmp).run();
        info.schema = int(db.pragmaInt("PRAGMA user_version"));
    } catch (const StorageError &) {
        QFile::remove(tmp);
        throw;
    }
    settle(tmp, target);
    info.bytes = QFileInfo(target).size();
    info.ms = clock.elapsed();
    return info;
}

BackupInfo restoreDatabase(const QString &file, const QString &databasePath)
{
    refuseExisting(databasePath);
    for (const char *suffix : { "-wal", "-shm" }) // a store's leftovers would apply to the copy
        refuseExisting(databasePath + QLatin1String(suffix));
    BackupInfo info = inspectDatabase(file);
    if (!QDir().mkpath(QFileInfo(databasePath).absolutePath()))
        ioError(QStringLiteral("cannot create %1").arg(QFileInfo(databasePath).absolutePath()));
    const QString tmp = databasePath + QStringLiteral(".partial");
    QFile::remove(tmp);
    if (!QFile::copy(file, tmp))
        ioError(QStringLiteral("cannot copy %1 to %2").arg(file, tmp));
    QFile::setPermissions(tmp, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    settle(tmp, databasePath);
    return info;
}

} // namespace natter::server::sqlite
