#include "DesktopApp.h"

#include <QApplication>
#include <QIcon>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(NatterPlugin)

int main(int argc, char *argv[])
{
    // QApplication, not QGuiApplication: the system tray icon needs widgets.
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Natter"));
    QApplication::setApplicationName(QStringLiteral("natter"));
    QApplication::setApplicationVersion(QStringLiteral(NATTER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("natter"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/natter.svg")));
    QApplication::setQuitOnLastWindowClosed(true);

    natter::DesktopApp desktop;
    if (!desktop.init(QApplication::arguments()))
        return 2;
    if (!desktop.load())
        return 1;
    return QApplication::exec();
}
