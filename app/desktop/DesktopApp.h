// Start-up of the desktop app shared by the `natter` executable and the
// end-to-end UI test: command line, translations, style, the App singleton
// and the QML engine. Runs on the GUI thread.
#pragma once

#include "AppController.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QStringList>

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

    AppController *controller() const { return m_controller.get(); }
    QQmlApplicationEngine *engine() const { return m_engine.get(); }

    static QString defaultProfileDir();

private:
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    bool m_startupProbe = false;
};

} // namespace natter
