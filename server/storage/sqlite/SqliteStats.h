// StatsStore on SQLite: counts over the users, devices, conversations and
// events tables. Same thread as its connection.
#pragma once

#include "storage/StatsStore.h"

namespace natter::server::sqlite {

class SqliteConnection;

class SqliteStats final : public StatsStore
{
public:
    explicit SqliteStats(SqliteConnection &db);
    ServerCounts counts() override;

private:
    SqliteConnection &m_db;
};

} // namespace natter::server::sqlite
