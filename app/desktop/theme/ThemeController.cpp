#include "theme/ThemeController.h"

#include <QGuiApplication>
#include <QPalette>
#include <QSettings>

namespace natter {

ThemeController::ThemeController(QObject *parent)
    : QObject(parent)
    , m_theme(QSettings().value(QStringLiteral("theme"), QStringLiteral("system")).toString())
{
}

void ThemeController::setTheme(const QString &theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    QSettings().setValue(QStringLiteral("theme"), theme);
    emit themeChanged();
}

bool ThemeController::dark() const
{
    if (m_theme == QLatin1String("dark"))
        return true;
    if (m_theme == QLatin1String("light"))
        return false;
    // Qt 6.4 has no colour-scheme hint: follow the platform palette.
    if (qEnvironmentVariable("GTK_THEME").endsWith(QLatin1String(":dark")))
        return true;
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

} // namespace natter
