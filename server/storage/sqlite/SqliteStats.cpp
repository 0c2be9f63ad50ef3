#include "storage/sqlite/SqliteStats.h"

#include "storage/sqlite/SqliteConnection.h"

#include <optional>

namespace natter::server::sqlite {

namespace {
// proto::ConversationKind's values, as the conversations table stores them.
constexpr int kDirect = 1;
constexpr int kGroup = 2;
} // namespace

SqliteStats::SqliteStats(SqliteConnection &db)
    : m_db(db)
{
}

qint64 SqliteStats::count(const char *sql, std::optional<int> kind)
{
    Statement &st = m_db.statement(sql);
    if (kind)
        st.bind(1, *kind);
    const qint64 n = st.step() ? st.int64(0) : 0;
    st.reset();
    return n;
}

qint64 SqliteStats::userCount()
{
    return count("SELECT COUNT(*) FROM users");
}

ServerCounts SqliteStats::counts()
{
    auto one = [this](const char *sql, std::optional<int> kind = {}) { return count(sql, kind); };
    ServerCounts c;
    c.users = userCount();
    c.disabledUsers = one("SELECT COUNT(*) FROM users WHERE disabled != 0");
    c.devices = one("SELECT COUNT(*) FROM devices WHERE revoked = 0");
    c.directs = one("SELECT COUNT(*) FROM conversations WHERE kind = ?", kDirect);
    c.groups = one("SELECT COUNT(*) FROM conversations WHERE kind = ? AND dissolved = 0", kGroup);
    c.events = one("SELECT COUNT(*) FROM events");
    return c;
}

} // namespace natter::server::sqlite
