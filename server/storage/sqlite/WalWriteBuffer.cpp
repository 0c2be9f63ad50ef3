#include "storage/sqlite/WalWriteBuffer.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <new>
#include <string>

namespace natter::server::sqlite::WalWriteBuffer {

namespace {

// A transaction larger than this goes out in pieces of this size: it is
// still unpublished until its commit, so that is as safe as one write.
constexpr size_t kMaxBuffered = size_t(4) * 1024 * 1024;
// The unix VFS writes at most 128 KiB - 1 per call (it masks the length
// with 0x1ffff), so a flush goes out in pieces below that.
constexpr size_t kMaxWrite = size_t(120) * 1024;

sqlite3_vfs *s_base = nullptr; // the default VFS we wrap
sqlite3_vfs s_vfs {};
sqlite3_io_methods s_methods {};
std::atomic<quint64> s_flushes { 0 };

// What SQLite allocates for one of our files (szOsFile): this, then the
// base VFS's own file object.
struct File
{
    sqlite3_file base; // first: SQLite sees a sqlite3_file
    sqlite3_file *real = nullptr;
    bool wal = false;
    sqlite3_int64 start = 0; // file offset of pending[0]
    std::string pending; // contiguous bytes not yet written
};

constexpr size_t kRealOffset = (sizeof(File) + 15) & ~size_t(15);

File *cast(sqlite3_file *f)
{
    return reinterpret_cast<File *>(f);
}

sqlite3_file *real(sqlite3_file *f)
{
    return cast(f)->real;
}

int flush(File *f)
{
    if (f->pending.empty())
        return SQLITE_OK;
    int rc = SQLITE_OK;
    for (size_t at = 0; at < f->pending.size() && rc == SQLITE_OK; at += kMaxWrite) {
        const size_t n = std::min(kMaxWrite, f->pending.size() - at);
        rc = f->real->pMethods->xWrite(
            f->real, f->pending.data() + at, int(n), f->start + sqlite3_int64(at));
    }
    // Written or not, these bytes are done: on failure SQLite fails the
    // commit and writes the frames again, at the same offsets, next time.
    f->pending.clear();
    ++s_flushes;
    return rc;
}

int xClose(sqlite3_file *file)
{
    File *f = cast(file);
    const int flushed = flush(f);
    const int closed = f->real->pMethods->xClose(f->real);
    f->~File();
    return flushed != SQLITE_OK ? flushed : closed;
}

int xRead(sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
    if (const int rc = flush(cast(file)); rc != SQLITE_OK)
        return rc;
    return real(file)->pMethods->xRead(real(file), buf, amount, offset);
}

int xWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    File *f = cast(file);
    if (!f->wal)
        return f->real->pMethods->xWrite(f->real, data, amount, offset);
    if (!f->pending.empty() && offset != f->start + sqlite3_int64(f->pending.size())) {
        if (const int rc = flush(f); rc != SQLITE_OK)
            return rc;
    }
    if (f->pending.empty())
        f->start = offset;
    f->pending.append(static_cast<const char *>(data), size_t(amount));
    return f->pending.size() >= kMaxBuffered ? flush(f) : SQLITE_OK;
}

int xTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    if (const int rc = flush(cast(file)); rc != SQLITE_OK)
        return rc;
    return real(file)->pMethods->xTruncate(real(file), size);
}

int xSync(sqlite3_file *file, int flags)
{
    if (const int rc = flush(cast(file)); rc != SQLITE_OK)
        return rc;
    return real(file)->pMethods->xSync(real(file), flags);
}

int xFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    if (const int rc = flush(cast(file)); rc != SQLITE_OK)
        return rc;
    return real(file)->pMethods->xFileSize(real(file), size);
}

int xLock(sqlite3_file *file, int level)
{
    return real(file)->pMethods->xLock(real(file), level);
}

int xUnlock(sqlite3_file *file, int level)
{
    return real(file)->pMethods->xUnlock(real(file), level);
}

int xCheckReservedLock(sqlite3_file *file, int *out)
{
    return real(file)->pMethods->xCheckReservedLock(real(file), out);
}

int xFileControl(sqlite3_file *file, int op, void *arg)
{
    if (const int rc = flush(cast(file)); rc != SQLITE_OK)
        return rc;
    return real(file)->pMethods->xFileControl(real(file), op, arg);
}

int xSectorSize(sqlite3_file *file)
{
    return real(file)->pMethods->xSectorSize(real(file));
}

int xDeviceCharacteristics(sqlite3_file *file)
{
    return real(file)->pMethods->xDeviceCharacteristics(real(file));
}

int xShmMap(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
    const sqlite3_io_methods *m = real(file)->pMethods;
    return m->iVersion >= 2 ? m->xShmMap(real(file), page, size, extend, out) : SQLITE_IOERR;
}

int xShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    const sqlite3_io_methods *m = real(file)->pMethods;
    return m->iVersion >= 2 ? m->xShmLock(real(file), offset, n, flags) : SQLITE_IOERR;
}

