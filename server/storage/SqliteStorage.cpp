#include "storage/SqliteStorage.h"

#include "Logging.h"
#include "storage/Schema.h"
#include "storage/TransactionGuard.h"
#include "storage/WalWriteBuffer.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

#include <sqlite3.h>

namespace natter::server {

namespace {

QAtomicInteger<int> s_connectionCounter;

qint64 sqlId(quint64 id)
{
    return static_cast<qint64>(id);
}

quint64 u64(const QVariant &v)
{
    return static_cast<quint64>(v.toLongLong());
}

UserRow userFrom(const QSqlQuery &q)
{
    return UserRow { u64(q.value(0)), q.value(1).toString(), q.value(2).toByteArray(),
        q.value(3).toLongLong(), u64(q.value(4)) };
}

DeviceRow deviceFrom(const QSqlQuery &q)
{
    return DeviceRow { u64(q.value(0)), u64(q.value(1)), q.value(2).toString(),
        q.value(3).toByteArray(), q.value(4).toLongLong(), q.value(5).toLongLong(),
        q.value(6).toInt() != 0 };
}

constexpr const char *kEventColumns
    = "conversation_id, seq, id, sender_id, sender_device, client_id, kind, time_ms, body";

} // namespace

SqliteStorage::SqliteStorage(const QString &path, const SqliteOptions &options)
    : m_connectionName(QStringLiteral("natterd-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1)))
    , m_useCache(options.writerCache)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    try {
        const QString uri = options.walWriteBuffer
            ? WalWriteBuffer::uriFor(path, options.synchronous)
            : QString();
        m_db.setDatabaseName(uri.isEmpty() ? path : uri);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs)
            + (uri.isEmpty() ? QString() : QStringLiteral(";QSQLITE_OPEN_URI")));
        if (!m_db.open())
            throw StorageError(
                QStringLiteral("cannot open database %1: %2").arg(path, m_db.lastError().text()));
        // The hot statements (a send's, a pull's) go through SQLite's C API on
        // this same connection: no QVariant or QString per bound value or column.
        const QVariant handle = m_db.driver()->handle();
        if (qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_raw = *static_cast<sqlite3 *const *>(handle.data());
        if (!m_raw)
            throw StorageError(QStringLiteral("no SQLite handle for %1").arg(path));
        // Probe: a file that is not a database fails here, not at the first request.
        execDirect(QStringLiteral("PRAGMA journal_mode=WAL"));
        execDirect(QStringLiteral("PRAGMA synchronous=%1").arg(options.synchronous));
        execDirect(QStringLiteral("PRAGMA busy_timeout=%1").arg(options.busyTimeoutMs));
        // A larger page cache: the writer keeps its pages across transactions
        // (a reader's last only until the WAL changes). No memory map: a
        // reader must drop its map with its cache whenever the WAL changed
        // since its last transaction (always, under load), and unmapping
        // cost more than the map saved.
        execDirect(QStringLiteral("PRAGMA cache_size=-32768"));
        if (options.migrate) {
            migrate();
        } else {
            QSqlQuery q(m_db);
            if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
                throw StorageError(q.lastError().text());
            if (q.value(0).toInt() != schemaVersion())
                throw StorageError(QStringLiteral("database schema version %1, expected %2")
                                       .arg(q.value(0).toInt())
                                       .arg(schemaVersion()));
        }
    } catch (const StorageError &) {
        closeConnection(); // no destructor runs
        throw;
    }
}

SqliteStorage::~SqliteStorage()
{
    closeConnection();
}

void SqliteStorage::closeConnection()
{
    m_statements.clear();
    m_savepointStatements.clear();
    for (sqlite3_stmt *st : std::as_const(m_rawStatements))
        sqlite3_finalize(st);
    m_rawStatements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void SqliteStorage::setWalHook(std::function<void(int pages)> afterCommit)
{
    m_walHook = std::move(afterCommit);
    sqlite3_wal_hook(
        m_raw,
        [](void *hook, sqlite3 *, const char *, int pages) {
            (*static_cast<std::function<void(int)> *>(hook))(pages);
            return SQLITE_OK;
        },
        &m_walHook);
}

bool SqliteStorage::checkpoint()
{
    const int rc
        = sqlite3_wal_checkpoint_v2(m_raw, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc == SQLITE_BUSY)
        return false;
    if (rc != SQLITE_OK)
        qCWarning(lcStorage) << "checkpoint failed:" << sqlite3_errmsg(m_raw);
    return true;
}

int SqliteStorage::schemaVersion()
{
    return static_cast<int>(schemaMigrations().size());
}

void SqliteStorage::migrate()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        throw StorageError(
            QStringLiteral("cannot read schema version: %1").arg(q.lastError().text()));
    const int current = q.value(0).toInt();
    q.finish();
    const auto &steps = schemaMigrations();
    if (current > steps.size())
        throw StorageError(QStringLiteral("database schema version %1 is newer than this "
                                          "natterd (%2)")
                               .arg(current)
                               .arg(steps.size()));
    for (int v = current; v < steps.size(); ++v) {
        TransactionGuard tx(*this);
        for (const QString &sql : steps[v])
            execDirect(sql);
        execDirect(QStringLiteral("PRAGMA user_version=%1").arg(v + 1));
        tx.commit();
        qCInfo(lcStorage) << "migrated schema to version" << v + 1;
    }
}

QSqlQuery &SqliteStorage::prepared(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        if (!q.prepare(QString::fromLatin1(sql)))
            throw StorageError(QStringLiteral("prepare failed: %1 (%2)")
                                   .arg(q.lastError().text(), QString::fromLatin1(sql)));
        it = m_statements.insert(sql, q);
    }
    return it.value();
}

