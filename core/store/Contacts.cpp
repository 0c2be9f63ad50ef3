#include "store/Contacts.h"

#include "store/Database.h"

namespace natter {

Contacts::Contacts(Database &db)
    : m_db(db)
{
}

void Contacts::upsert(const ContactRow &r)
{
    if (r.state == ContactState::None && !r.blocked && !r.declined) {
        m_db.prepare("DELETE FROM contacts WHERE user_id = ?").bind(1, qint64(r.userId)).exec();
        return;
    }
    m_db.prepare("INSERT OR REPLACE INTO contacts (user_id, name, display_name, status, state, "
                 "blocked, note, declined, since_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, qint64(r.userId))
        .bind(2, r.name)
        .bind(3, r.displayName)
        .bind(4, r.status)
        .bind(5, qint64(r.state))
        .bind(6, qint64(r.blocked ? 1 : 0))
        .bind(7, r.note)
        .bind(8, qint64(r.declined ? 1 : 0))
        .bind(9, r.sinceMs)
        .exec();
}

QList<ContactRow> Contacts::list()
{
    Statement &st = m_db.prepare("SELECT user_id, name, display_name, status, state, blocked, "
                                 "note, declined, since_ms FROM contacts ORDER BY name");
    QList<ContactRow> rows;
    while (st.step()) {
        ContactRow r;
        r.userId = quint64(st.int64(0));
        r.name = st.text(1);
        r.displayName = st.text(2);
        r.status = st.text(3);
        r.state = contactStateOf(st.int64(4));
        r.blocked = st.int64(5) != 0;
        r.note = st.text(6);
        r.declined = st.int64(7) != 0;
        r.sinceMs = st.int64(8);
        rows.append(r);
    }
    st.reset();
    return rows;
}

} // namespace natter
