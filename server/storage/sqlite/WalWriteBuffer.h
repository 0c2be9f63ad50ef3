// WalWriteBuffer: an SQLite VFS layered over the default one that gathers a
// transaction's WAL writes and hands them to the kernel as one write when
// SQLite syncs the WAL at the commit.
//
// SQLite appends each frame to the WAL as two pwrite() calls (a 24-byte
// header, then the page), so a group commit of 100 dirty pages cost 200
// system calls before its fsync; on this kind of virtual machine a system
// call costs more than copying the page. With this VFS it costs one.
//
// Why this is safe: with synchronous=FULL (or EXTRA), SQLite syncs the WAL
// at every commit before it publishes the new frames in the WAL index, and
// no other connection reads a frame that is not published. Each WAL file
// handle flushes its buffer before anything that could observe the file:
// sync, read, size, truncate, lock changes and close. A failed flush fails
// the sync, so the commit fails as it would have on the write. With
// synchronous NORMAL or OFF, SQLite publishes frames without a sync, so the
// buffer would hide them from readers: usable() refuses those modes.
//
// Only the connection that opens its database through this VFS uses it (the
// writer; nobody else writes the WAL). Only files SQLite opens as WAL
// (SQLITE_OPEN_WAL) are buffered; every other call passes straight through
// to the default VFS.
#pragma once

#include <QString>

namespace natter::server::sqlite::WalWriteBuffer {

// True when a connection whose synchronous setting is `synchronous` may open
// its database through this VFS: that is FULL or EXTRA, and the VFS is
// registered (on first use, not as the default).
bool usable(const QString &synchronous);
// The VFS's name, for sqlite3_open_v2.
const char *vfsName();

// WAL flushes so far (one per sync with data): for tests.
quint64 flushes();

} // namespace natter::server::sqlite::WalWriteBuffer
