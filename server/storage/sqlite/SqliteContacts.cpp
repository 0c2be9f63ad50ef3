#include "storage/sqlite/SqliteContacts.h"

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/WriterState.h"

namespace natter::server::sqlite {

namespace {

constexpr int kFriend = 3; // proto::CONTACT_FRIEND
constexpr qsizetype kMaxGates = 100000; // then the cache starts over

#define CONTACT_SELECT                                                                             \
    "SELECT c.user_id, c.peer_id, c.state, c.note, c.blocked, c.since_ms,"                         \
    " c.cooldown_until_ms, u.name, u.display_name, u.status, u.presence_off,"                      \
    " (SELECT max(last_seen_ms) FROM devices WHERE user_id = c.peer_id)"                           \
    " FROM contacts c JOIN users u ON u.id = c.peer_id"

ContactRow contactFrom(const Statement &st)
{
    return ContactRow { st.uint64(0), st.uint64(1), st.int32(2), st.text(3), st.int32(4) != 0,
        st.int64(5), st.int64(6), st.text(7), st.text(8), st.text(9), st.int32(10) != 0,
        st.isNull(11) ? 0 : st.int64(11) };
}

} // namespace

SqliteContacts::SqliteContacts(SqliteConnection &db, WriterState *writer)
    : m_db(db)
    , m_writer(writer)
{
}

std::optional<ContactRow> SqliteContacts::get(quint64 userId, quint64 peerId)
{
    Statement &st = m_db.statement(CONTACT_SELECT " WHERE c.user_id = ? AND c.peer_id = ?")
                        .bind(1, userId)
                        .bind(2, peerId);
    std::optional<ContactRow> row;
    if (st.step())
        row = contactFrom(st);
    st.reset();
    return row;
}

void SqliteContacts::put(const ContactRow &row)
{
    if (m_writer)
        m_writer->cache.gates.clear();
    if (row.isEmpty()) {
        m_db.statement("DELETE FROM contacts WHERE user_id = ? AND peer_id = ?")
            .bind(1, row.userId)
            .bind(2, row.peerId)
            .run();
        return;
    }
    m_db.statement("INSERT OR REPLACE INTO contacts(user_id, peer_id, state, note, blocked,"
                   " since_ms, cooldown_until_ms) VALUES(?, ?, ?, ?, ?, ?, ?)")
        .bind(1, row.userId)
        .bind(2, row.peerId)
        .bind(3, row.state)
        .bindText(4, row.note, true)
        .bind(5, int(row.blocked))
        .bind(6, row.sinceMs)
        .bind(7, row.cooldownUntilMs)
        .run();
}

QList<ContactRow> SqliteContacts::ofUser(quint64 userId)
{
    Statement &st = m_db.statement(CONTACT_SELECT " WHERE c.user_id = ?"
                                                  " AND (c.state != 0 OR c.blocked != 0)"
                                                  " ORDER BY u.name")
                        .bind(1, userId);
    QList<ContactRow> rows;
    while (st.step())
        rows.append(contactFrom(st));
    st.reset();
    return rows;
}

QList<quint64> SqliteContacts::friendIds(quint64 userId)
{
    Statement &st = m_db.statement("SELECT peer_id FROM contacts WHERE user_id = ? AND state = ?")
                        .bind(1, userId)
                        .bind(2, kFriend);
    QList<quint64> ids;
    while (st.step())
        ids.append(st.uint64(0));
    st.reset();
    return ids;
}

int SqliteContacts::count(quint64 userId, int state)
{
    Statement &st = m_db.statement("SELECT count(*) FROM contacts WHERE user_id = ? AND state = ?")
                        .bind(1, userId)
                        .bind(2, state);
    const int n = st.step() ? st.int32(0) : 0;
    st.reset();
    return n;
}

DirectGate SqliteContacts::gate(quint64 senderId, quint64 recipientId)
{
    const std::pair key { senderId, recipientId };
    if (m_writer) {
        if (auto it = m_writer->cache.gates.constFind(key); it != m_writer->cache.gates.cend())
            return *it;
    }
    DirectGate gate;
    // Both sides' rows and the recipient's policy in one statement.
    Statement &st
        = m_db.statement("SELECT u.message_policy,"
                         " (SELECT blocked FROM contacts WHERE user_id = u.id AND peer_id = ?),"
                         " (SELECT blocked FROM contacts WHERE user_id = ? AND peer_id = u.id),"
                         " (SELECT state FROM contacts WHERE user_id = u.id AND peer_id = ?)"
                         " FROM users u WHERE u.id = ?")
              .bind(1, senderId)
              .bind(2, senderId)
              .bind(3, senderId)
              .bind(4, recipientId);
    if (st.step()) {
        gate.recipientPolicy = st.int32(0);
        gate.senderBlocked = !st.isNull(1) && st.int32(1) != 0;
        gate.recipientBlocked = !st.isNull(2) && st.int32(2) != 0;
        gate.friends = !st.isNull(3) && st.int32(3) == kFriend;
    }
    st.reset();
    if (m_writer) {
        if (m_writer->cache.gates.size() >= kMaxGates)
            m_writer->cache.gates.clear();
        m_writer->cache.gates.insert(key, gate);
    }
    return gate;
}

#undef CONTACT_SELECT

} // namespace natter::server::sqlite
