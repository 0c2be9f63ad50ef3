#include "storage/sqlite/SqliteUsers.h"

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/WriterState.h"

namespace natter::server::sqlite {

namespace {

#define USER_COLUMNS                                                                               \
    "SELECT id, name, pwhash, created_ms, feed_seq, receipts_off, presence_off, unsearchable,"     \
    " message_policy, display_name, status, disabled FROM users"
constexpr const char *kByName = USER_COLUMNS " WHERE name = ?";
constexpr const char *kById = USER_COLUMNS " WHERE id = ?";
// The name's index answers the range; display names are scanned (a search
// is rate limited and capped).
constexpr const char *kSearch
    = USER_COLUMNS " WHERE unsearchable = 0 AND id != ?"
                   " AND ((name >= ? AND name < ?) OR display_key LIKE ? ESCAPE '\\')"
                   " ORDER BY name LIMIT ?";
// The administrator's listing: everyone, a part of the name or display name.
constexpr const char *kList
    = USER_COLUMNS " WHERE name LIKE ? ESCAPE '\\' OR display_key LIKE ? ESCAPE '\\'"
                   " ORDER BY name LIMIT ?";
#undef USER_COLUMNS

UserRow userFrom(const Statement &st)
{
    return UserRow { st.uint64(0), st.text(1), st.bytes(2), st.int64(3), st.uint64(4),
        st.int32(5) != 0, st.int32(6) != 0, st.int32(7) != 0, st.int32(8), st.text(9), st.text(10),
        st.int32(11) != 0 };
}

std::optional<UserRow> readUser(Statement &st)
{
    std::optional<UserRow> row;
    if (st.step())
        row = userFrom(st);
    st.reset();
    return row;
}

// The form display names are matched in: case folded.
QString displayKey(const QString &displayName)
{
    return displayName.toCaseFolded();
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
    if (m_writer)
        ++m_writer->writes.usersCreated;
}

void SqliteUsers::setPasswordHash(quint64 userId, const QByteArray &pwhash)
{
    m_db.statement("UPDATE users SET pwhash = ? WHERE id = ?")
        .bindText(1, pwhash)
        .bind(2, userId)
        .run();
}

void SqliteUsers::setSettings(const UserRow &settings)
{
    m_db.statement("UPDATE users SET receipts_off = ?, presence_off = ?, unsearchable = ?,"
                   " message_policy = ? WHERE id = ?")
        .bind(1, int(settings.receiptsOff))
        .bind(2, int(settings.presenceOff))
        .bind(3, int(settings.unsearchable))
        .bind(4, settings.messagePolicy)
        .bind(5, settings.id)
        .run();
    if (m_writer) { // member rows and gates carry settings: rare enough to forget them all
        m_writer->cache.members.clear();
        m_writer->cache.gates.clear();
    }
}

void SqliteUsers::setProfile(quint64 userId, const QString &displayName, const QString &status)
{
    m_db.statement("UPDATE users SET display_name = ?, display_key = ?, status = ? WHERE id = ?")
        .bindText(1, displayName, true)
        .bindText(2, displayKey(displayName), true)
        .bindText(3, status, true)
        .bind(4, userId)
        .run();
}

QList<UserRow> SqliteUsers::search(const QString &prefix, quint64 exceptUserId, int limit)
{
    const QString name = prefix.toLower();
    const QString like = likeEscaped(displayKey(prefix)) + QLatin1Char('%');
    Statement &st = m_db.statement(kSearch)
                        .bind(1, exceptUserId)
                        .bindText(2, name)
                        .bindText(3, name + QChar(0xffff))
                        .bindText(4, like)
                        .bind(5, limit);
    QList<UserRow> rows;
    while (st.step())
        rows.append(userFrom(st));
    st.reset();
    return rows;
}

void SqliteUsers::setDisabled(quint64 userId, bool disabled)
{
    m_db.statement("UPDATE users SET disabled = ? WHERE id = ?")
        .bind(1, int(disabled))
        .bind(2, userId)
        .run();
}

QList<UserRow> SqliteUsers::list(const QString &text, int limit)
{
    const QString like = QLatin1Char('%') + likeEscaped(displayKey(text)) + QLatin1Char('%');
    Statement &st = m_db.statement(kList).bindText(1, like).bindText(2, like).bind(3, limit);
    QList<UserRow> rows;
    while (st.step())
        rows.append(userFrom(st));
    st.reset();
    return rows;
}

} // namespace natter::server::sqlite
