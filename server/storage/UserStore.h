// UserStore: the accounts' rows (users table). Part of a Storage: one
// connection, one thread. Every method throws StorageError.
#pragma once

#include "storage/Rows.h"

#include <optional>

namespace natter::server {

class UserStore
{
public:
    virtual std::optional<UserRow> byName(const QString &name) = 0;
    virtual std::optional<quint64> idByName(const QString &name) = 0;
    virtual std::optional<UserRow> byId(quint64 id) = 0;
    // Duplicate when the id or the name is taken.
    virtual void insert(const UserRow &user) = 0;
    virtual void setPasswordHash(quint64 userId, const QByteArray &pwhash) = 0;
    virtual void setReceiptsOff(quint64 userId, bool off) = 0;

protected:
    ~UserStore() = default;
};

} // namespace natter::server
