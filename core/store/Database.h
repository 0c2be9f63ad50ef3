// A thin RAII layer over the SQLCipher C API: one connection, prepared
// statements cached per SQL text, a transaction guard that rolls back unless
// committed. Every SQL error is thrown as StoreError to the caller.
// A Database belongs to the thread that opened it; never share it.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVariant>

#include <memory>
#include <stdexcept>

struct sqlite3;
struct sqlite3_stmt;

namespace natter {

class StoreError : public std::runtime_error
{
public:
    enum class Kind { Io, WrongKey, Corrupt, Full, Sql, Missing };
    StoreError(Kind kind, const QString &message);
    Kind kind() const { return m_kind; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    Kind m_kind;
};

class Statement
{
public:
    Statement(sqlite3 *db, sqlite3_stmt *stmt);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const QByteArray &blob);
    Statement &bindNull(int index);

    bool step(); // true while a row is available; throws on error
    void exec(); // step to the end
    void reset();
    // Steps once: column 0 of the first row as text (empty when there is no
    // row); the statement is reset after.
    QString firstText();

    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt;
};

class Database
{
public:
    // Opens (creating if missing) the file and applies the raw 32-byte key.
    // Throws StoreError(WrongKey|Corrupt|Io) when the file can't be read.
    Database(const QString &path, const QByteArray &rawKey);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    void exec(const char *sql); // one or more statements, no results
    // A cached statement, reset and with bindings cleared. `sql` must be a
    // string literal: the cache is keyed by its address.
    Statement &prepare(const char *sql);
    int changes() const;

    int userVersion();
    void setUserVersion(int version);

    [[noreturn]] static void throwError(sqlite3 *db, int rc, const char *what);

private:
    sqlite3 *m_db = nullptr;
    QHash<const char *, Statement *> m_statements; // keyed by the literal's address
};

// Rolls back unless commit() was called. Nesting is not supported.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    void commit();

private:
    Database &m_db;
    bool m_done = false;
};

} // namespace natter
