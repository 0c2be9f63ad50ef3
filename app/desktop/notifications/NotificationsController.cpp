#include "notifications/NotificationsController.h"

namespace natter {

namespace {
constexpr int kMaxNotificationsPerRefresh = 3;

quint64 idAt(const QModelIndex &i)
{
    return i.data(ConversationListModel::ConversationIdRole).toString().toULongLong();
}
} // namespace

NotificationsController::NotificationsController(
    AppContext &context, ChatsController &chats, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_chats(chats)
{
    connect(&m_notifier, &Notifier::activated, this, [this](quint64 conversationId) {
        emit raiseRequested();
        if (conversationId)
            m_chats.openConversation(conversationId);
    });
    connect(&m_notifier, &Notifier::trayActivated, this, &NotificationsController::raiseRequested);
    // What is unread when a profile opens was there before: no notification.
    connect(&m_chats, &ChatsController::modelsChanged, this, &NotificationsController::snapshot);
    connect(&m_chats, &ChatsController::refreshed, this, &NotificationsController::notifyNew);
}

void NotificationsController::snapshot()
{
    m_lastUnread.clear();
    const ConversationListModel *list = m_chats.conversations();
    if (!list)
        return m_notifier.setUnread(0);
    for (int r = 0; r < list->rowCount(); ++r) {
        const QModelIndex i = list->index(r);
        m_lastUnread.insert(idAt(i), i.data(ConversationListModel::UnreadRole).toInt());
    }
    m_notifier.setUnread(list->unreadTotal());
}

void NotificationsController::notifyNew()
{
    const ConversationListModel *list = m_chats.conversations();
    if (!list)
        return;
    m_notifier.setUnread(list->unreadTotal());
    int shown = 0;
    for (int r = 0; r < list->rowCount(); ++r) {
        const QModelIndex i = list->index(r);
        const quint64 id = idAt(i);
        const int unread = i.data(ConversationListModel::UnreadRole).toInt();
        const auto before = m_lastUnread.constFind(id);
        const bool grew = before != m_lastUnread.constEnd() ? unread > *before : unread > 0;
        m_lastUnread.insert(id, unread);
        const bool inView = id == m_chats.current()->id() && m_ctx.windowActive();
        if (!grew || inView || shown >= kMaxNotificationsPerRefresh)
            continue;
        ++shown;
        m_notifier.notify(id, i.data(ConversationListModel::LastFromRole).toString(),
            i.data(ConversationListModel::LastTextRole).toString());
    }
}

} // namespace natter
