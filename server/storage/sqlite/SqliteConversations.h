// ConversationStore on SQLite: the conversations and members tables. On the
// writer it keeps the conversation rows, direct-conversation keys and member
// ids it has seen in the WriterState cache (SqliteEvents moves the cached
// last seq with each append). Same thread as its connection.
#pragma once

#include "storage/ConversationStore.h"

namespace natter::server::sqlite {

class SqliteConnection;
struct WriterState;

class SqliteConversations final : public ConversationStore
{
public:
    SqliteConversations(SqliteConnection &db, WriterState *writer);

    std::optional<ConversationRow> byId(quint64 id) override;
    std::optional<quint64> directByKey(const QString &directKey) override;
    void insert(const ConversationRow &row, const QString &directKey) override;
    void updateGroup(const ConversationRow &row) override;
    void insertMember(const MemberRow &member) override;
    void updateMember(const MemberRow &member) override;
    std::optional<MemberRow> member(quint64 conversationId, quint64 userId) override;
    QList<MemberRow> members(quint64 conversationId) override;
    QList<quint64> memberUserIds(quint64 conversationId) override;
    void setReadSeq(quint64 conversationId, quint64 userId, quint64 readSeq) override;
    bool raiseDeliveredSeq(quint64 conversationId, quint64 userId, quint64 deliveredSeq) override;
    QList<HeadRow> headsOfUser(quint64 userId) override;
    QList<GroupSummaryRow> searchGroups(
        int kind, const QString &text, int unlistedJoinPolicy, int limit) override;

    // SqliteEvents, after it appended at seq.
    void setLastSeq(quint64 conversationId, quint64 lastSeq);

private:
    void membershipChanged(quint64 conversationId); // the writer's copies go

    SqliteConnection &m_db;
    WriterState *m_writer; // null on readers
};

} // namespace natter::server::sqlite
