// Desktop notifications (org.freedesktop.Notifications over D-Bus, with the
// tray's balloon as fallback) and the system tray icon with the unread
// count. Lives on the GUI thread.
#pragma once

#include <QHash>
#include <QObject>

class QSystemTrayIcon;

namespace natter {

class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    void notify(quint64 conversationId, const QString &title, const QString &body);
    void setUnread(int unread);

signals:
    void activated(quint64 conversationId); // a notification was clicked
    void trayActivated();

private slots:
    void onActionInvoked(uint id, const QString &action);

private:
    QSystemTrayIcon *m_tray = nullptr;
    QHash<uint, quint64> m_conversations; // notification id -> conversation
    quint64 m_lastConversation = 0; // for the tray balloon fallback
    bool m_dbus = false;
};

} // namespace natter
