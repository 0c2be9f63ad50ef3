#include "storage/sqlite/SqliteUsers.h"

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/WriterState.h"

namespace natter::server::sqlite {

namespace {

#define USER_COLUMNS "SELECT id, name, pwhash, created_ms, feed_seq, receipts_off FROM users"
constexpr const char *kByName = USER_COLUMNS " WHERE name = ?";
constexpr const char *kById = USER_COLUMNS " WHERE id = ?";
#undef USER_COLUMNS

std::optional<UserRow> readUser(Statement &st)
{
    std::optional<UserRow> row;
    if (st.step())
        row = UserRow { st.uint64(0), st.text(1), st.bytes(2), st.int64(3), st.uint64(4),
            st.int32(5) != 0 };
    st.reset();
    return row;
}

} // namespace

SqliteUsers::SqliteUsers(SqliteConnection &db, WriterState *writer)
    : m_db(db)
    , m_writer(writer)
{
}

std::optional<UserRow> SqliteUsers::byName(const QString &name)
{
    return readUser(m_db.statement(kByName).bindText(1, name));
}

std::optional<quint64> SqliteUsers::idByName(const QString &name)
{
    if (m_writer) {
        if (auto it = m_writer->cache.userIds.constFind(name); it != m_writer->cache.userIds.cend())
            return *it;
    }
    Statement &st = m_db.statement("SELECT id FROM users WHERE name = ?").bindText(1, name);
    std::optional<quint64> id;
    if (st.step())
        id = st.uint64(0);
    st.reset();
    if (id && m_writer)
        m_writer->cache.userIds.insert(name, *id);
    return id;
}

std::optional<UserRow> SqliteUsers::byId(quint64 id)
{
    return readUser(m_db.statement(kById).bind(1, id));
}

void SqliteUsers::insert(const UserRow &user)
{
    m_db.statement(
            "INSERT INTO users(id, name, pwhash, created_ms, feed_seq) VALUES(?, ?, ?, ?, 0)")
        .bind(1, user.id)
        .bindText(2, user.name)
        .bindText(3, user.pwhash)
        .bind(4, user.createdMs)
        .run();
}

void SqliteUsers::setPasswordHash(quint64 userId, const QByteArray &pwhash)
{
    m_db.statement("UPDATE users SET pwhash = ? WHERE id = ?")
        .bindText(1, pwhash)
        .bind(2, userId)
        .run();
}

void SqliteUsers::setReceiptsOff(quint64 userId, bool off)
{
    m_db.statement("UPDATE users SET receipts_off = ? WHERE id = ?")
        .bind(1, int(off))
        .bind(2, userId)
        .run();
    if (m_writer) // member rows carry the setting: rare enough to forget them all
        m_writer->cache.members.clear();
}

} // namespace natter::server::sqlite
