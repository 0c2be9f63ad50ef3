// DeviceStore on SQLite: the devices table. Same thread as its connection.
#pragma once

#include "storage/DeviceStore.h"

namespace natter::server::sqlite {

class SqliteConnection;

class SqliteDevices final : public DeviceStore
{
public:
    explicit SqliteDevices(SqliteConnection &db);

    void insert(const DeviceRow &device) override;
    std::optional<DeviceRow> byId(quint64 id) override;
    QList<DeviceRow> ofUser(quint64 userId) override;
    void touch(quint64 id, qint64 lastSeenMs) override;
    void revoke(quint64 id) override;

private:
    SqliteConnection &m_db;
};

} // namespace natter::server::sqlite
