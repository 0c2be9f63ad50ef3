// Start-up of the desktop app shared by the `natter` executable and the
// end-to-end UI tests: command line, translations, style, the shared
// AppContext, the feature controllers QML sees as singletons (Session,
// Chats, Devices, Groups, People, Privacy, Notifications, Theme) and the QML engine. Runs on the
// GUI thread.
#pragma once

#include "AppContext.h"
#include "chats/ChatsController.h"
#include "devices/DevicesController.h"
#include "groups/GroupsController.h"
#include "notifications/NotificationsController.h"
#include "people/PeopleController.h"
#include "privacy/PrivacyController.h"
#include "session/SessionController.h"
#include "theme/ThemeController.h"

#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace natter {

class DesktopApp
{
public:
    // Parses the arguments (--profile, --passphrase-only, --startup-probe).
    // Returns false (with a message on stderr) on bad usage.
    bool init(const QStringList &arguments);
    // Loads the QML UI. Returns the main window, or nullptr on failure.
    QQuickWindow *load();

    AppContext *context() const { return m_context.get(); }
    SessionController *session() const { return m_session.get(); }
    ChatsController *chats() const { return m_chats.get(); }
    DevicesController *devices() const { return m_devices.get(); }
    GroupsController *groups() const { return m_groups.get(); }
    PeopleController *people() const { return m_people.get(); }
    NotificationsController *notifications() const { return m_notifications.get(); }
    ThemeController *theme() const { return m_theme.get(); }
    QQmlApplicationEngine *engine() const { return m_engine.get(); }

    static QString defaultProfileDir();
    // Installs the app's and Qt's translations for `locale` (what init does
    // for the system's); returns those found.
    static QList<QTranslator *> installTranslations(const QLocale &locale);

private:
    // The engine first out: QML lets go of the controllers before they go.
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<ThemeController> m_theme;
    std::unique_ptr<ChatsController> m_chats;
    std::unique_ptr<NotificationsController> m_notifications;
    std::unique_ptr<DevicesController> m_devices;
    std::unique_ptr<PrivacyController> m_privacy;
    std::unique_ptr<PeopleController> m_people;
    std::unique_ptr<GroupsController> m_groups;
    std::unique_ptr<SessionController> m_session;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    bool m_startupProbe = false;
};

} // namespace natter
