// DeviceStore: each account's devices (token hash, last seen, revoked).
// Part of a Storage: one connection, one thread. Throws StorageError.
#pragma once

#include "storage/Rows.h"

#include <QList>

#include <optional>

namespace natter::server {

class DeviceStore
{
public:
    virtual void insert(const DeviceRow &device) = 0; // Duplicate on a taken id
    virtual std::optional<DeviceRow> byId(quint64 id) = 0;
    virtual QList<DeviceRow> ofUser(quint64 userId) = 0; // by id
    virtual void touch(quint64 id, qint64 lastSeenMs) = 0;
    virtual void revoke(quint64 id) = 0;

protected:
    ~DeviceStore() = default;
};

} // namespace natter::server
