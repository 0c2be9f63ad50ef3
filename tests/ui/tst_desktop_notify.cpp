// Desktop notifications: a stand-in org.freedesktop.Notifications service on
// the private session bus (ctest runs this under dbus-run-session) records
// what the app shows. A message from a friend whose chat is not in view is
// notified; clicking it opens that chat; the chat in view is not notified.
#include "ChildProcess.h"
#include "DesktopApp.h"

#include <QDBusAbstractAdaptor>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(NatterPlugin)

using namespace natter;

// The notification server's side of the freedesktop spec, as far as we use it.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Shown
    {
        uint id;
        QString summary;
        QString body;
        QStringList actions;
    };
    QList<Shown> shown;

public slots:
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &body,
        const QStringList &actions, const QVariantMap &, int)
    {
        const uint id = uint(shown.size() + 1);
        shown.append({ id, summary, body, actions });
        return id;
    }
    QStringList GetCapabilities() { return { QStringLiteral("actions"), QStringLiteral("body") }; }

signals:
    void ActionInvoked(uint id, const QString &action);
};

class TestDesktopNotify : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_url;
    FakeNotifications m_fake;

    bool cli(const QString &who, const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NATTER_PASSPHRASE"), QStringLiteral("local secret"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(NATTER_CLI_PATH),
            QStringList { QStringLiteral("--profile"), m_dir.filePath(who) } + args);
        const bool ok = p.waitForFinished(30000) && p.exitCode() == 0;
        if (!ok)
            qWarning() << "natter-cli" << args << p.readAllStandardError();
        return ok;
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("NATTER_TEST_KEYCHAIN"))
            QSKIP("needs the private D-Bus session ctest provides (run-with-keyring.sh)");
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY(bus.isConnected());
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.Notifications")));
        QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_fake,
            QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));

        m_url = natter::test::startNatterd(m_server,
            { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                m_dir.filePath(QStringLiteral("server")) });
        QVERIFY(!m_url.isEmpty());
        for (const char *user : { "bob", "carol" })
            QVERIFY(cli(QString::fromLatin1(user),
                { QStringLiteral("--server"), m_url, QStringLiteral("register"),
                    QString::fromLatin1(user), QStringLiteral("password-123") }));
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            m_server.waitForFinished(10000);
        }
    }

    void notifiesOtherChatsAndOpensOnClick()
    {
        DesktopApp desktop;
        QVERIFY(desktop.init({ QStringLiteral("natter"), QStringLiteral("--profile"),
            m_dir.filePath(QStringLiteral("alice")), QStringLiteral("--passphrase-only") }));
        QVERIFY(desktop.load());
        SessionController *session = desktop.session();
        ChatsController *chats = desktop.chats();
        session->setupAccount(true, m_url, QStringLiteral("alice"),
            QStringLiteral("alice-password"), QStringLiteral("desk"), false,
            QStringLiteral("alice passphrase"));
        QTRY_COMPARE_WITH_TIMEOUT(session->page(), QStringLiteral("main"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(session->connectionState(), QStringLiteral("connected"), 10000);
        desktop.context()->setWindowActive(true);
        // Alice opens a chat with carol before there is one: it is carol's
        // conversation once carol writes (no second "carol" appears).
        QVERIFY(chats->openDirect(QStringLiteral("carol")));
        QTRY_VERIFY(chats->current()->pending());

        // Carol's chat is in view: her message is not notified.
        QVERIFY(cli(QStringLiteral("carol"),
            { QStringLiteral("send"), QStringLiteral("@alice"), QStringLiteral("carol here") }));
        QTRY_COMPARE_WITH_TIMEOUT(chats->conversations()->rowCount(), 1, 10000);
        QTRY_VERIFY(!chats->current()->pending());
        QCOMPARE(chats->current()->title(), QStringLiteral("carol"));
        QCOMPARE(chats->current()->idText(),
            chats->conversations()
                ->index(0)
                .data(ConversationListModel::ConversationIdRole)
                .toString());
        // Bob writes: a notification with his name and text, with an action to open.
        QVERIFY(cli(QStringLiteral("bob"),
            { QStringLiteral("send"), QStringLiteral("@alice"), QStringLiteral("ping from bob") }));
        QTRY_COMPARE_WITH_TIMEOUT(m_fake.shown.size(), 1, 10000);
        QCOMPARE(m_fake.shown[0].summary, QStringLiteral("bob"));
        QCOMPARE(m_fake.shown[0].body, QStringLiteral("ping from bob"));
        QVERIFY(m_fake.shown[0].actions.contains(QStringLiteral("default")));
        QTest::qWait(300);
        QCOMPARE(m_fake.shown.size(), 1); // carol's message never was

        // The user clicks it: bob's chat opens.
        emit m_fake.ActionInvoked(m_fake.shown[0].id, QStringLiteral("default"));
        QTRY_COMPARE_WITH_TIMEOUT(chats->current()->title(), QStringLiteral("bob"), 5000);
    }
};

QTEST_MAIN(TestDesktopNotify)
#include "tst_desktop_notify.moc"
