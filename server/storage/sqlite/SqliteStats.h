// StatsStore on SQLite: counts over the users, devices, conversations and
// events tables. Same thread as its connection.
#pragma once

#include "storage/StatsStore.h"

#include <optional>

namespace natter::server::sqlite {

class SqliteConnection;

class SqliteStats final : public StatsStore
{
public:
    explicit SqliteStats(SqliteConnection &db);
    ServerCounts counts() override;
    qint64 userCount() override;

private:
    qint64 count(const char *sql, std::optional<int> kind = {});

    SqliteConnection &m_db;
};

} // namespace natter::server::sqlite
