// FeedStore on SQLite: the feed table; each user's feed seq is a column of
// its users row. Same thread as its connection.
#pragma once

#include "storage/FeedStore.h"

namespace natter::server::sqlite {

class SqliteConnection;

class SqliteFeed final : public FeedStore
{
public:
    explicit SqliteFeed(SqliteConnection &db);

    quint64 append(quint64 userId, qint64 timeMs, const QByteArray &body) override;
    QList<FeedRow> after(quint64 userId, quint64 afterSeq, int limit) override;

private:
    SqliteConnection &m_db;
};

} // namespace natter::server::sqlite
