#include "store/Drafts.h"

#include "store/Database.h"

namespace natter {

Drafts::Drafts(Database &db)
    : m_db(db)
{
}

QString Drafts::draft(quint64 conversationId)
{
    Statement &st = m_db.prepare("SELECT text FROM drafts WHERE conversation_id = ?");
    st.bind(1, qint64(conversationId));
    return st.firstText();
}

void Drafts::setDraft(quint64 conversationId, const QString &text)
{
    if (text.isEmpty())
        m_db.prepare("DELETE FROM drafts WHERE conversation_id = ?")
            .bind(1, qint64(conversationId))
            .exec();
    else
        m_db.prepare("INSERT OR REPLACE INTO drafts (conversation_id, text) VALUES (?, ?)")
            .bind(1, qint64(conversationId))
            .bind(2, text)
            .exec();
}

void Drafts::move(quint64 from, quint64 to)
{
    m_db.prepare("UPDATE OR IGNORE drafts SET conversation_id = ? WHERE conversation_id = ?")
        .bind(1, qint64(to))
        .bind(2, qint64(from))
        .exec();
    m_db.prepare("DELETE FROM drafts WHERE conversation_id = ?").bind(1, qint64(from)).exec();
}

} // namespace natter
