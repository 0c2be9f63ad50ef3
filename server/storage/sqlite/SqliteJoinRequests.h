// JoinRequestStore on SQLite: the join_requests table. Same thread as its
// connection.
#pragma once

#include "storage/JoinRequestStore.h"

namespace natter::server::sqlite {

class SqliteConnection;

class SqliteJoinRequests final : public JoinRequestStore
{
public:
    explicit SqliteJoinRequests(SqliteConnection &db);

    std::optional<JoinRequestRow> get(quint64 conversationId, quint64 userId) override;
    void put(const JoinRequestRow &row) override;
    QList<JoinRequestRow> pending(quint64 conversationId) override;
    int pendingCount(quint64 conversationId) override;

private:
    SqliteConnection &m_db;
};

} // namespace natter::server::sqlite
