#include "storage/sqlite/SqliteJoinRequests.h"

#include "storage/sqlite/SqliteConnection.h"

namespace natter::server::sqlite {

namespace {

#define REQUEST_COLUMNS                                                                            \
    "r.conversation_id, r.user_id, u.name, r.note, r.time_ms, r.state, r.decided_by,"              \
    " r.decided_ms"

JoinRequestRow requestFrom(const Statement &st)
{
    return JoinRequestRow { st.uint64(0), st.uint64(1), st.text(2), st.text(3), st.int64(4),
        JoinRequestRow::State(st.int32(5)), st.uint64(6), st.int64(7) };
}

} // namespace

SqliteJoinRequests::SqliteJoinRequests(SqliteConnection &db)
    : m_db(db)
{
}

std::optional<JoinRequestRow> SqliteJoinRequests::get(quint64 conversationId, quint64 userId)
{
    Statement &st = m_db.statement("SELECT " REQUEST_COLUMNS " FROM join_requests r"
                                   " JOIN users u ON u.id = r.user_id"
                                   " WHERE r.conversation_id = ? AND r.user_id = ?")
                        .bind(1, conversationId)
                        .bind(2, userId);
    std::optional<JoinRequestRow> row;
    if (st.step())
        row = requestFrom(st);
    st.reset();
    return row;
}

void SqliteJoinRequests::put(const JoinRequestRow &row)
{
    m_db.statement("INSERT OR REPLACE INTO join_requests(conversation_id, user_id, note, time_ms,"
                   " state, decided_by, decided_ms) VALUES(?, ?, ?, ?, ?, ?, ?)")
        .bind(1, row.conversationId)
        .bind(2, row.userId)
        .bindText(3, row.note, true)
        .bind(4, row.timeMs)
        .bind(5, int(row.state))
        .bind(6, row.decidedBy)
        .bind(7, row.decidedMs)
        .run();
}

QList<JoinRequestRow> SqliteJoinRequests::pending(quint64 conversationId)
{
    Statement &st = m_db.statement("SELECT " REQUEST_COLUMNS " FROM join_requests r"
                                   " JOIN users u ON u.id = r.user_id"
                                   " WHERE r.conversation_id = ? AND r.state = 0"
                                   " ORDER BY r.time_ms, r.user_id")
                        .bind(1, conversationId);
    QList<JoinRequestRow> rows;
    while (st.step())
        rows.append(requestFrom(st));
    st.reset();
    return rows;
}

int SqliteJoinRequests::pendingCount(quint64 conversationId)
{
    Statement &st = m_db.statement("SELECT count(*) FROM join_requests"
                                   " WHERE conversation_id = ? AND state = 0")
                        .bind(1, conversationId);
    const int n = st.step() ? st.int32(0) : 0;
    st.reset();
    return n;
}

#undef REQUEST_COLUMNS

} // namespace natter::server::sqlite
