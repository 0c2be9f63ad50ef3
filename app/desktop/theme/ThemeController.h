// ThemeController, the QML singleton `Theme`: the colour scheme the user
// chose (system, light or dark), kept in the app's settings, and whether it
// comes out dark. Lives on the GUI thread.
#pragma once

#include "QmlSingleton.h"

#include <QObject>
#include <QQmlEngine>

namespace natter {

class ThemeController : public QObject, public QmlSingleton<ThemeController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Theme)
    QML_SINGLETON

    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
    Q_PROPERTY(bool dark READ dark NOTIFY themeChanged)

public:
    explicit ThemeController(QObject *parent = nullptr);

    QString theme() const { return m_theme; }
    void setTheme(const QString &theme);
    bool dark() const;

signals:
    void themeChanged();

private:
    QString m_theme;
};

} // namespace natter