void xShmBarrier(sqlite3_file *file)
{
    const sqlite3_io_methods *m = real(file)->pMethods;
    if (m->iVersion >= 2)
        m->xShmBarrier(real(file));
}

int xShmUnmap(sqlite3_file *file, int deleteFlag)
{
    const sqlite3_io_methods *m = real(file)->pMethods;
    return m->iVersion >= 2 ? m->xShmUnmap(real(file), deleteFlag) : SQLITE_OK;
}

int xFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    const sqlite3_io_methods *m = real(file)->pMethods;
    if (m->iVersion < 3) {
        *out = nullptr; // "no mapping": SQLite reads instead
        return SQLITE_OK;
    }
    if (const int rc = flush(cast(file)); rc != SQLITE_OK)
        return rc;
    return m->xFetch(real(file), offset, amount, out);
}

int xUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    const sqlite3_io_methods *m = real(file)->pMethods;
    return m->iVersion >= 3 ? m->xUnfetch(real(file), offset, page) : SQLITE_OK;
}

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    File *f = new (file) File;
    f->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + kRealOffset);
    f->real->pMethods = nullptr;
    f->wal = (flags & SQLITE_OPEN_WAL) != 0;
    const int rc = s_base->xOpen(s_base, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK || !f->real->pMethods) {
        // SQLite will not call xClose on a file whose pMethods is null.
        if (f->real->pMethods)
            f->real->pMethods->xClose(f->real);
        f->~File();
        file->pMethods = nullptr;
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    file->pMethods = &s_methods;
    return SQLITE_OK;
}

// The rest of the VFS is the base one's.
int xDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    return s_base->xDelete(s_base, name, syncDir);
}
int xAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return s_base->xAccess(s_base, name, flags, out);
}
int xFullPathname(sqlite3_vfs *, const char *name, int n, char *out)
{
    return s_base->xFullPathname(s_base, name, n, out);
}
void *xDlOpen(sqlite3_vfs *, const char *name)
{
    return s_base->xDlOpen(s_base, name);
}
void xDlError(sqlite3_vfs *, int n, char *out)
{
    s_base->xDlError(s_base, n, out);
}
void (*xDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return s_base->xDlSym(s_base, handle, symbol);
}
void xDlClose(sqlite3_vfs *, void *handle)
{
    s_base->xDlClose(s_base, handle);
}
int xRandomness(sqlite3_vfs *, int n, char *out)
{
    return s_base->xRandomness(s_base, n, out);
}
int xSleep(sqlite3_vfs *, int micros)
{
    return s_base->xSleep(s_base, micros);
}
int xCurrentTime(sqlite3_vfs *, double *out)
{
    return s_base->xCurrentTime(s_base, out);
}
int xGetLastError(sqlite3_vfs *, int n, char *out)
{
    return s_base->xGetLastError ? s_base->xGetLastError(s_base, n, out) : 0;
}
int xCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return s_base->xCurrentTimeInt64(s_base, out);
}
int xSetSystemCall(sqlite3_vfs *, const char *name, sqlite3_syscall_ptr call)
{
    return s_base->xSetSystemCall(s_base, name, call);
}
sqlite3_syscall_ptr xGetSystemCall(sqlite3_vfs *, const char *name)
{
    return s_base->xGetSystemCall(s_base, name);
}
const char *xNextSystemCall(sqlite3_vfs *, const char *name)
{
    return s_base->xNextSystemCall(s_base, name);
}

bool registerVfs()
{
    s_base = sqlite3_vfs_find(nullptr);
    // xCurrentTimeInt64 is version 2, the system-call hooks version 3.
    if (!s_base || s_base->iVersion < 3)
        return false;
    s_methods = sqlite3_io_methods { 3, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock,
        xUnlock, xCheckReservedLock, xFileControl, xSectorSize, xDeviceCharacteristics, xShmMap,
        xShmLock, xShmBarrier, xShmUnmap, xFetch, xUnfetch };
    s_vfs = sqlite3_vfs { 3, int(kRealOffset) + s_base->szOsFile, s_base->mxPathname, nullptr,
        "natter-wal-buffer", nullptr, xOpen, xDelete, xAccess, xFullPathname, xDlOpen, xDlError,
        xDlSym, xDlClose, xRandomness, xSleep, xCurrentTime, xGetLastError, xCurrentTimeInt64,
        xSetSystemCall, xGetSystemCall, xNextSystemCall };
    return sqlite3_vfs_register(&s_vfs, 0) == SQLITE_OK;
}

} // namespace

bool usable(const QString &synchronous)
{
    const QString mode = synchronous.toUpper();
    if (mode != QLatin1String("FULL") && mode != QLatin1String("EXTRA"))
        return false;
    static std::once_flag once;
    static bool registered = false;
    std::call_once(once, [] { registered = registerVfs(); });
    return registered;
}

const char *vfsName()
{
    return s_vfs.zName;
}

quint64 flushes()
{
    return s_flushes.load();
}

} // namespace natter::server::sqlite::WalWriteBuffer