void SqliteStorage::exec(QSqlQuery &query)
{
    if (!query.exec())
        throw StorageError(
            QStringLiteral("%1 (%2)").arg(query.lastError().text(), query.lastQuery()));
}

sqlite3_stmt *SqliteStorage::raw(const char *sql)
{
    auto it = m_rawStatements.constFind(sql);
    if (it != m_rawStatements.cend())
        return *it;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(m_raw, sql, -1, &st, nullptr) != SQLITE_OK)
        throw StorageError(QStringLiteral("prepare failed: %1 (%2)")
                               .arg(QString::fromUtf8(sqlite3_errmsg(m_raw)), QLatin1String(sql)));
    m_rawStatements.insert(sql, st);
    return st;
}

bool SqliteStorage::stepRaw(sqlite3_stmt *st)
{
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString error = QString::fromUtf8(sqlite3_errmsg(m_raw));
    sqlite3_reset(st);
    throw StorageError(QStringLiteral("%1 (%2)").arg(error, QString::fromUtf8(sqlite3_sql(st))));
}

void SqliteStorage::execDirect(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        throw StorageError(QStringLiteral("%1 (%2)").arg(q.lastError().text(), sql));
}

// Every reader request and every writer batch is a transaction: prepared once.
void SqliteStorage::begin()
{
    m_writes = {};
    exec(prepared("BEGIN"));
}

void SqliteStorage::commit()
{
    exec(prepared("COMMIT"));
}

void SqliteStorage::rollback()
{
    m_cache.clear();
    m_writes = {};
    exec(prepared("ROLLBACK"));
}

QSqlQuery &SqliteStorage::preparedSavepoint(const char *verb, const QString &name)
{
    const QString sql = QLatin1String(verb) + name;
    auto it = m_savepointStatements.find(sql);
    if (it == m_savepointStatements.end()) {
        QSqlQuery q(m_db);
        if (!q.prepare(sql))
            throw StorageError(
                QStringLiteral("prepare failed: %1 (%2)").arg(q.lastError().text(), sql));
        it = m_savepointStatements.insert(sql, q);
    }
    return it.value();
}

void SqliteStorage::savepoint(const QString &name)
{
    // DbWorker nests none: one mark is enough.
    m_writesAtSavepoint = { m_writes.events.size(), m_writes.membershipChanged.size() };
    exec(preparedSavepoint("SAVEPOINT ", name));
}

