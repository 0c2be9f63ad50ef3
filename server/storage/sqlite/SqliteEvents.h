// EventStore on SQLite: the events table. append() allocates the next seq
// from the conversation's last seq (cached on the writer) and moves it.
// Same thread as its connection.
#pragma once

#include "storage/EventStore.h"

namespace natter::server::sqlite {

class SqliteConnection;
class SqliteConversations;
struct WriterState;

class SqliteEvents final : public EventStore
{
public:
    SqliteEvents(SqliteConnection &db, SqliteConversations &conversations, WriterState *writer);

    quint64 append(const EventRow &event) override;
    std::optional<EventRow> byClientId(quint64 senderId, const QString &clientId) override;
    std::optional<EventRow> at(quint64 conversationId, quint64 seq) override;
    QList<EventRow> after(quint64 conversationId, quint64 afterSeq, int limit) override;
    QList<quint64> sendersOf(
        quint64 conversationId, quint64 afterSeq, quint64 toSeq, int kind) override;

private:
    SqliteConnection &m_db;
    SqliteConversations &m_conversations;
    WriterState *m_writer; // null on readers
};

} // namespace natter::server::sqlite
