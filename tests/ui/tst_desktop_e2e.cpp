// End to end through the real desktop UI: the app's QML and controller in
// this process (offscreen, software rendering), a real natterd on an
// ephemeral port, and natter-cli as the friend on another PC. The app
// registers through its setup form, sends by typing into the composer, sees
// the friend's reply, keeps working while the server is down, and a
// screenshot of the window is stored as a test artifact.
#include "ChildProcess.h"
#include "DesktopApp.h"

#include <QDir>
#include <QProcess>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

#include <csignal>

Q_IMPORT_QML_PLUGIN(NatterPlugin)

using namespace natter;

namespace {

QQuickItem *findItem(QQuickWindow *window, const char *name)
{
    return window->findChild<QQuickItem *>(QString::fromLatin1(name));
}

QModelIndex findMessage(QAbstractItemModel *model, const QString &text)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex i = model->index(r, 0);
        if (i.data(MessageListModel::TextRole).toString() == text)
            return i;
    }
    return {};
}

bool hasMessage(QAbstractItemModel *model, const QString &text, const QString &from = {})
{
    const QModelIndex i = findMessage(model, text);
    return i.isValid() && (from.isEmpty() || i.data(MessageListModel::FromRole).toString() == from);
}

QString stateOf(QAbstractItemModel *model, const QString &text)
{
    return findMessage(model, text).data(MessageListModel::StateRole).toString();
}

void type(QWindow *window, const QString &text)
{
    for (const QChar c : text)
        QTest::keyClick(window, c.toLatin1());
}

} // namespace

class TestDesktopE2E : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;

    void startServer(quint16 port)
    {
        const QUrl url = natter::test::startNatterd(m_server,
            { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                QStringLiteral("--data"), m_dir.filePath(QStringLiteral("server")) });
        QVERIFY(url.isValid() && url.port() > 0);
        m_port = quint16(url.port());
    }

    QString cli(const QStringList &args)
    {
        return natter::test::runCli(
            m_dir.filePath(QStringLiteral("bob")), QStringLiteral("bob's local secret"), args);
    }

