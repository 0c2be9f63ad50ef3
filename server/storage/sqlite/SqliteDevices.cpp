#include "storage/sqlite/SqliteDevices.h"

#include "storage/sqlite/SqliteConnection.h"

namespace natter::server::sqlite {

namespace {

DeviceRow deviceFrom(const Statement &st)
{
    return DeviceRow { st.uint64(0), st.uint64(1), st.text(2), st.bytes(3), st.int64(4),
        st.int64(5), st.int64(6) != 0 };
}

} // namespace

SqliteDevices::SqliteDevices(SqliteConnection &db)
    : m_db(db)
{
}

void SqliteDevices::insert(const DeviceRow &d)
{
    m_db.statement("INSERT INTO devices(id, user_id, name, token_hash, created_ms, last_seen_ms,"
                   " revoked) VALUES(?, ?, ?, ?, ?, ?, ?)")
        .bind(1, d.id)
        .bind(2, d.userId)
        .bindText(3, d.name)
        .bindBlob(4, d.tokenHash)
        .bind(5, d.createdMs)
        .bind(6, d.lastSeenMs)
        .bind(7, d.revoked ? 1 : 0)
        .run();
}

std::optional<DeviceRow> SqliteDevices::byId(quint64 id)
{
    Statement &st
        = m_db.statement("SELECT id, user_id, name, token_hash, created_ms, last_seen_ms, revoked"
                         " FROM devices WHERE id = ?")
              .bind(1, id);
    std::optional<DeviceRow> row;
    if (st.step())
        row = deviceFrom(st);
    st.reset();
    return row;
}

QList<DeviceRow> SqliteDevices::ofUser(quint64 userId)
{
    Statement &st
        = m_db.statement("SELECT id, user_id, name, token_hash, created_ms, last_seen_ms, revoked"
                         " FROM devices WHERE user_id = ? ORDER BY id")
              .bind(1, userId);
    QList<DeviceRow> rows;
    while (st.step())
        rows.append(deviceFrom(st));
    st.reset();
    return rows;
}

void SqliteDevices::touch(quint64 id, qint64 lastSeenMs)
{
    m_db.statement("UPDATE devices SET last_seen_ms = ? WHERE id = ?")
        .bind(1, lastSeenMs)
        .bind(2, id)
        .run();
}

void SqliteDevices::revoke(quint64 id)
{
    m_db.statement("UPDATE devices SET revoked = 1 WHERE id = ?").bind(1, id).run();
}

} // namespace natter::server::sqlite
