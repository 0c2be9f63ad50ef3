// UserStore on SQLite: the users table. Same thread as its connection.
#pragma once

#include "storage/UserStore.h"

namespace natter::server::sqlite {

class SqliteConnection;
struct WriterState;

class SqliteUsers final : public UserStore
{
public:
    SqliteUsers(SqliteConnection &db, WriterState *writer);

    std::optional<UserRow> byName(const QString &name) override;
    std::optional<quint64> idByName(const QString &name) override;
    std::optional<UserRow> byId(quint64 id) override;
    void insert(const UserRow &user) override;
    void setPasswordHash(quint64 userId, const QByteArray &pwhash) override;
    void setSettings(const UserRow &settings) override;
    void setProfile(quint64 userId, const QString &displayName, const QString &status) override;
    QList<UserRow> search(const QString &prefix, quint64 exceptUserId, int limit) override;
    void setDisabled(quint64 userId, bool disabled) override;
    QList<UserRow> list(const QString &text, int limit) override;

private:
    SqliteConnection &m_db;
    WriterState *m_writer; // null on readers
};

} // namespace natter::server::sqlite
