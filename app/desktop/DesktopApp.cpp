#include "DesktopApp.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTranslator>

#include <cstdio>

namespace natter {

QString DesktopApp::defaultProfileDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("profiles/default"));
}

bool DesktopApp::init(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Natter, a local-first messenger."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(QStringLiteral("profile"),
        QCoreApplication::translate("main", "Profile directory."), QStringLiteral("DIR"),
        defaultProfileDir());
    const QCommandLineOption passphraseOnly(QStringLiteral("passphrase-only"),
        QCoreApplication::translate("main", "Never use the system keychain for this profile."));
    const QCommandLineOption probe(QStringLiteral("startup-probe"),
        QCoreApplication::translate("main",
            "Print the time when the first conversation list "
            "frame is shown (for benchmarks)."));
    parser.addOptions({ profile, passphraseOnly, probe });
    if (!parser.parse(arguments)) {
        fprintf(stderr, "natter: %s\n", qPrintable(parser.errorText()));
        return false;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(); // exits
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    // Translations follow the system language; English is the source.
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(
            QLocale(), QStringLiteral("natter"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
    auto *qtTranslator = new QTranslator(QCoreApplication::instance());
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);

    if (QQuickStyle::name().isEmpty()) // once per process: later engines keep it
        QQuickStyle::setStyle(QStringLiteral("Material"));
    m_startupProbe = parser.isSet(probe);
    AppController::Options options;
    options.profileDir = QDir(parser.value(profile)).absolutePath();
    options.forcePassphrase = parser.isSet(passphraseOnly);
    m_controller = std::make_unique<AppController>(options);
    return true;
}

QQuickWindow *DesktopApp::load()
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    // The Natter module is compiled into the binary at :/Natter (Qt 6.4 puts
    // module resources under "/" and does not search there by default).
    m_engine->addImportPath(QStringLiteral("qrc:/"));
    // NATTER_QML_MAIN loads another root file (for debugging a component).
    const QString main
        = qEnvironmentVariable("NATTER_QML_MAIN", QStringLiteral("qrc:/Natter/Main.qml"));
    m_engine->load(QUrl(main));
    if (m_engine->rootObjects().isEmpty())
        return nullptr;
    auto *window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
    if (!window)
        return nullptr;
    AppController *app = m_controller.get();
    QObject::connect(app, &AppController::raiseRequested, window, [window] {
        window->show();
        window->raise();
        window->requestActivate();
    });
    QObject::connect(window, &QQuickWindow::activeChanged, app,
        [app, window] { app->setWindowActive(window->isActive()); });
    if (m_startupProbe) {
        // The first frame after the page is up: what a person sees as "started".
        auto done = std::make_shared<bool>(false);
        QObject::connect(window, &QQuickWindow::frameSwapped, window, [app, done] {
            // A settled first screen: the setup form, or the conversation list.
            if (*done
                || (app->page() != QLatin1String("setup") && app->page() != QLatin1String("main")))
                return;
            *done = true;
            printf("first-frame %lld page=%s\n", QDateTime::currentMSecsSinceEpoch(),
                qPrintable(app->page()));
            fflush(stdout);
        });
    }
    return window;
}

} // namespace natter
