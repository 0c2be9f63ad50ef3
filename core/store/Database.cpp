#include "store/Database.h"

#include <sqlcipher/sqlite3.h>

namespace natter {

StoreError::StoreError(Kind kind, const QString &message)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
{
}

void Database::throwError(sqlite3 *db, int rc, const char *what)
{
    const QString detail = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    const int primary = rc & 0xff;
    StoreError::Kind kind = StoreError::Kind::Sql;
    QString msg = QStringLiteral("%1: %2").arg(QString::fromUtf8(what), detail);
    if (primary == SQLITE_NOTADB) {
        kind = StoreError::Kind::WrongKey;
        msg = QStringLiteral("the store cannot be decrypted: wrong key or not a Natter store");
    } else if (primary == SQLITE_CORRUPT) {
        kind = StoreError::Kind::Corrupt;
        msg = QStringLiteral("the store is corrupt (%1)").arg(detail);
    } else if (primary == SQLITE_FULL) {
        kind = StoreError::Kind::Full;
        msg = QStringLiteral("the disk is full: %1").arg(detail);
    } else if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN
        || primary == SQLITE_READONLY) {
        kind = StoreError::Kind::Io;
    }
    throw StoreError(kind, msg);
}

Statement::Statement(sqlite3 *db, sqlite3_stmt *stmt)
    : m_db(db)
    , m_stmt(stmt)
{
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, qint64 value)
{
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK)
        Database::throwError(m_db, rc, "bind");
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    const int rc
        = sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        Database::throwError(m_db, rc, "bind");
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &blob)
{
    const int rc
        = sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        Database::throwError(m_db, rc, "bind");
    return *this;
}

Statement &Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK)
        Database::throwError(m_db, rc, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(m_stmt);
    Database::throwError(m_db, rc, "step");
}

void Statement::exec()
{
    while (step()) { }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

QString Statement::firstText()
{
    QString value;
    if (step())
        value = text(0);
    reset();
    return value;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Database::Database(const QString &path, const QByteArray &rawKey)
{
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3 *db = m_db;
        m_db = nullptr;
        try {
            throwError(db, rc, "open");
        } catch (...) {
            sqlite3_close(db);
            throw;
        }
    }
    try {
        // Raw key: no key derivation on open (PERF-NOTES: 54-135 ms per open).
        const QByteArray pragma = "PRAGMA key = \"x'" + rawKey.toHex() + "'\";";
        exec(pragma.constData());
        exec("PRAGMA cipher_page_size = 4096;");
        // The first read proves the key: a wrong key gives SQLITE_NOTADB here.
        exec("SELECT count(*) FROM sqlite_master;");
        exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
             "PRAGMA busy_timeout = 5000;");
        // A bounded WAL (1 MiB, truncated back to that after a checkpoint): an
        // outbox replayed on a nearly full disk must not need 4 MiB of WAL
        // (SQLite's default) to store its acks.
        exec("PRAGMA wal_autocheckpoint = 256; PRAGMA journal_size_limit = 1048576;");
    } catch (...) {
        sqlite3_close(m_db);
        m_db = nullptr;
        throw;
    }
}

Database::~Database()
{
    qDeleteAll(m_statements);
    if (m_db)
        sqlite3_close(m_db);
}

void Database::exec(const char *sql)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK)
        throwError(m_db, rc, "exec");
}

Statement &Database::prepare(const char *sql)
{
    auto it = m_statements.constFind(sql);
    if (it != m_statements.constEnd()) {
        (*it)->reset();
        return **it;
    }
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        throwError(m_db, rc, "prepare");
    auto *wrapped = new Statement(m_db, stmt);
    m_statements.insert(sql, wrapped);
    return *wrapped;
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

int Database::userVersion()
{
    Statement &st = prepare("PRAGMA user_version;");
    st.step();
    const int v = int(st.int64(0));
    st.reset();
    return v;
}

void Database::setUserVersion(int version)
{
    exec(QByteArray("PRAGMA user_version = " + QByteArray::number(version) + ";").constData());
}

Transaction::Transaction(Database &db)
    : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE;");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK;");
        } catch (...) {
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT;");
    m_done = true;
}

} // namespace natter
