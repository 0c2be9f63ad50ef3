#include "chats/CurrentConversation.h"

#include <QDebug>

namespace natter {

void CurrentConversation::show(quint64 id, Store *store)
{
    const bool moved = id != m_id;
    m_id = id;
    if (!reread(store) && moved)
        emit changed();
}

void CurrentConversation::refresh(Store *store)
{
    reread(store);
}

bool CurrentConversation::reread(Store *store)
{
    QString kind, title, standing, announcement;
    QStringList members;
    bool gap = false;
    bool pending = false;
    m_unread = 0;
    if (m_id && store) {
        try {
            if (const auto s = store->conversations().summary(m_id)) {
                kind = Conversations::kindName(s->kind);
                title = s->title;
                gap = s->historyGap();
                pending = s->local;
                if (!s->isMember())
                    standing = s->dissolved ? QStringLiteral("dissolved") : QStringLiteral("left");
                m_unread = s->unread;
                if (s->kind == proto::GROUP)
                    announcement = store->groups().announcement(m_id);
                if (s->kind == proto::GROUP)
                    members = store->timeline().knownMembers(m_id);
                for (const MemberInfo &m : store->conversations().members(m_id))
                    members.append(m.name);
            }
        } catch (const StoreError &e) {
            qWarning("cannot read the open conversation: %s", qPrintable(e.message()));
            return false;
        }
    }
    if (kind == m_kind && title == m_title && members == m_members && gap == m_historyGap
        && pending == m_pending && standing == m_standing && announcement == m_announcement)
        return false;
    m_announcement = announcement;
    m_kind = kind;
    m_title = title;
    m_members = members;
    m_historyGap = gap;
    m_pending = pending;
    m_standing = standing;
    emit changed();
    return true;
}

} // namespace natter
