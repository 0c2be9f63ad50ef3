// StorageError: every storage failure, typed, so callers can answer it
// properly: a unique value that is already taken is Duplicate (the caller
// says "exists" or "conflict"), a full disk is Full, contention is Busy; only
// what nobody can act on is Internal. Thrown by every backend; nothing is
// logged and swallowed inside storage.
#pragma once

#include <QString>

#include <stdexcept>

namespace natter::server {

class StorageError : public std::runtime_error
{
public:
    enum class Kind {
        Duplicate, // a unique key (name, client id, primary key) is taken
        Busy, // another connection holds a lock longer than the timeout
        Full, // the disk or the database is full
        Corrupt, // not a database, or a damaged one
        Io, // the file cannot be opened, read or written
        Schema, // the database's schema is not one this natterd can use
        Internal, // anything else (a bug, a broken invariant)
    };

    StorageError(Kind kind, const QString &message)
        : std::runtime_error(message.toStdString())
        , m_kind(kind)
    {
    }
    explicit StorageError(const QString &message)
        : StorageError(Kind::Internal, message)
    {
    }

    Kind kind() const { return m_kind; }
    QString message() const { return QString::fromStdString(what()); }
    static const char *kindName(Kind kind);

private:
    Kind m_kind;
};

inline const char *StorageError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Duplicate: return "duplicate";
    case Kind::Busy: return "busy";
    case Kind::Full: return "full";
    case Kind::Corrupt: return "corrupt";
    case Kind::Io: return "io";
    case Kind::Schema: return "schema";
    case Kind::Internal: return "internal";
    }
    return "internal";
}

} // namespace natter::server