void SqliteStorage::releaseSavepoint(const QString &name)
{
    exec(preparedSavepoint("RELEASE SAVEPOINT ", name));
}

void SqliteStorage::rollbackToSavepoint(const QString &name)
{
    m_cache.clear();
    m_writes.events.resize(m_writesAtSavepoint.first);
    m_writes.membershipChanged.resize(m_writesAtSavepoint.second);
    exec(preparedSavepoint("ROLLBACK TO SAVEPOINT ", name));
}

// --- users -------------------------------------------------------------------

std::optional<UserRow> SqliteStorage::userByName(const QString &name)
{
    auto &q = prepared("SELECT id, name, pwhash, created_ms, feed_seq FROM users WHERE name = ?");
    q.bindValue(0, name);
    exec(q);
    std::optional<UserRow> row;
    if (q.next())
        row = userFrom(q);
    q.finish();
    return row;
}

std::optional<quint64> SqliteStorage::idByKey(
    QHash<QString, quint64> &cache, const char *sql, const QString &key)
{
    if (m_useCache) {
        if (auto it = cache.constFind(key); it != cache.cend())
            return *it;
    }
    auto &q = prepared(sql);
    q.bindValue(0, key);
    exec(q);
    std::optional<quint64> id;
    if (q.next())
        id = u64(q.value(0));
    q.finish();
    if (id && m_useCache)
        cache.insert(key, *id);
    return id;
}

std::optional<quint64> SqliteStorage::userIdByName(const QString &name)
{
    return idByKey(m_cache.userIds, "SELECT id FROM users WHERE name = ?", name);
}

std::optional<UserRow> SqliteStorage::userById(quint64 id)
{
    auto &q = prepared("SELECT id, name, pwhash, created_ms, feed_seq FROM users WHERE id = ?");
    q.bindValue(0, sqlId(id));
    exec(q);
    std::optional<UserRow> row;
    if (q.next())
        row = userFrom(q);
    q.finish();
    return row;
}

void SqliteStorage::insertUser(const UserRow &user)
{
    auto &q = prepared(
        "INSERT INTO users(id, name, pwhash, created_ms, feed_seq) VALUES(?, ?, ?, ?, 0)");
    q.bindValue(0, sqlId(user.id));
    q.bindValue(1, user.name);
    q.bindValue(2, QString::fromLatin1(user.pwhash));
    q.bindValue(3, user.createdMs);
    exec(q);
}

void SqliteStorage::setPasswordHash(quint64 userId, const QByteArray &pwhash)
{
    auto &q = prepared("UPDATE users SET pwhash = ? WHERE id = ?");
    q.bindValue(0, QString::fromLatin1(pwhash));
    q.bindValue(1, sqlId(userId));
    exec(q);
}

quint64 SqliteStorage::appendFeed(quint64 userId, qint64 timeMs, const QByteArray &body)
{
    auto &up = prepared("UPDATE users SET feed_seq = feed_seq + 1 WHERE id = ?");
    up.bindValue(0, sqlId(userId));
    exec(up);
    if (up.numRowsAffected() != 1)
        throw StorageError(QStringLiteral("appendFeed: no user %1").arg(userId));
    auto &sel = prepared("SELECT feed_seq FROM users WHERE id = ?");
    sel.bindValue(0, sqlId(userId));
    exec(sel);
    if (!sel.next())
        throw StorageError(QStringLiteral("appendFeed: user %1 vanished").arg(userId));
    const quint64 seq = u64(sel.value(0));
    sel.finish();
    auto &ins = prepared("INSERT INTO feed(user_id, seq, time_ms, body) VALUES(?, ?, ?, ?)");
    ins.bindValue(0, sqlId(userId));
    ins.bindValue(1, sqlId(seq));
    ins.bindValue(2, timeMs);
    ins.bindValue(3, body);
    exec(ins);
    return seq;
}

