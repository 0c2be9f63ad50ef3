#include "storage/sqlite/SqliteConversations.h"

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/WriterState.h"

#include <algorithm>

namespace natter::server::sqlite {

namespace {

#define MEMBER_COLUMNS                                                                             \
    "m.conversation_id, m.user_id, u.name, m.role, m.joined_seq, m.read_seq, m.left_seq,"          \
    " m.nickname, m.remark, m.since_seq, m.delivered_seq, u.receipts_off,"                         \
    " u.presence_off"

MemberRow memberFrom(const Statement &st)
{
    return MemberRow { st.uint64(0), st.uint64(1), st.text(2), st.int32(3), st.uint64(4),
        st.uint64(5), st.uint64(6), st.text(7), st.text(8), st.uint64(9), st.uint64(10),
        st.int32(11) != 0, st.int32(12) != 0 };
}

} // namespace

SqliteConversations::SqliteConversations(SqliteConnection &db, WriterState *writer)
    : m_db(db)
    , m_writer(writer)
{
}

std::optional<ConversationRow> SqliteConversations::byId(quint64 id)
{
    if (m_writer) {
        auto &cached = m_writer->cache.conversations;
        if (auto it = cached.constFind(id); it != cached.cend())
            return *it;
    }
    Statement &st = m_db.statement("SELECT id, kind, last_seq, created_ms, name, join_policy,"
                                   " history_policy, version, announcement, dissolved,"
                                   " mention_policy FROM conversations WHERE id = ?")
                        .bind(1, id);
    std::optional<ConversationRow> row;
    if (st.step())
        row = ConversationRow { st.uint64(0), st.int32(1), st.uint64(2), st.int64(3), st.text(4),
            st.int32(5), st.int32(6), st.uint64(7), st.text(8), st.int32(9) != 0, st.int32(10) };
    st.reset();
    if (row && m_writer)
        m_writer->cache.conversations.insert(id, *row);
    return row;
}

std::optional<quint64> SqliteConversations::directByKey(const QString &directKey)
{
    if (m_writer) {
        auto &cached = m_writer->cache.directConversations;
        if (auto it = cached.constFind(directKey); it != cached.cend())
            return *it;
    }
    Statement &st = m_db.statement("SELECT id FROM conversations WHERE direct_key = ?")
                        .bindText(1, directKey);
    std::optional<quint64> id;
    if (st.step())
        id = st.uint64(0);
    st.reset();
    if (id && m_writer)
        m_writer->cache.directConversations.insert(directKey, *id);
    return id;
}

void SqliteConversations::insert(const ConversationRow &row, const QString &directKey)
{
    m_db.statement("INSERT INTO conversations(id, kind, direct_key, last_seq, created_ms, name,"
                   " join_policy, history_policy, version, announcement, dissolved, mention_policy)"
                   " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, row.id)
        .bind(2, row.kind)
        .bindText(3, directKey, true)
        .bind(4, row.lastSeq)
        .bind(5, row.createdMs)
        .bindText(6, row.name, true)
        .bind(7, row.joinPolicy)
        .bind(8, row.historyPolicy)
        .bind(9, row.version)
        .bindText(10, row.announcement, true)
        .bind(11, int(row.dissolved))
        .bind(12, row.mentionPolicy)
        .run();
    if (m_writer) {
        m_writer->cache.conversations.insert(row.id, row);
        if (!directKey.isEmpty())
            m_writer->cache.directConversations.insert(directKey, row.id);
    }
}

void SqliteConversations::setLastSeq(quint64 conversationId, quint64 lastSeq)
{
    m_db.statement("UPDATE conversations SET last_seq = ? WHERE id = ?")
        .bind(1, lastSeq)
        .bind(2, conversationId)
        .run();
    if (m_writer) {
        auto &cached = m_writer->cache.conversations;
        if (auto it = cached.find(conversationId); it != cached.end())
            it->lastSeq = lastSeq;
    }
}

void SqliteConversations::updateGroup(const ConversationRow &row)
{
    m_db.statement("UPDATE conversations SET name = ?, join_policy = ?, history_policy = ?,"
                   " version = ?, announcement = ?, dissolved = ?, mention_policy = ? WHERE id = ?")
        .bindText(1, row.name, true)
        .bind(2, row.joinPolicy)
        .bind(3, row.historyPolicy)
        .bind(4, row.version)
        .bindText(5, row.announcement, true)
        .bind(6, int(row.dissolved))
        .bind(7, row.mentionPolicy)
        .bind(8, row.id)
        .run();
    if (m_writer)
        m_writer->cache.conversations.remove(row.id); // its last seq is the database's
}

void SqliteConversations::insertMember(const MemberRow &m)
{
    m_db.statement("INSERT INTO members(conversation_id, user_id, role, joined_seq, read_seq,"
                   " left_seq, nickname, remark, since_seq, delivered_seq)"
                   " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, m.conversationId)
        .bind(2, m.userId)
        .bind(3, m.role)
        .bind(4, m.joinedSeq)
        .bind(5, m.readSeq)
        .bind(6, m.leftSeq)
        .bindText(7, m.nickname, true)
        .bindText(8, m.remark, true)
        .bind(9, m.sinceSeq)
        .bind(10, m.deliveredSeq)
        .run();
    membershipChanged(m.conversationId);
}

void SqliteConversations::updateMember(const MemberRow &m)
{
    m_db.statement("UPDATE members SET role = ?, joined_seq = ?, read_seq = ?, left_seq = ?,"
                   " nickname = ?, remark = ?, since_seq = ?, delivered_seq = ?"
                   " WHERE conversation_id = ? AND user_id = ?")
        .bind(1, m.role)
        .bind(2, m.joinedSeq)
        .bind(3, m.readSeq)
        .bind(4, m.leftSeq)
        .bindText(5, m.nickname, true)
        .bindText(6, m.remark, true)
        .bind(7, m.sinceSeq)
        .bind(8, m.deliveredSeq)
        .bind(9, m.conversationId)
        .bind(10, m.userId)
        .run();
    membershipChanged(m.conversationId);
}

void SqliteConversations::membershipChanged(quint64 conversationId)
{
    if (!m_writer)
        return;
    m_writer->cache.memberIds.remove(conversationId);
    m_writer->cache.members.remove(conversationId);
    m_writer->writes.membershipChanged.append(conversationId);
}

std::optional<MemberRow> SqliteConversations::member(quint64 conversationId, quint64 userId)
{
    if (m_writer) {
        // Every send asks this: from the cached member list (sorted by user id).
        const QList<MemberRow> all = members(conversationId);
        const auto it = std::lower_bound(all.cbegin(), all.cend(), userId,
            [](const MemberRow &m, quint64 id) { return m.userId < id; });
        if (it != all.cend() && it->userId == userId)
            return *it;
        return std::nullopt;
    }
    Statement &st = m_db.statement("SELECT " MEMBER_COLUMNS " FROM members m"
                                   " JOIN users u ON u.id = m.user_id"
                                   " WHERE m.conversation_id = ? AND m.user_id = ?")
                        .bind(1, conversationId)
                        .bind(2, userId);
    std::optional<MemberRow> row;
    if (st.step())
        row = memberFrom(st);
    st.reset();
    return row;
}

QList<MemberRow> SqliteConversations::members(quint64 conversationId)
{
    if (m_writer) {
        auto &cached = m_writer->cache.members;
        if (auto it = cached.constFind(conversationId); it != cached.cend())
            return *it;
    }
    Statement &st = m_db.statement("SELECT " MEMBER_COLUMNS " FROM members m"
                                   " JOIN users u ON u.id = m.user_id"
                                   " WHERE m.conversation_id = ? ORDER BY m.user_id")
                        .bind(1, conversationId);
    QList<MemberRow> rows;
    while (st.step())
        rows.append(memberFrom(st));
    st.reset();
    if (m_writer)
        m_writer->cache.members.insert(conversationId, rows);
    return rows;
}

QList<quint64> SqliteConversations::memberUserIds(quint64 conversationId)
{
    if (m_writer) {
        auto &cached = m_writer->cache.memberIds;
        if (auto it = cached.constFind(conversationId); it != cached.cend())
            return *it;
    }
    Statement &st
        = m_db.statement("SELECT user_id FROM members WHERE conversation_id = ? AND left_seq = 0"
                         " ORDER BY user_id")
              .bind(1, conversationId);
    QList<quint64> ids;
    while (st.step())
        ids.append(st.uint64(0));
    st.reset();
    if (m_writer)
        m_writer->cache.memberIds.insert(conversationId, ids);
    return ids;
}

void SqliteConversations::setReadSeq(quint64 conversationId, quint64 userId, quint64 readSeq)
{
    m_db.statement("UPDATE members SET read_seq = ? WHERE conversation_id = ? AND user_id = ?")
        .bind(1, readSeq)
        .bind(2, conversationId)
        .bind(3, userId)
        .run();
    if (m_writer) {
        auto it = m_writer->cache.members.find(conversationId);
        if (it == m_writer->cache.members.end())
            return;
        for (MemberRow &m : *it)
            if (m.userId == userId)
                m.readSeq = readSeq;
    }
}

bool SqliteConversations::raiseDeliveredSeq(
    quint64 conversationId, quint64 userId, quint64 deliveredSeq)
{
    Statement &st
        = m_db.statement("UPDATE members SET delivered_seq = ?"
                         " WHERE conversation_id = ? AND user_id = ? AND delivered_seq < ?")
              .bind(1, deliveredSeq)
              .bind(2, conversationId)
              .bind(3, userId)
              .bind(4, deliveredSeq);
    st.run();
    const bool raised = m_db.changes() > 0;
    if (raised && m_writer) {
        auto it = m_writer->cache.members.find(conversationId);
        if (it == m_writer->cache.members.end())
            return raised;
        for (MemberRow &m : *it)
            if (m.userId == userId)
                m.deliveredSeq = deliveredSeq;
    }
    return raised;
}

#undef MEMBER_COLUMNS

QList<HeadRow> SqliteConversations::headsOfUser(quint64 userId)
{
    Statement &st
        = m_db.statement("SELECT c.id, CASE WHEN m.left_seq > 0 THEN m.left_seq ELSE c.last_seq END"
                         " FROM members m JOIN conversations c ON c.id = m.conversation_id"
                         " WHERE m.user_id = ? ORDER BY c.id")
              .bind(1, userId);
    QList<HeadRow> rows;
    while (st.step())
        rows.append(HeadRow { st.uint64(0), st.uint64(1) });
    st.reset();
    return rows;
}

QList<GroupSummaryRow> SqliteConversations::searchGroups(
    int kind, const QString &text, int unlistedJoinPolicy, int limit)
{
    Statement &st = m_db.statement("SELECT c.id, c.name, c.join_policy,"
                                   " (SELECT count(*) FROM members m WHERE m.conversation_id = "
                                   "c.id AND m.left_seq = 0)"
                                   " FROM conversations c WHERE c.kind = ? AND c.join_policy != ? "
                                   "AND c.dissolved = 0"
                                   " AND c.name LIKE ? ESCAPE '\\' ORDER BY c.name, c.id LIMIT ?")
                        .bind(1, kind)
                        .bind(2, unlistedJoinPolicy)
                        .bindText(3, QLatin1Char('%') + likeEscaped(text) + QLatin1Char('%'))
                        .bind(4, limit);
    QList<GroupSummaryRow> rows;
    while (st.step())
        rows.append(GroupSummaryRow { st.uint64(0), st.text(1), st.int32(2), st.int32(3) });
    st.reset();
    return rows;
}

} // namespace natter::server::sqlite