private slots:
    // Simplified Chinese: our words and Qt's (a dialog's "Close" comes from
    // qtbase's catalogue, which install-deps and the .deb pull in).
    void chineseTranslations()
    {
        const QList<QTranslator *> installed
            = DesktopApp::installTranslations(QLocale(QLocale::Chinese, QLocale::China));
        QCOMPARE(installed.size(), 2);
        QCOMPARE(QCoreApplication::translate("PeopleDialog", "People"), QStringLiteral("联系人"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Close"), QStringLiteral("关闭"));
        for (QTranslator *t : installed) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        QCOMPARE(QCoreApplication::translate("PeopleDialog", "People"), QStringLiteral("People"));
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            m_server.waitForFinished(10000);
        }
    }

    void registerChatOfflineAndScreenshot()
    {
        QVERIFY(m_dir.isValid());
        startServer(0);
        const QString url = QStringLiteral("ws://127.0.0.1:%1").arg(m_port);
        QVERIFY(!cli({ QStringLiteral("--server"), url, QStringLiteral("register"),
                         QStringLiteral("bob"), QStringLiteral("bob-password") })
                     .startsWith(QLatin1String("<failed>")));

        // Pings every 500 ms: a silent server is noticed within a second.
        qputenv("NATTER_KEEPALIVE_MS", "500");
        DesktopApp desktop;
        QVERIFY(desktop.init({ QStringLiteral("natter"), QStringLiteral("--profile"),
            m_dir.filePath(QStringLiteral("alice")), QStringLiteral("--passphrase-only") }));
        QQuickWindow *window = desktop.load();
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        SessionController *session = desktop.session();
        ChatsController *chats = desktop.chats();
        QCOMPARE(session->page(), QStringLiteral("setup"));

        // The setup form, filled in as a person would: the keychain is off
        // for this profile, so the passphrase fields are there.
        QTRY_VERIFY(findItem(window, "userField"));
        findItem(window, "modeBar")->setProperty("currentIndex", 1); // "Create account"
        const QList<std::pair<const char *, QString>> fields = {
            { "serverField", url },
            { "userField", QStringLiteral("alice") },
            { "passwordField", QStringLiteral("alice-password") },
            { "passwordRepeat", QStringLiteral("alice-password") },
            { "deviceField", QStringLiteral("desk") },
            { "passphraseField", QStringLiteral("alice local secret") },
            { "passphraseRepeat", QStringLiteral("alice local secret") },
        };
        for (const auto &[name, value] : fields) {
            QQuickItem *field = findItem(window, name);
            QVERIFY2(field && field->isVisible(), name);
            field->setProperty("text", value);
        }
        QVERIFY(!findItem(window, "keychainChoice")->isEnabled());
        QVERIFY(findItem(window, "noKeychainWarning")->isVisible());
        QQuickItem *submit = findItem(window, "submitButton");
        QVERIFY(submit);
        QMetaObject::invokeMethod(submit, "clicked");
        QTRY_COMPARE_WITH_TIMEOUT(session->page(), QStringLiteral("main"), 15000);
        QCOMPARE(session->userName(), QStringLiteral("alice"));
        QCOMPARE(session->deviceName(), QStringLiteral("desk"));
        QTRY_COMPARE_WITH_TIMEOUT(session->connectionState(), QStringLiteral("connected"), 10000);

        // Write to bob by typing into the composer and pressing Enter.
        // No conversation with bob yet: the chat opens as a local one, by
        // his name, until the server creates it with the first message.
        QVERIFY(chats->openDirect(QStringLiteral("bob")));
        QTRY_COMPARE(chats->current()->title(), QStringLiteral("bob"));
        QVERIFY(chats->current()->pending());
        const QString localId = chats->current()->idText();
        QTRY_COMPARE(findItem(window, "conversationTitle")->property("text").toString(),
            QStringLiteral("bob"));
        QQuickItem *input = nullptr;
        QTRY_VERIFY((input = findItem(window, "input")));
        input->forceActiveFocus();
        QTRY_VERIFY(input->hasActiveFocus());
        type(window, QStringLiteral("hello from the desktop"));
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            hasMessage(chats->messages(), QStringLiteral("hello from the desktop")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(session->outboxPending(), 0, 10000);
        QTRY_COMPARE(stateOf(chats->messages(), QStringLiteral("hello from the desktop")),
            QStringLiteral("sent"));
        // Acked: the same chat, now under the server's conversation id.
        QTRY_VERIFY(!chats->current()->pending());
        QVERIFY(chats->current()->idText() != localId);
        QCOMPARE(chats->messages()->conversationIdText(), chats->current()->idText());
        QCOMPARE(chats->current()->title(), QStringLiteral("bob"));
        QTRY_COMPARE(chats->current()->members().size(), 2); // from the feed
        QVERIFY(findMessage(chats->messages(), QStringLiteral("hello from the desktop"))
                    .data(MessageListModel::OutgoingRole)
                    .toBool());
        QVERIFY(cli({ QStringLiteral("sync") }).isEmpty());
        QVERIFY(cli({ QStringLiteral("history"), QStringLiteral("@alice") })
                    .contains(QLatin1String("hello from the desktop")));

        // Bob answers from his PC: it shows up in the open chat.
        QVERIFY(cli({ QStringLiteral("send"), QStringLiteral("@alice"),
                        QStringLiteral("hi desktop, this is bob") })
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            hasMessage(chats->messages(), QStringLiteral("hi desktop, this is bob"),
                QStringLiteral("bob")),
            10000);
        QCOMPARE(chats->conversations()->rowCount(), 1);
        QCOMPARE(stateOf(chats->messages(), QStringLiteral("hi desktop, this is bob")),
            QStringLiteral("received"));
        // The chat is open in the active window: bob's message counts as read.
        QTRY_COMPARE(
            chats->conversations()->index(0).data(ConversationListModel::UnreadRole).toInt(), 0);

        // A half-open connection (the server stops answering, as after a
        // laptop sleeps or the network changes) is noticed and replaced.
        ::kill(pid_t(m_server.processId()), SIGSTOP);
        QTRY_VERIFY_WITH_TIMEOUT(session->connectionState() != QStringLiteral("connected"), 5000);
        ::kill(pid_t(m_server.processId()), SIGCONT);
        QTRY_COMPARE_WITH_TIMEOUT(session->connectionState(), QStringLiteral("connected"), 15000);
        QVERIFY(cli({ QStringLiteral("send"), QStringLiteral("@alice"),
                        QStringLiteral("after the freeze") })
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            hasMessage(chats->messages(), QStringLiteral("after the freeze")), 10000);

        // The server goes away: the app says so, keeps the message in the
        // outbox, and sends it later.
        m_server.kill();
        m_server.waitForFinished();
        QTRY_VERIFY_WITH_TIMEOUT(session->connectionState() != QStringLiteral("connected"), 10000);
        input->forceActiveFocus();
        type(window, QStringLiteral("written while offline"));
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(session->outboxPending(), 1, 5000);
        QTRY_COMPARE(stateOf(chats->messages(), QStringLiteral("written while offline")),
            QStringLiteral("pending"));

        const QString artifacts = QStringLiteral(NATTER_ARTIFACT_DIR);
        QDir().mkpath(artifacts);
        QImage offlineShot = window->grabWindow();
        QVERIFY(!offlineShot.isNull());
        QVERIFY(offlineShot.save(artifacts + QStringLiteral("/desktop-e2e-offline.png")));

        startServer(m_port);
        QTRY_COMPARE_WITH_TIMEOUT(session->outboxPending(), 0, 20000);
        QTRY_COMPARE(stateOf(chats->messages(), QStringLiteral("written while offline")),
            QStringLiteral("sent"));
        QVERIFY(cli({ QStringLiteral("sync") }).isEmpty());
        QVERIFY(cli({ QStringLiteral("history"), QStringLiteral("@alice") })
                    .contains(QLatin1String("written while offline")));

        QTest::qWait(200); // let the last state change render
        const QImage shot = window->grabWindow();
        QVERIFY(shot.save(artifacts + QStringLiteral("/desktop-e2e.png")));
        qInfo() << "screenshots in" << artifacts;
    }
};

QTEST_MAIN(TestDesktopE2E)
#include "tst_desktop_e2e.moc"
