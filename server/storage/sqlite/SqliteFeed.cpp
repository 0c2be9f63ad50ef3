#include "storage/sqlite/SqliteFeed.h"

#include "storage/sqlite/SqliteConnection.h"

namespace natter::server::sqlite {

SqliteFeed::SqliteFeed(SqliteConnection &db)
    : m_db(db)
{
}

quint64 SqliteFeed::append(quint64 userId, qint64 timeMs, const QByteArray &body)
{
    Statement &next
        = m_db.statement("UPDATE users SET feed_seq = feed_seq + 1 WHERE id = ? RETURNING feed_seq")
              .bind(1, userId);
    if (!next.step()) {
        next.reset();
        throw StorageError(QStringLiteral("feed of user %1, who does not exist").arg(userId));
    }
    const quint64 seq = next.uint64(0);
    next.run(); // finishes the UPDATE
    m_db.statement("INSERT INTO feed(user_id, seq, time_ms, body) VALUES(?, ?, ?, ?)")
        .bind(1, userId)
        .bind(2, seq)
        .bind(3, timeMs)
        .bindBlob(4, body)
        .run();
    return seq;
}

QList<FeedRow> SqliteFeed::after(quint64 userId, quint64 afterSeq, int limit)
{
    Statement &st = m_db.statement("SELECT seq, time_ms, body FROM feed"
                                   " WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                        .bind(1, userId)
                        .bind(2, afterSeq)
                        .bind(3, limit);
    QList<FeedRow> rows;
    while (st.step())
        rows.append(FeedRow { st.uint64(0), st.int64(1), st.bytes(2) });
    st.reset();
    return rows;
}

} // namespace natter::server::sqlite