QList<FeedRow> SqliteStorage::feed(quint64 userId, quint64 afterSeq, int limit)
{
    auto &q = prepared("SELECT seq, time_ms, body FROM feed WHERE user_id = ? AND seq > ?"
                       " ORDER BY seq LIMIT ?");
    q.bindValue(0, sqlId(userId));
    q.bindValue(1, sqlId(afterSeq));
    q.bindValue(2, limit);
    exec(q);
    QList<FeedRow> rows;
    while (q.next())
        rows.append(FeedRow { u64(q.value(0)), q.value(1).toLongLong(), q.value(2).toByteArray() });
    q.finish();
    return rows;
}

// --- devices -----------------------------------------------------------------

void SqliteStorage::insertDevice(const DeviceRow &d)
{
    auto &q = prepared("INSERT INTO devices(id, user_id, name, token_hash, created_ms,"
                       " last_seen_ms, revoked) VALUES(?, ?, ?, ?, ?, ?, ?)");
    q.bindValue(0, sqlId(d.id));
    q.bindValue(1, sqlId(d.userId));
    q.bindValue(2, d.name);
    q.bindValue(3, d.tokenHash);
    q.bindValue(4, d.createdMs);
    q.bindValue(5, d.lastSeenMs);
    q.bindValue(6, d.revoked ? 1 : 0);
    exec(q);
}

std::optional<DeviceRow> SqliteStorage::deviceById(quint64 id)
{
    auto &q = prepared("SELECT id, user_id, name, token_hash, created_ms, last_seen_ms, revoked"
                       " FROM devices WHERE id = ?");
    q.bindValue(0, sqlId(id));
    exec(q);
    std::optional<DeviceRow> row;
    if (q.next())
        row = deviceFrom(q);
    q.finish();
    return row;
}

QList<DeviceRow> SqliteStorage::devicesOfUser(quint64 userId)
{
    auto &q = prepared("SELECT id, user_id, name, token_hash, created_ms, last_seen_ms, revoked"
                       " FROM devices WHERE user_id = ? ORDER BY id");
    q.bindValue(0, sqlId(userId));
    exec(q);
    QList<DeviceRow> rows;
    while (q.next())
        rows.append(deviceFrom(q));
    q.finish();
    return rows;
}

void SqliteStorage::touchDevice(quint64 id, qint64 lastSeenMs)
{
    auto &q = prepared("UPDATE devices SET last_seen_ms = ? WHERE id = ?");
    q.bindValue(0, lastSeenMs);
    q.bindValue(1, sqlId(id));
    exec(q);
}

void SqliteStorage::revokeDevice(quint64 id)
{
    auto &q = prepared("UPDATE devices SET revoked = 1 WHERE id = ?");
    q.bindValue(0, sqlId(id));
    exec(q);
}

// --- conversations -----------------------------------------------------------

std::optional<ConversationRow> SqliteStorage::conversationById(quint64 id)
{
    if (m_useCache) {
        if (auto it = m_cache.conversations.constFind(id); it != m_cache.conversations.cend())
            return *it;
    }
    auto &q = prepared("SELECT id, kind, last_seq, created_ms FROM conversations WHERE id = ?");
    q.bindValue(0, sqlId(id));
    exec(q);
    std::optional<ConversationRow> row;
    if (q.next())
        row = ConversationRow { u64(q.value(0)), q.value(1).toInt(), u64(q.value(2)),
            q.value(3).toLongLong() };
    q.finish();
    if (row && m_useCache)
        m_cache.conversations.insert(id, *row);
    return row;
}

std::optional<quint64> SqliteStorage::directConversation(const QString &directKey)
{
    return idByKey(m_cache.directConversations, "SELECT id FROM conversations WHERE direct_key = ?",
        directKey);
}

void SqliteStorage::insertConversation(const ConversationRow &row, const QString &directKey)
{
    auto &q = prepared("INSERT INTO conversations(id, kind, direct_key, last_seq, created_ms)"
                       " VALUES(?, ?, ?, ?, ?)");
    q.bindValue(0, sqlId(row.id));
    q.bindValue(1, row.kind);
    q.bindValue(2, directKey.isEmpty() ? QVariant() : QVariant(directKey));
    q.bindValue(3, sqlId(row.lastSeq));
    q.bindValue(4, row.createdMs);
    exec(q);
    if (m_useCache) {
        m_cache.conversations.insert(row.id, row);
        if (!directKey.isEmpty())
            m_cache.directConversations.insert(directKey, row.id);
    }
}

