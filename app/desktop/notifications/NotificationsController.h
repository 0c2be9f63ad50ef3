// NotificationsController, the QML singleton `Notifications`: desktop
// notifications for conversations whose unread count grew (not for the one
// in front of the user), the tray icon's unread badge, and what a click on
// either does (raise the window, open that conversation). Follows the
// conversation list after each refresh. Lives on the GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"
#include "chats/ChatsController.h"
#include "notifications/Notifier.h"

#include <QHash>
#include <QObject>
#include <QQmlEngine>

namespace natter {

class NotificationsController : public QObject, public QmlSingleton<NotificationsController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Notifications)
    QML_SINGLETON

public:
    NotificationsController(AppContext &context, ChatsController &chats, QObject *parent = nullptr);

signals:
    // A notification or the tray icon was clicked: bring the window up.
    void raiseRequested();

private:
    void snapshot();
    void notifyNew();

    AppContext &m_ctx;
    ChatsController &m_chats;
    Notifier m_notifier;
    QHash<quint64, int> m_lastUnread; // conversation -> unread at the last refresh
};

} // namespace natter
