#include "store/GroupState.h"

#include "store/Database.h"

namespace natter {

QString joinRequestStateName(JoinRequestRow::State state)
{
    switch (state) {
    case JoinRequestRow::State::Pending: return QStringLiteral("pending");
    case JoinRequestRow::State::Approved: return QStringLiteral("approved");
    case JoinRequestRow::State::Declined: return QStringLiteral("declined");
    }
    return {};
}

GroupState::GroupState(Database &db)
    : m_db(db)
{
}

void GroupState::applyRequest(const JoinRequestRow &r)
{
    m_db.prepare("INSERT OR REPLACE INTO join_requests (conversation_id, user_id, user, note, "
                 "time_ms, title, state, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")
        .bind(1, qint64(r.conversationId))
        .bind(2, qint64(r.userId))
        .bind(3, r.user)
        .bind(4, r.note)
        .bind(5, r.timeMs)
        .bind(6, r.title)
        .bind(7, qint64(JoinRequestRow::State::Pending))
        .exec();
}

void GroupState::applyDecision(
    quint64 conversationId, quint64 userId, bool approved, const QString &by)
{
    // A decision on a request this device never saw (made before it joined
    // the deciders) has nothing to update.
    m_db.prepare("UPDATE join_requests SET state = ?, decided_by = ? "
                 "WHERE conversation_id = ? AND user_id = ?")
        .bind(
            1, qint64(approved ? JoinRequestRow::State::Approved : JoinRequestRow::State::Declined))
        .bind(2, by)
        .bind(3, qint64(conversationId))
        .bind(4, qint64(userId))
        .exec();
}

QList<JoinRequestRow> GroupState::requests(
    JoinRequestRow::State state, quint64 conversationId, quint64 ofUser, quint64 notOfUser)
{
    Statement &st = m_db.prepare(
        "SELECT conversation_id, user_id, user, note, time_ms, title, state, decided_by "
        "FROM join_requests WHERE state = ?1 AND (?2 = 0 OR conversation_id = ?2) "
        "AND (?3 = 0 OR user_id = ?3) AND (?4 = 0 OR user_id != ?4) "
        "ORDER BY time_ms, conversation_id, user_id");
    st.bind(1, qint64(state))
        .bind(2, qint64(conversationId))
        .bind(3, qint64(ofUser))
        .bind(4, qint64(notOfUser));
    QList<JoinRequestRow> out;
    while (st.step())
        out.append({ quint64(st.int64(0)), quint64(st.int64(1)), st.text(2), st.text(3),
            st.int64(4), st.text(5), JoinRequestRow::State(st.int64(6)), st.text(7) });
    st.reset();
    return out;
}

void GroupState::setNickname(
    quint64 conversationId, quint64 userId, const QString &nickname, quint64 seq)
{
    // No UPSERT in SQLCipher 3.4's SQLite (3.15): insert, else update if newer.
    m_db.prepare("INSERT OR IGNORE INTO nicknames (conversation_id, user_id, nickname, seq) "
                 "VALUES (?, ?, ?, ?)")
        .bind(1, qint64(conversationId))
        .bind(2, qint64(userId))
        .bind(3, nickname)
        .bind(4, qint64(seq))
        .exec();
    if (m_db.changes() > 0)
        return;
    m_db.prepare("UPDATE nicknames SET nickname = ?1, seq = ?2 "
                 "WHERE conversation_id = ?3 AND user_id = ?4 AND seq < ?2")
        .bind(1, nickname)
        .bind(2, qint64(seq))
        .bind(3, qint64(conversationId))
        .bind(4, qint64(userId))
        .exec();
}

QString GroupState::nickname(quint64 conversationId, quint64 userId)
{
    Statement &st
        = m_db.prepare("SELECT nickname FROM nicknames WHERE conversation_id = ? AND user_id = ?");
    st.bind(1, qint64(conversationId)).bind(2, qint64(userId));
    QString n = st.step() ? st.text(0) : QString(); // not const: returned by move
    st.reset();
    return n;
}

void GroupState::setAnnouncement(quint64 conversationId, const QString &text, quint64 seq)
{
    m_db.prepare(
            "INSERT OR IGNORE INTO announcements (conversation_id, text, seq) VALUES (?, ?, ?)")
        .bind(1, qint64(conversationId))
        .bind(2, text)
        .bind(3, qint64(seq))
        .exec();
    if (m_db.changes() > 0)
        return;
    m_db.prepare("UPDATE announcements SET text = ?1, seq = ?2 WHERE conversation_id = ?3 "
                 "AND seq < ?2")
        .bind(1, text)
        .bind(2, qint64(seq))
        .bind(3, qint64(conversationId))
        .exec();
}

QString GroupState::announcement(quint64 conversationId)
{
    Statement &st = m_db.prepare("SELECT text FROM announcements WHERE conversation_id = ?");
    st.bind(1, qint64(conversationId));
    QString t = st.step() ? st.text(0) : QString(); // not const: returned by move
    st.reset();
    return t;
}

void GroupState::setRemark(quint64 conversationId, const QString &text)
{
    if (text.isEmpty()) {
        m_db.prepare("DELETE FROM remarks WHERE conversation_id = ?")
            .bind(1, qint64(conversationId))
            .exec();
        return;
    }
    m_db.prepare("INSERT OR REPLACE INTO remarks (conversation_id, text) VALUES (?, ?)")
        .bind(1, qint64(conversationId))
        .bind(2, text)
        .exec();
}

QString GroupState::remark(quint64 conversationId)
{
    Statement &st = m_db.prepare("SELECT text FROM remarks WHERE conversation_id = ?");
    st.bind(1, qint64(conversationId));
    QString t = st.step() ? st.text(0) : QString(); // not const: returned by move
    st.reset();
    return t;
}

} // namespace natter
