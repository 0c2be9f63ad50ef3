// SqliteStorage: Storage on Qt's QSQLITE driver. One instance = one named
// connection, created, used and destroyed on one thread (the writer, or a
// network thread's ReadConnection). WAL mode lets reads run while the
// writer commits.
#pragma once

#include "storage/Storage.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>

struct sqlite3;
struct sqlite3_stmt;

namespace natter::server {

struct SqliteOptions
{
    QString synchronous = QStringLiteral("FULL");
    int busyTimeoutMs = 5000;
    bool migrate = true; // the writer migrates; readers only check the version
    // The writer's connection keeps what it read or wrote of rows that only it
    // changes (see SqliteStorage::Cache) and collects each transaction's
    // writes (takeWrites); readers must not.
    bool writerCache = false;
    // Gathers each commit's WAL writes into one write (WalWriteBuffer); only
    // takes effect with synchronous FULL or EXTRA. The writer.
    bool walWriteBuffer = false;
    // The writer (DbWorker): WAL growth, in pages, between checkpoint
    // requests (see Checkpointer).
    int checkpointPages = 32768;
};

class SqliteStorage : public Storage
{
public:
    // Opens (creating if needed) the database file; throws StorageError.
    SqliteStorage(const QString &path, const SqliteOptions &options);
    ~SqliteStorage() override;

    static int schemaVersion();

    // Turns SQLite's automatic checkpoint off on this connection and calls
    // afterCommit(WAL size in pages) after each of its commits instead, so
    // someone else can checkpoint (see Checkpointer). The writer only.
    void setWalHook(std::function<void(int pages)> afterCommit);
    // The writer: what the transaction that just committed inserted or
    // changed, for RecentEvents. begin() and any rollback clear it; a
    // rollback to a savepoint drops what came after the savepoint.
    struct Writes
    {
        QList<EventRow> events; // in insertion order
        QList<quint64> membershipChanged; // conversation ids
    };
    Writes takeWrites() { return std::exchange(m_writes, Writes {}); }

    // A PASSIVE checkpoint on this connection (see Checkpointer). False
    // when another checkpoint was running (SQLITE_BUSY). Other failures are
    // logged: the WAL keeps the data and a later checkpoint tries again.
    bool checkpoint();

    void begin() override;
    void commit() override;
    void rollback() override;
    void savepoint(const QString &name) override;
    void releaseSavepoint(const QString &name) override;
    void rollbackToSavepoint(const QString &name) override;

    std::optional<UserRow> userByName(const QString &name) override;
    std::optional<quint64> userIdByName(const QString &name) override;
    std::optional<UserRow> userById(quint64 id) override;
    void insertUser(const UserRow &user) override;
    void setPasswordHash(quint64 userId, const QByteArray &pwhash) override;
    quint64 appendFeed(quint64 userId, qint64 timeMs, const QByteArray &body) override;
    QList<FeedRow> feed(quint64 userId, quint64 afterSeq, int limit) override;

    void insertDevice(const DeviceRow &device) override;
    std::optional<DeviceRow> deviceById(quint64 id) override;
    QList<DeviceRow> devicesOfUser(quint64 userId) override;
    void touchDevice(quint64 id, qint64 lastSeenMs) override;
    void revokeDevice(quint64 id) override;

    std::optional<ConversationRow> conversationById(quint64 id) override;
    std::optional<quint64> directConversation(const QString &directKey) override;
    void insertConversation(const ConversationRow &row, const QString &directKey) override;
    void setLastSeq(quint64 conversationId, quint64 lastSeq) override;
    void insertMember(const MemberRow &member) override;
    std::optional<MemberRow> member(quint64 conversationId, quint64 userId) override;
    QList<MemberRow> members(quint64 conversationId) override;
    QList<quint64> memberUserIds(quint64 conversationId) override;
    void setReadSeq(quint64 conversationId, quint64 userId, quint64 readSeq) override;
    QList<HeadRow> headsOfUser(quint64 userId) override;

    void insertEvent(const EventRow &event) override;
    std::optional<EventRow> eventByClientId(quint64 senderId, const QString &clientId) override;
    QList<EventRow> events(quint64 conversationId, quint64 afterSeq, int limit) override;

private:
    // The hot path of a send reads the same few rows again and again: the
    // peer's id, the direct conversation, its last seq and its members. The
    // writer is the only connection that changes them, so its copies stay
    // true as long as they are updated with its own writes — and forgotten on
    // any rollback, which may undo writes they were updated with.
    struct Cache
    {
        QHash<QString, quint64> userIds; // users are never renamed or deleted
        QHash<QString, quint64> directConversations;
        QHash<quint64, ConversationRow> conversations;
        QHash<quint64, QList<quint64>> memberIds;
        void clear() { *this = Cache {}; }
    };

    QSqlQuery &prepared(const char *sql); // cached per connection
    sqlite3_stmt *raw(const char *sql); // C API statement, cached per connection
    bool stepRaw(sqlite3_stmt *statement); // true: a row; throws StorageError
    QSqlQuery &preparedSavepoint(const char *verb, const QString &name);
    // One id by a unique text key (sql has one parameter), through `cache`
    // on the writer.
    std::optional<quint64> idByKey(
        QHash<QString, quint64> &cache, const char *sql, const QString &key);
    void exec(QSqlQuery &query);
    void execDirect(const QString &sql);
    void migrate();
    void closeConnection(); // statements, connection and its name

    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<const char *, QSqlQuery> m_statements;
    QHash<QString, QSqlQuery> m_savepointStatements;
    sqlite3 *m_raw = nullptr; // the connection's own handle (QSqlDriver::handle)
    QHash<const char *, sqlite3_stmt *> m_rawStatements;
    std::function<void(int)> m_walHook;
    Writes m_writes; // the writer only (m_useCache)
    std::pair<qsizetype, qsizetype> m_writesAtSavepoint { 0, 0 };
    const bool m_useCache;
    Cache m_cache;
};

} // namespace natter::server