void SqliteStorage::setLastSeq(quint64 conversationId, quint64 lastSeq)
{
    sqlite3_stmt *st = raw("UPDATE conversations SET last_seq = ? WHERE id = ?");
    sqlite3_bind_int64(st, 1, sqlId(lastSeq));
    sqlite3_bind_int64(st, 2, sqlId(conversationId));
    stepRaw(st);
    sqlite3_reset(st);
    if (m_useCache) {
        if (auto it = m_cache.conversations.find(conversationId); it != m_cache.conversations.end())
            it->lastSeq = lastSeq;
    }
}

void SqliteStorage::insertMember(const MemberRow &m)
{
    auto &q = prepared("INSERT INTO members(conversation_id, user_id, role, joined_seq, read_seq)"
                       " VALUES(?, ?, ?, ?, ?)");
    q.bindValue(0, sqlId(m.conversationId));
    q.bindValue(1, sqlId(m.userId));
    q.bindValue(2, m.role);
    q.bindValue(3, sqlId(m.joinedSeq));
    q.bindValue(4, sqlId(m.readSeq));
    exec(q);
    m_cache.memberIds.remove(m.conversationId);
    if (m_useCache)
        m_writes.membershipChanged.append(m.conversationId);
}

std::optional<MemberRow> SqliteStorage::member(quint64 conversationId, quint64 userId)
{
    auto &q = prepared("SELECT m.conversation_id, m.user_id, u.name, m.role, m.joined_seq,"
                       " m.read_seq FROM members m JOIN users u ON u.id = m.user_id"
                       " WHERE m.conversation_id = ? AND m.user_id = ?");
    q.bindValue(0, sqlId(conversationId));
    q.bindValue(1, sqlId(userId));
    exec(q);
    std::optional<MemberRow> row;
    if (q.next())
        row = MemberRow { u64(q.value(0)), u64(q.value(1)), q.value(2).toString(),
            q.value(3).toInt(), u64(q.value(4)), u64(q.value(5)) };
    q.finish();
    return row;
}

QList<MemberRow> SqliteStorage::members(quint64 conversationId)
{
    auto &q = prepared("SELECT m.conversation_id, m.user_id, u.name, m.role, m.joined_seq,"
                       " m.read_seq FROM members m JOIN users u ON u.id = m.user_id"
                       " WHERE m.conversation_id = ? ORDER BY m.user_id");
    q.bindValue(0, sqlId(conversationId));
    exec(q);
    QList<MemberRow> rows;
    while (q.next())
        rows.append(MemberRow { u64(q.value(0)), u64(q.value(1)), q.value(2).toString(),
            q.value(3).toInt(), u64(q.value(4)), u64(q.value(5)) });
    q.finish();
    return rows;
}

QList<quint64> SqliteStorage::memberUserIds(quint64 conversationId)
{
    if (m_useCache) {
        if (auto it = m_cache.memberIds.constFind(conversationId); it != m_cache.memberIds.cend())
            return *it;
    }
    auto &q = prepared("SELECT user_id FROM members WHERE conversation_id = ? ORDER BY user_id");
    q.bindValue(0, sqlId(conversationId));
    exec(q);
    QList<quint64> ids;
    while (q.next())
        ids.append(u64(q.value(0)));
    q.finish();
    if (m_useCache)
        m_cache.memberIds.insert(conversationId, ids);
    return ids;
}

void SqliteStorage::setReadSeq(quint64 conversationId, quint64 userId, quint64 readSeq)
{
    auto &q = prepared("UPDATE members SET read_seq = ? WHERE conversation_id = ? AND user_id = ?");
    q.bindValue(0, sqlId(readSeq));
    q.bindValue(1, sqlId(conversationId));
    q.bindValue(2, sqlId(userId));
    exec(q);
}

