// Contacts: the user's relations with other users as the feed last said —
// friends, requests both ways, blocks — with the peer's display name and
// status (the contacts table, which only this class writes). Presence is not
// kept: it is asked for when shown. Same thread as its Store; throws
// StoreError.
#pragma once

#include <QList>
#include <QString>

namespace natter {

class Database;

// The values of proto::ContactState.
enum class ContactState { None = 0, Outgoing = 1, Incoming = 2, Friend = 3 };

// A stored or received state; one this client does not know is None.
inline ContactState contactStateOf(qint64 value)
{
    return value >= 0 && value <= 3 ? ContactState(value) : ContactState::None;
}

struct ContactRow
{
    quint64 userId = 0;
    QString name {};
    QString displayName {};
    QString status {};
    ContactState state = ContactState::None;
    bool blocked = false; // the user blocked them
    QString note {}; // a pending request's note
    bool declined = false; // they declined the user's request
    qint64 sinceMs = 0;
};

class Contacts
{
public:
    explicit Contacts(Database &db);

    // A whole snapshot of one relation; one that is over (no state, no
    // block, nothing declined) is forgotten.
    void upsert(const ContactRow &row);
    // Every relation, by name.
    QList<ContactRow> list();

private:
    Database &m_db;
};

} // namespace natter
