// SqliteConnection: one SQLite connection through the C API — the only
// statement API in natterd's SQLite code. Statements are prepared once per
// SQL text and reused; every SQLite error becomes a typed StorageError
// (a unique-key clash is Duplicate, a full disk Full, ...). Used by one
// thread only (connections are opened without SQLite's mutex).
#pragma once

#include "storage/StorageError.h"

#include <QByteArray>
#include <QHash>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace natter::server::sqlite {

class SqliteConnection;

// A prepared statement owned by its connection. Bind, step, read columns,
// reset: whoever fetches it from statement() finds it reset, and resets it
// when done (step() does on an error), so no statement holds a snapshot.
class Statement
{
public:
    Statement &bind(int index, qint64 value);
    Statement &bind(int index, quint64 value) { return bind(index, qint64(value)); }
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    // Text as UTF-8; NULL when the string is null or empty and nullIfEmpty.
    Statement &bindText(int index, const QString &text, bool nullIfEmpty = false);
    // Bytes as text (Latin-1 data such as password hashes).
    Statement &bindText(int index, const QByteArray &bytes);
    // A blob; NULL when empty. The bytes must outlive the next step().
    Statement &bindBlob(int index, const QByteArray &bytes);
    Statement &bindNull(int index);

    bool step(); // true while a row is there; throws StorageError
    void run(); // steps to the end and resets
    void reset();

    qint64 int64(int column) const;
    quint64 uint64(int column) const { return quint64(int64(column)); }
    int int32(int column) const;
    QString text(int column) const; // null QString for NULL
    QByteArray bytes(int column) const; // a text or blob column
    bool isNull(int column) const;

private:
    friend class SqliteConnection;
    Statement(SqliteConnection *connection, sqlite3_stmt *statement);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    void check(int rc, const char *what);

    SqliteConnection *m_connection;
    sqlite3_stmt *m_statement;
};

class SqliteConnection
{
public:
    // vfs: a registered VFS name or nullptr for the default. Throws
    // StorageError (Io when the file cannot be opened).
    SqliteConnection(const QString &path, const char *vfs = nullptr);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    // One or more statements without results.
    void exec(const QByteArray &sql);
    // The cached statement for this SQL, reset. `sql` must be a string
    // literal or otherwise live as long as the connection: the cache is
    // keyed by its address.
    Statement &statement(const char *sql);
    int changes() const;
    qint64 pragmaInt(const char *pragma); // "PRAGMA x" -> its first column
    sqlite3 *handle() const { return m_db; }
    const QString &path() const { return m_path; }

    // Throws the StorageError for SQLite result code rc.
    [[noreturn]] void fail(int rc, const QString &context) const;
    [[noreturn]] static void fail(sqlite3 *db, int rc, const QString &context);

private:
    const QString m_path;
    sqlite3 *m_db = nullptr;
    QHash<const char *, Statement *> m_statements;
};

// A user's text for LIKE ... ESCAPE '\\': its wildcards and the escape
// character escaped.
QString likeEscaped(const QString &text);

} // namespace natter::server::sqlite
