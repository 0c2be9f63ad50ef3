#include "storage/sqlite/SqliteUsers.h"

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/WriterState.h"

namespace natter::server::sqlite {

namespace {

constexpr const char *kByName
    = "SELECT id, name, pwhash, created_ms, feed_seq FROM users WHERE name = ?";
constexpr const char *kById
    = "SELECT id, name, pwhash, created_ms, feed_seq FROM users WHERE id = ?";

std::optional<UserRow> readUser(Statement &st)
{
    std::optional<UserRow> row;
    if (st.step())
        row = UserRow { st.uint64(0), st.text(1), st.bytes(2), st.int64(3), st.uint64(4) };
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

} // namespace natter::server::sqlite
