// ContactStore on SQLite: the contacts table. The writer's instance keeps
// the direct-message gates in its WriterState. Same thread as its connection.
#pragma once

#include "storage/ContactStore.h"

namespace natter::server::sqlite {

class SqliteConnection;
struct WriterState;

class SqliteContacts final : public ContactStore
{
public:
    SqliteContacts(SqliteConnection &db, WriterState *writer);

    std::optional<ContactRow> get(quint64 userId, quint64 peerId) override;
    void put(const ContactRow &row) override;
    QList<ContactRow> ofUser(quint64 userId) override;
    QList<quint64> friendIds(quint64 userId) override;
    int count(quint64 userId, int state) override;
    DirectGate gate(quint64 senderId, quint64 recipientId) override;

private:
    SqliteConnection &m_db;
    WriterState *m_writer; // null on readers
};

} // namespace natter::server::sqlite
