// A self-hosted server with a self-signed certificate, through the real
// desktop UI: the setup form refuses it with a clear reason, then connects
// once the user names the server's certificate file in the form (the
// "server certificate" field appears for wss:// addresses only). The
// certificate is kept in the profile, so the app reconnects on its own; the
// settings can drop it (authorities only) and trust it again.
#include "ChildProcess.h"
#include "DesktopApp.h"

#include <QProcess>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(NatterPlugin)

using namespace natter;

class TestDesktopTls : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_server;

    QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            m_server.waitForFinished(10000);
        }
    }

    void selfSignedServerTrustedFromTheSetupForm()
    {
        QVERIFY(m_dir.isValid());
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", file("self.key"), "-out", file("self.pem"), "-days", "2", "-subj",
                "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1" });
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);

        const QStringList tls { "--data", file("server"), "--tls-cert", file("self.pem"),
            "--tls-key", file("self.key") };
        const QString url = natter::test::startNatterd(
            m_server, QStringList { "--listen", "127.0.0.1:0" } + tls, QStringLiteral("wss"));
        QVERIFY(!url.isEmpty());

        DesktopApp desktop;
        QVERIFY(desktop.init({ QStringLiteral("natter"), QStringLiteral("--profile"), file("carol"),
            QStringLiteral("--passphrase-only") }));
        QQuickWindow *window = desktop.load();
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        SessionController *app = desktop.session();
        QCOMPARE(app->page(), QStringLiteral("setup"));

        const auto item = [window](const char *name) {
            return window->findChild<QQuickItem *>(QString::fromLatin1(name));
        };
        QTRY_VERIFY(item("userField"));
        item("modeBar")->setProperty("currentIndex", 1); // "Create account"
        QQuickItem *cert = item("certField");
        QVERIFY(cert);
        item("serverField")->setProperty("text", QStringLiteral("ws://127.0.0.1:1"));
        QVERIFY(!cert->isVisible()); // only for wss://
        const QList<std::pair<const char *, QString>> fields = {
            { "serverField", url },
            { "userField", QStringLiteral("carol") },
            { "passwordField", QStringLiteral("carol-password") },
            { "passwordRepeat", QStringLiteral("carol-password") },
            { "deviceField", QStringLiteral("home") },
            { "passphraseField", QStringLiteral("carol local secret") },
            { "passphraseRepeat", QStringLiteral("carol local secret") },
        };
        for (const auto &[name, value] : fields) {
            QQuickItem *field = item(name);
            QVERIFY2(field && field->isVisible(), name);
            field->setProperty("text", value);
        }
        QVERIFY(cert->isVisible());
        QQuickItem *submit = item("submitButton");
        QVERIFY(submit);

        // Not trusted: refused, and the form says why.
        QMetaObject::invokeMethod(submit, "clicked");
        QTRY_VERIFY_WITH_TIMEOUT(!app->lastError().isEmpty(), 15000);
        QVERIFY2(app->lastError().contains(QLatin1String("not trusted (self-signed certificate)")),
            qPrintable(app->lastError()));
        QTRY_VERIFY(!app->busy());
        QCOMPARE(app->page(), QStringLiteral("setup"));

        // A file that is not a certificate: refused before any connection.
        cert->setProperty("text", file("self.key"));
        QMetaObject::invokeMethod(submit, "clicked");
        QTRY_VERIFY(app->lastError().contains(QLatin1String("holds no PEM certificate")));
        QCOMPARE(app->page(), QStringLiteral("setup"));

        // The server's own certificate: trusted, connected, and kept.
        cert->setProperty("text", file("self.pem"));
        QMetaObject::invokeMethod(submit, "clicked");
        QTRY_COMPARE_WITH_TIMEOUT(app->page(), QStringLiteral("main"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(app->connectionState(), QStringLiteral("connected"), 10000);
        QCOMPARE(app->serverUrl(), url);

        // The server restarts: the app reconnects with the saved certificate.
        m_server.terminate();
        QVERIFY(m_server.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(app->connectionState() != QStringLiteral("connected"), 10000);
        QCOMPARE(
            natter::test::startNatterd(m_server,
                QStringList { "--listen", QUrl(url).authority() } + tls, QStringLiteral("wss")),
            url);
        QTRY_COMPARE_WITH_TIMEOUT(app->connectionState(), QStringLiteral("connected"), 20000);

        // Settings: back to the authorities only, and the app no longer gets
        // in; the file again, from the settings field, and it does.
        app->trustServerCertificate(QString());
        QTRY_VERIFY_WITH_TIMEOUT(app->connectionState() != QStringLiteral("connected"), 10000);
        QTest::qWait(1500);
        QVERIFY(app->connectionState() != QStringLiteral("connected"));
        QQuickItem *settingsField = item("settingsCertField");
        QVERIFY(settingsField);
        settingsField->setProperty("text", file("self.key"));
        QMetaObject::invokeMethod(item("trustCertButton"), "clicked");
        QTRY_VERIFY(app->lastError().contains(QLatin1String("holds no PEM certificate")));
        settingsField->setProperty("text", file("self.pem"));
        QMetaObject::invokeMethod(item("trustCertButton"), "clicked");
        QTRY_COMPARE_WITH_TIMEOUT(app->connectionState(), QStringLiteral("connected"), 20000);
        QVERIFY(app->lastError().isEmpty());
    }
};

QTEST_MAIN(TestDesktopTls)
#include "tst_desktop_tls.moc"
