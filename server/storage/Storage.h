// Storage: the server's persistent state behind a portable interface (plain
// SQL that PostgreSQL can also run). An instance is one database connection
// and is used by exactly one thread (the writer, or the network thread
// that owns a read connection).
// Every failure throws StorageError; nothing is logged and swallowed.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <stdexcept>

namespace natter::server {

class StorageError : public std::runtime_error
{
public:
    explicit StorageError(const QString &message)
        : std::runtime_error(message.toStdString())
    {
    }
    QString message() const { return QString::fromStdString(what()); }
};

struct UserRow
{
    quint64 id = 0;
    QString name;
    QByteArray pwhash;
    qint64 createdMs = 0;
    quint64 feedSeq = 0;
};

struct DeviceRow
{
    quint64 id = 0;
    quint64 userId = 0;
    QString name;
    QByteArray tokenHash;
    qint64 createdMs = 0;
    qint64 lastSeenMs = 0;
    bool revoked = false;
};

struct ConversationRow
{
    quint64 id = 0;
    int kind = 0;
    quint64 lastSeq = 0;
    qint64 createdMs = 0;
};

struct MemberRow
{
    quint64 conversationId = 0;
    quint64 userId = 0;
    QString userName;
    int role = 0;
    quint64 joinedSeq = 0;
    quint64 readSeq = 0;
};

struct EventRow
{
    quint64 conversationId = 0;
    quint64 seq = 0;
    quint64 id = 0;
    quint64 senderId = 0;
    quint64 senderDevice = 0;
    QString clientId; // empty = none (stored as NULL)
    int kind = 0;
    qint64 timeMs = 0;
    QByteArray body;
};

struct FeedRow
{
    quint64 seq = 0;
    qint64 timeMs = 0;
    QByteArray body; // serialized FeedEntry without seq/time
};

struct HeadRow
{
    quint64 conversationId = 0;
    quint64 lastSeq = 0;
};

class Storage
{
public:
    virtual ~Storage() = default;

    // Transactions and savepoints (used by TransactionGuard and the writer).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual void savepoint(const QString &name) = 0;
    virtual void releaseSavepoint(const QString &name) = 0;
    virtual void rollbackToSavepoint(const QString &name) = 0;

    // Users
    virtual std::optional<UserRow> userByName(const QString &name) = 0;
    virtual std::optional<quint64> userIdByName(const QString &name) = 0;
    virtual std::optional<UserRow> userById(quint64 id) = 0;
    virtual void insertUser(const UserRow &user) = 0;
    virtual void setPasswordHash(quint64 userId, const QByteArray &pwhash) = 0;
    // Increments the user's feed seq and appends the entry; returns the new seq.
    virtual quint64 appendFeed(quint64 userId, qint64 timeMs, const QByteArray &body) = 0;
    virtual QList<FeedRow> feed(quint64 userId, quint64 afterSeq, int limit) = 0;

    // Devices
    virtual void insertDevice(const DeviceRow &device) = 0;
    virtual std::optional<DeviceRow> deviceById(quint64 id) = 0;
    virtual QList<DeviceRow> devicesOfUser(quint64 userId) = 0;
    virtual void touchDevice(quint64 id, qint64 lastSeenMs) = 0;
    virtual void revokeDevice(quint64 id) = 0;

    // Conversations and members
    virtual std::optional<ConversationRow> conversationById(quint64 id) = 0;
    virtual std::optional<quint64> directConversation(const QString &directKey) = 0;
    virtual void insertConversation(const ConversationRow &row, const QString &directKey) = 0;
    virtual void setLastSeq(quint64 conversationId, quint64 lastSeq) = 0;
    virtual void insertMember(const MemberRow &member) = 0;
    virtual std::optional<MemberRow> member(quint64 conversationId, quint64 userId) = 0;
    virtual QList<MemberRow> members(quint64 conversationId) = 0;
    virtual QList<quint64> memberUserIds(quint64 conversationId) = 0; // ascending
    virtual void setReadSeq(quint64 conversationId, quint64 userId, quint64 readSeq) = 0;
    virtual QList<HeadRow> headsOfUser(quint64 userId) = 0;

    // Events
    virtual void insertEvent(const EventRow &event) = 0;
    virtual std::optional<EventRow> eventByClientId(quint64 senderId, const QString &clientId) = 0;
    virtual QList<EventRow> events(quint64 conversationId, quint64 afterSeq, int limit) = 0;
};

} // namespace natter::server
