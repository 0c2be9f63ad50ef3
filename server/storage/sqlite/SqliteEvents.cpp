#include "storage/sqlite/SqliteEvents.h"

#include "storage/sqlite/SqliteConnection.h"
#include "storage/sqlite/SqliteConversations.h"
#include "storage/sqlite/WriterState.h"

namespace natter::server::sqlite {

namespace {

#define NATTER_EVENT_COLUMNS                                                                       \
    "conversation_id, seq, id, sender_id, sender_device, client_id, kind, time_ms, body, "         \
    "rel_type, rel_seq, rel_key"

EventRow eventFrom(const Statement &st)
{
    return EventRow { st.uint64(0), st.uint64(1), st.uint64(2), st.uint64(3), st.uint64(4),
        st.text(5), st.int32(6), st.int64(7), st.bytes(8),
        RelationRow { st.int32(9), st.uint64(10), st.text(11) } };
}

std::optional<EventRow> readOne(Statement &st)
{
    std::optional<EventRow> row;
    if (st.step())
        row = eventFrom(st);
    st.reset();
    return row;
}

} // namespace

SqliteEvents::SqliteEvents(
    SqliteConnection &db, SqliteConversations &conversations, WriterState *writer)
    : m_db(db)
    , m_conversations(conversations)
    , m_writer(writer)
{
}

quint64 SqliteEvents::append(const EventRow &event)
{
    const auto conversation = m_conversations.byId(event.conversationId);
    if (!conversation)
        throw StorageError(QStringLiteral("append to conversation %1, which does not exist")
                               .arg(event.conversationId));
    const quint64 seq = conversation->lastSeq + 1;
    m_db.statement("INSERT INTO events(" NATTER_EVENT_COLUMNS
                   ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, event.conversationId)
        .bind(2, seq)
        .bind(3, event.id)
        .bind(4, event.senderId)
        .bind(5, event.senderDevice)
        .bindText(6, event.clientId, true)
        .bind(7, event.kind)
        .bind(8, event.timeMs)
        .bindBlob(9, event.body)
        .bind(10, event.relation.type)
        .bind(11, event.relation.seq)
        .bindText(12, event.relation.key, true)
        .run();
    m_conversations.setLastSeq(event.conversationId, seq);
    if (m_writer) {
        m_writer->writes.events.append(event);
        m_writer->writes.events.last().seq = seq;
    }
    return seq;
}

std::optional<EventRow> SqliteEvents::byClientId(quint64 senderId, const QString &clientId)
{
    return readOne(m_db.statement("SELECT " NATTER_EVENT_COLUMNS
                                  " FROM events WHERE sender_id = ? AND client_id = ?")
                       .bind(1, senderId)
                       .bindText(2, clientId, true));
}

std::optional<EventRow> SqliteEvents::at(quint64 conversationId, quint64 seq)
{
    return readOne(m_db.statement("SELECT " NATTER_EVENT_COLUMNS
                                  " FROM events WHERE conversation_id = ? AND seq = ?")
                       .bind(1, conversationId)
                       .bind(2, seq));
}

QList<EventRow> SqliteEvents::after(quint64 conversationId, quint64 afterSeq, int limit)
{
    Statement &st = m_db.statement("SELECT " NATTER_EVENT_COLUMNS " FROM events"
                                   " WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                        .bind(1, conversationId)
                        .bind(2, afterSeq)
                        .bind(3, limit);
    QList<EventRow> rows;
    while (st.step()) // on an error it resets the statement and throws
        rows.append(eventFrom(st));
    st.reset();
    return rows;
}

QList<quint64> SqliteEvents::sendersOf(
    quint64 conversationId, quint64 afterSeq, quint64 toSeq, int kind)
{
    Statement &st
        = m_db.statement("SELECT DISTINCT sender_id FROM events"
                         " WHERE conversation_id = ? AND seq > ? AND seq <= ? AND kind = ?")
              .bind(1, conversationId)
              .bind(2, afterSeq)
              .bind(3, toSeq)
              .bind(4, kind);
    QList<quint64> ids;
    while (st.step())
        ids.append(st.uint64(0));
    st.reset();
    return ids;
}

#undef NATTER_EVENT_COLUMNS

} // namespace natter::server::sqlite
