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

    installTranslations(QLocale());

    if (QQuickStyle::name().isEmpty()) // once per process: later engines keep it
        QQuickStyle::setStyle(QStringLiteral("Material"));
    m_startupProbe = parser.isSet(probe);
    AppContext::Options options;
    options.profileDir = QDir(parser.value(profile)).absolutePath();
    options.forcePassphrase = parser.isSet(passphraseOnly);
    m_context = std::make_unique<AppContext>(options);
    m_theme = std::make_unique<ThemeController>();
    m_chats = std::make_unique<ChatsController>(*m_context);
    m_notifications = std::make_unique<NotificationsController>(*m_context, *m_chats);
    m_devices = std::make_unique<DevicesController>(*m_context);
    m_groups = std::make_unique<GroupsController>(*m_context);
    m_privacy = std::make_unique<PrivacyController>(*m_context);
    m_people = std::make_unique<PeopleController>(*m_context);
    // Last: opening a profile (a passphrase in the environment, the keychain)
    // may start at once, and the others listen for it.
    m_session = std::make_unique<SessionController>(*m_context);
    return true;
}

QList<QTranslator *> DesktopApp::installTranslations(const QLocale &locale)
{
    // Ours (English is the source), and Qt's own words — a dialog's standard
    // buttons come from qtbase's catalogue (package qt6-translations-l10n).
    QList<QTranslator *> installed;
    const std::pair<const char *, QString> catalogues[] = {
        { "natter", QStringLiteral(":/i18n") },
        { "qtbase", QLibraryInfo::path(QLibraryInfo::TranslationsPath) },
    };
    for (const auto &[name, dir] : catalogues) {
        auto *t = new QTranslator(QCoreApplication::instance());
        if (t->load(locale, QString::fromLatin1(name), QStringLiteral("_"), dir)
            && QCoreApplication::installTranslator(t))
            installed.append(t);
        else
            delete t;
    }
    return installed;
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
    AppContext *context = m_context.get();
    QObject::connect(window, &QQuickWindow::activeChanged, context,
        [context, window] { context->setWindowActive(window->isActive()); });
    SessionController *app = m_session.get();
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
