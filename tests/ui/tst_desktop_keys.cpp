// How the desktop app keeps the store key, across restarts: in the OS
// keychain (Secret Service, here gnome-keyring under a private D-Bus
// session started by ctest), or wrapped by a passphrase asked at start.
// A real natterd serves the account set-up.
#include "ChildProcess.h"
#include "DesktopApp.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(NatterPlugin)

using namespace natter;

class TestDesktopKeys : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_url;

    std::unique_ptr<DesktopApp> startApp(const QString &profile, bool passphraseOnly)
    {
        auto app = std::make_unique<DesktopApp>();
        QStringList args { QStringLiteral("natter"), QStringLiteral("--profile"), profile };
        if (passphraseOnly)
            args << QStringLiteral("--passphrase-only");
        if (!app->init(args) || !app->load())
            return nullptr;
        return app;
    }

    // Every file of the profile, read raw: the key must not be in any of them.
    bool profileContains(const QString &profile, const QByteArray &needle)
    {
        QDirIterator it(profile, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
                return true;
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_url = natter::test::startNatterd(m_server,
            { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                m_dir.filePath(QStringLiteral("server")) });
        QVERIFY(!m_url.isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(10000);
    }

    void passphraseAcrossRestart()
    {
        const QString profile = m_dir.filePath(QStringLiteral("pass"));
        {
            auto desktop = startApp(profile, true);
            QVERIFY(desktop);
            SessionController *app = desktop->session();
            QCOMPARE(app->page(), QStringLiteral("setup"));
            QVERIFY(!app->keychainAvailable());
            // The keychain cannot be chosen when it is turned off: an explicit error.
            app->setupAccount(true, m_url, QStringLiteral("carol"),
                QStringLiteral("carol-password"), QStringLiteral("pc"), true, QString());
            QVERIFY(app->lastError().contains(QLatin1String("keychain")));
            app->setupAccount(true, m_url, QStringLiteral("carol"),
                QStringLiteral("carol-password"), QStringLiteral("pc"), false,
                QStringLiteral("carol passphrase"));
            QTRY_COMPARE_WITH_TIMEOUT(app->page(), QStringLiteral("main"), 15000);
        }
        QVERIFY(QFile::exists(profile + QStringLiteral("/key.bin")));
        QVERIFY(!QFile::exists(profile + QStringLiteral("/key.keychain")));

        auto desktop = startApp(profile, true);
        QVERIFY(desktop);
        SessionController *app = desktop->session();
        QCOMPARE(app->page(), QStringLiteral("unlock"));
        app->unlock(QStringLiteral("not the passphrase"));
        QTRY_VERIFY_WITH_TIMEOUT(!app->lastError().isEmpty(), 10000);
        QVERIFY(app->lastError().contains(QLatin1String("passphrase"), Qt::CaseInsensitive));
        QCOMPARE(app->page(), QStringLiteral("unlock"));
        app->unlock(QStringLiteral("carol passphrase"));
        QTRY_COMPARE_WITH_TIMEOUT(app->page(), QStringLiteral("main"), 10000);
        QCOMPARE(app->userName(), QStringLiteral("carol"));
        QTRY_COMPARE_WITH_TIMEOUT(app->connectionState(), QStringLiteral("connected"), 10000);
    }

    void keychainAcrossRestart()
    {
        if (qEnvironmentVariableIsEmpty("NATTER_TEST_KEYCHAIN"))
            QSKIP("run by ctest under dbus-run-session with gnome-keyring (NATTER_TEST_KEYCHAIN)");
        const QString profile = m_dir.filePath(QStringLiteral("chain"));
        {
            auto desktop = startApp(profile, false);
            QVERIFY(desktop);
            SessionController *app = desktop->session();
            QTRY_VERIFY_WITH_TIMEOUT(app->keychainAvailable(), 10000);
            app->setupAccount(true, m_url, QStringLiteral("dave"), QStringLiteral("dave-password"),
                QStringLiteral("pc"), true, QString());
            QTRY_COMPARE_WITH_TIMEOUT(app->page(), QStringLiteral("main"), 15000);
        }
        QVERIFY(!QFile::exists(profile + QStringLiteral("/key.bin")));
        QVERIFY(QFile::exists(profile + QStringLiteral("/key.keychain")));

        // The key is in the Secret Service, readable by this user's session.
        QByteArray key;
        QString error = QStringLiteral("no answer");
        KeychainStore keychain;
        keychain.readKey(profile, [&](const QByteArray &k, const QString &e) {
            key = k;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(
            key.size() == 32 || (error != QLatin1String("no answer") && !error.isEmpty()), 10000);
        QCOMPARE(key.size(), 32);

        auto desktop = startApp(profile, false);
        QVERIFY(desktop);
        SessionController *app = desktop->session();
        // No passphrase asked: the key comes from the keychain.
        QTRY_COMPARE_WITH_TIMEOUT(app->page(), QStringLiteral("main"), 10000);
        QCOMPARE(app->userName(), QStringLiteral("dave"));
        QTRY_COMPARE_WITH_TIMEOUT(app->connectionState(), QStringLiteral("connected"), 10000);
        desktop.reset();

        // Not in the profile, in any form.
        QVERIFY(!profileContains(profile, key));
        QVERIFY(!profileContains(profile, key.toHex()));
        QVERIFY(!profileContains(profile, key.toHex().toUpper()));
        QVERIFY(!profileContains(profile, key.toBase64()));
    }
};

QTEST_MAIN(TestDesktopKeys)
#include "tst_desktop_keys.moc"