QList<HeadRow> SqliteStorage::headsOfUser(quint64 userId)
{
    auto &q = prepared("SELECT c.id, c.last_seq FROM members m JOIN conversations c"
                       " ON c.id = m.conversation_id WHERE m.user_id = ? ORDER BY c.id");
    q.bindValue(0, sqlId(userId));
    exec(q);
    QList<HeadRow> rows;
    while (q.next())
        rows.append(HeadRow { u64(q.value(0)), u64(q.value(1)) });
    q.finish();
    return rows;
}

// --- events ------------------------------------------------------------------

namespace {
// Binds a nullable text (NULL when empty); the bytes are copied.
void bindText(sqlite3_stmt *st, int index, const QString &text)
{
    if (text.isEmpty()) {
        sqlite3_bind_null(st, index);
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(st, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

EventRow eventFromRaw(sqlite3_stmt *st)
{
    auto u = [st](int col) { return static_cast<quint64>(sqlite3_column_int64(st, col)); };
    const auto *clientId = reinterpret_cast<const char *>(sqlite3_column_text(st, 5));
    const auto *body = static_cast<const char *>(sqlite3_column_blob(st, 8));
    return EventRow { u(0), u(1), u(2), u(3), u(4),
        clientId ? QString::fromUtf8(clientId, sqlite3_column_bytes(st, 5)) : QString(),
        sqlite3_column_int(st, 6), sqlite3_column_int64(st, 7),
        QByteArray(body, sqlite3_column_bytes(st, 8)) };
}
} // namespace

void SqliteStorage::insertEvent(const EventRow &e)
{
    sqlite3_stmt *st = raw("INSERT INTO events(conversation_id, seq, id, sender_id, sender_device,"
                           " client_id, kind, time_ms, body) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_bind_int64(st, 1, sqlId(e.conversationId));
    sqlite3_bind_int64(st, 2, sqlId(e.seq));
    sqlite3_bind_int64(st, 3, sqlId(e.id));
    sqlite3_bind_int64(st, 4, sqlId(e.senderId));
    sqlite3_bind_int64(st, 5, sqlId(e.senderDevice));
    bindText(st, 6, e.clientId);
    sqlite3_bind_int(st, 7, e.kind);
    sqlite3_bind_int64(st, 8, e.timeMs);
    if (e.body.isEmpty()) // as Qt bound an empty QByteArray: NULL
        sqlite3_bind_null(st, 9);
    else
        sqlite3_bind_blob(st, 9, e.body.constData(), int(e.body.size()),
            SQLITE_STATIC); // e outlives the step
    stepRaw(st);
    sqlite3_reset(st);
    if (m_useCache)
        m_writes.events.append(e);
}

std::optional<EventRow> SqliteStorage::eventByClientId(quint64 senderId, const QString &clientId)
{
    static const QByteArray sql = QByteArray("SELECT ") + kEventColumns
        + " FROM events WHERE sender_id = ? AND client_id = ?";
    sqlite3_stmt *st = raw(sql.constData());
    sqlite3_bind_int64(st, 1, sqlId(senderId));
    bindText(st, 2, clientId);
    std::optional<EventRow> row;
    if (stepRaw(st))
        row = eventFromRaw(st);
    sqlite3_reset(st);
    return row;
}

QList<EventRow> SqliteStorage::events(quint64 conversationId, quint64 afterSeq, int limit)
{
    static const QByteArray sql = QByteArray("SELECT ") + kEventColumns
        + " FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?";
    sqlite3_stmt *st = raw(sql.constData());
    sqlite3_bind_int64(st, 1, sqlId(conversationId));
    sqlite3_bind_int64(st, 2, sqlId(afterSeq));
    sqlite3_bind_int(st, 3, limit);
    QList<EventRow> rows;
    while (stepRaw(st)) // on an error it resets the statement and throws
        rows.append(eventFromRaw(st));
    sqlite3_reset(st);
    return rows;
}

} // namespace natter::server
