// UserStore: the accounts' rows (users table). Part of a Storage: one
// connection, one thread. Every method throws StorageError.
#pragma once

#include "storage/Rows.h"

#include <QList>

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
    // The settings' columns of the row (receiptsOff ... messagePolicy).
    virtual void setSettings(const UserRow &settings) = 0;
    virtual void setProfile(quint64 userId, const QString &displayName, const QString &status) = 0;
    // Searchable users other than exceptUserId whose name starts with
    // namePrefix (lower case) or whose display name starts with prefix (case
    // folded), by name.
    virtual QList<UserRow> search(const QString &prefix, quint64 exceptUserId, int limit) = 0;
    virtual void setDisabled(quint64 userId, bool disabled) = 0;
    // The administrator's listing: every user whose name or display name
    // contains text (case folded; "" = all), by name.
    virtual QList<UserRow> list(const QString &text, int limit) = 0;

protected:
    ~UserStore() = default;
};

} // namespace natter::server
