#include "store/Receipts.h"

#include "content/MessageContent.h"
#include "store/Conversations.h"
#include "store/Database.h"

namespace natter {

Receipts::Receipts(Database &db, const Identity &me)
    : m_db(db)
    , m_me(me)
{
}

void Receipts::store(quint64 conversationId, const QList<ReceiptRow> &rows)
{
    Statement &st = m_db.prepare("INSERT OR REPLACE INTO receipts "
                                 "(conversation_id, seq, read, delivered, total, readers) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
    for (const ReceiptRow &r : rows) {
        st.reset();
        st.bind(1, qint64(conversationId))
            .bind(2, qint64(r.seq))
            .bind(3, qint64(r.read))
            .bind(4, qint64(r.delivered))
            .bind(5, qint64(r.total))
            .bind(6, r.readers.join(QLatin1Char('\n')));
        st.exec();
    }
}

QList<quint64> Receipts::pending(quint64 conversationId, quint64 upTo, bool withRead, int limit)
{
    Statement &st = m_db.prepare(
        "SELECT e.seq FROM events e LEFT JOIN receipts r "
        "ON r.conversation_id = e.conversation_id AND r.seq = e.seq "
        "WHERE e.conversation_id = ?1 AND e.seq <= ?2 AND e.shown = ?4 AND e.seq > coalesce("
        "(SELECT max(seq) FROM events WHERE conversation_id = ?1 AND seq <= ?2), 0) - ?3 "
        "AND e.sender_id = ?5 AND (r.seq IS NULL OR r.delivered < r.total "
        "OR (?6 AND r.read < r.total)) ORDER BY e.seq DESC LIMIT ?7");
    st.bind(1, qint64(conversationId))
        .bind(2, qint64(upTo))
        .bind(3, qint64(kWindow))
        .bind(4, qint64(TimelineRole::Message))
        .bind(5, qint64(m_me.userId))
        .bind(6, qint64(withRead ? 1 : 0))
        .bind(7, qint64(limit));
    QList<quint64> seqs;
    while (st.step())
        seqs.append(quint64(st.int64(0)));
    st.reset();
    return seqs;
}

} // namespace natter
