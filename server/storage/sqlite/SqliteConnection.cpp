#include "storage/sqlite/SqliteConnection.h"

#include <sqlite3.h>

namespace natter::server::sqlite {

namespace {

StorageError::Kind kindOf(int rc)
{
    switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return StorageError::Kind::Duplicate;
    default: break;
    }
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StorageError::Kind::Busy;
    case SQLITE_FULL: return StorageError::Kind::Full;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return StorageError::Kind::Corrupt;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return StorageError::Kind::Io;
    default: return StorageError::Kind::Internal;
    }
}

} // namespace

void SqliteConnection::fail(sqlite3 *db, int rc, const QString &context)
{
    const QString detail = QString::fromUtf8(
        db && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    throw StorageError(kindOf(rc), QStringLiteral("%1: %2").arg(context, detail));
}

void SqliteConnection::fail(int rc, const QString &context) const
{
    fail(m_db, rc, context);
}

// --- Statement -----------------------------------------------------------------

Statement::Statement(SqliteConnection *connection, sqlite3_stmt *statement)
    : m_connection(connection)
    , m_statement(statement)
{
}

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

void Statement::check(int rc, const char *what)
{
    if (rc != SQLITE_OK)
        m_connection->fail(rc, QLatin1String(what));
}

Statement &Statement::bind(int index, qint64 value)
{
    check(sqlite3_bind_int64(m_statement, index, value), "bind");
    return *this;
}

Statement &Statement::bindText(int index, const QString &text, bool nullIfEmpty)
{
    if (text.isNull() || (nullIfEmpty && text.isEmpty()))
        return bindNull(index);
    const QByteArray utf8 = text.toUtf8();
    check(
        sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT),
        "bind");
    return *this;
}

Statement &Statement::bindText(int index, const QByteArray &bytes)
{
    check(sqlite3_bind_text(
              m_statement, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT),
        "bind");
    return *this;
}

Statement &Statement::bindBlob(int index, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return bindNull(index);
    // SQLITE_STATIC: no copy; the caller's bytes live until the step.
    check(
        sqlite3_bind_blob(m_statement, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC),
        "bind");
    return *this;
}

Statement &Statement::bindNull(int index)
{
    check(sqlite3_bind_null(m_statement, index), "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString context = QString::fromUtf8(sqlite3_sql(m_statement));
    // The error stays on the connection until the statement is reset.
    const int code = sqlite3_extended_errcode(m_connection->handle());
    const QString detail = QString::fromUtf8(sqlite3_errmsg(m_connection->handle()));
    reset();
    throw StorageError(kindOf(code), QStringLiteral("%1 (%2)").arg(detail, context));
}

void Statement::run()
{
    while (step()) { }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

int Statement::int32(int column) const
{
    return sqlite3_column_int(m_statement, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

QByteArray Statement::bytes(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return QByteArray(data, sqlite3_column_bytes(m_statement, column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

// --- SqliteConnection ---------------------------------------------------------

SqliteConnection::SqliteConnection(const QString &path, const char *vfs)
    : m_path(path)
{
    // NOMUTEX: each connection is used by one thread only.
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, vfs);
    if (rc != SQLITE_OK) {
        sqlite3 *db = std::exchange(m_db, nullptr);
        try {
            fail(db, rc, QStringLiteral("cannot open"));
        } catch (...) {
            sqlite3_close(db);
            throw;
        }
    }
    sqlite3_extended_result_codes(m_db, 1);
}

SqliteConnection::~SqliteConnection()
{
    for (Statement *st : std::as_const(m_statements))
        delete st;
    sqlite3_close(m_db);
}

void SqliteConnection::exec(const QByteArray &sql)
{
    char *error = nullptr;
    const int rc = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK)
        fail(rc, QString::fromUtf8(sql));
}

Statement &SqliteConnection::statement(const char *sql)
{
    if (auto it = m_statements.constFind(sql); it != m_statements.cend())
        return **it;
    sqlite3_stmt *st = nullptr;
    if (const int rc = sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr); rc != SQLITE_OK)
        fail(rc, QStringLiteral("prepare %1").arg(QLatin1String(sql)));
    auto *wrapped = new Statement(this, st);
    m_statements.insert(sql, wrapped);
    return *wrapped;
}

int SqliteConnection::changes() const
{
    return sqlite3_changes(m_db);
}

qint64 SqliteConnection::pragmaInt(const char *pragma)
{
    Statement &st = statement(pragma);
    const qint64 value = st.step() ? st.int64(0) : 0;
    st.reset();
    return value;
}

QString likeEscaped(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return escaped;
}

} // namespace natter::server::sqlite
