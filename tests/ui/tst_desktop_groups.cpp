// Groups end to end through the real desktop UI (offscreen) against a real
// natterd, with natter-cli as the other members: alice creates a group by
// its dialog, invites from the info panel, sees bob's message under his
// group nickname and the system lines, pins an announcement, is mentioned
// and mentions bob (his history says it is him), sees "Read by 1 of 2"
// under her message once bob read it, approves a
// request to join her group by approval from the panel (the badge counts
// it first), and a refused change shows the server's reason.
#include "ChildProcess.h"
#include "DesktopApp.h"

#include <QProcess>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

#include <algorithm>

Q_IMPORT_QML_PLUGIN(NatterPlugin)

using namespace natter;

namespace {

QQuickItem *findItem(QObject *root, const char *name)
{
    return root->findChild<QQuickItem *>(QString::fromLatin1(name));
}

bool hasLine(QAbstractItemModel *model, const QString &text, const QString &sender = {})
{
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex i = model->index(r, 0);
        if (i.data(MessageListModel::TextRole).toString() == text
            && (sender.isEmpty() || i.data(MessageListModel::SenderNameRole).toString() == sender))
            return true;
    }
    return false;
}

bool hasSystemLine(QAbstractItemModel *model, const QString &op)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data(MessageListModel::GroupOpRole).toString() == op)
            return true;
    return false;
}

int rowWith(QAbstractItemModel *model, const QString &text)
{
    for (int r = model->rowCount() - 1; r >= 0; --r)
        if (model->index(r, 0).data(MessageListModel::TextRole).toString() == text)
            return r;
    return -1;
}

// A visible item named `name` whose text is `text`, under `item` (by the
// visual tree: a view's delegates have no QObject parent to find them by).
bool shownText(QQuickItem *item, const QString &name, const QString &text)
{
    if (!item || !item->isVisible())
        return false;
    if (item->objectName() == name && item->property("text").toString() == text)
        return true;
    const QList<QQuickItem *> children = item->childItems();
    return std::any_of(children.cbegin(), children.cend(),
        [&](QQuickItem *child) { return shownText(child, name, text); });
}

void click(QQuickItem *item)
{
    QVERIFY(item);
    QMetaObject::invokeMethod(item, "clicked");
}

} // namespace

class TestDesktopGroups : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_url;

    QString cli(const QString &who, const QStringList &args)
    {
        return natter::test::runCli(m_dir.filePath(who), QStringLiteral("local secret"), args);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_url = natter::test::startNatterd(m_server,
            { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                m_dir.filePath(QStringLiteral("server")) });
        QVERIFY(!m_url.isEmpty());
        for (const char *user : { "bob", "carol" })
            QVERIFY(cli(QString::fromLatin1(user),
                { QStringLiteral("--server"), m_url, QStringLiteral("register"),
                    QString::fromLatin1(user), QStringLiteral("password-123") })
                        .contains(QLatin1String(user)));
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            m_server.waitForFinished(10000);
        }
    }

    void createInviteTalkAndApprove()
    {
        DesktopApp desktop;
        QVERIFY(desktop.init({ QStringLiteral("natter"), QStringLiteral("--profile"),
            m_dir.filePath(QStringLiteral("alice")), QStringLiteral("--passphrase-only") }));
        QQuickWindow *window = desktop.load();
        QVERIFY(window);
        SessionController *session = desktop.session();
        ChatsController *chats = desktop.chats();
        GroupsController *groups = desktop.groups();
        session->setupAccount(true, m_url, QStringLiteral("alice"),
            QStringLiteral("alice-password"), QStringLiteral("desk"), false,
            QStringLiteral("alice passphrase"));
        QTRY_COMPARE_WITH_TIMEOUT(session->page(), QStringLiteral("main"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(session->connectionState(), QStringLiteral("connected"), 10000);

        // The new-group dialog, filled in and sent: the group opens.
        QObject *dialog = window->findChild<QObject *>(QStringLiteral("newGroupDialog"));
        QVERIFY(dialog);
        QMetaObject::invokeMethod(dialog, "open");
        QTRY_VERIFY(
            findItem(window, "groupNameField") && findItem(window, "groupNameField")->isVisible());
        findItem(window, "groupNameField")->setProperty("text", QStringLiteral("Hiking"));
        findItem(window, "groupMembersField")->setProperty("text", QStringLiteral("@bob"));
        click(findItem(window, "createGroupButton"));
        QTRY_COMPARE_WITH_TIMEOUT(chats->current()->title(), QStringLiteral("Hiking"), 10000);
        QCOMPARE(chats->current()->kind(), QStringLiteral("group"));
        // Opened at once as a local group; the server's id once it made it.
        QTRY_VERIFY_WITH_TIMEOUT(
            !Conversations::isLocal(chats->current()->idText().toULongLong()), 10000);
        QCOMPARE(chats->current()->title(), QStringLiteral("Hiking"));
        const QString gid = chats->current()->idText();
        QTRY_VERIFY(hasSystemLine(chats->messages(), QStringLiteral("created")));

        // The info panel: alice owns it; she invites carol from there.
        QVERIFY(window->findChild<QObject *>(QStringLiteral("groupInfoPanel")));
        click(findItem(window, "groupInfoButton"));
        QTRY_COMPARE_WITH_TIMEOUT(groups->myRole(), QStringLiteral("owner"), 10000);
        QCOMPARE(groups->members().size(), 2);
        QQuickItem *invite = findItem(window, "inviteField");
        QVERIFY(invite && invite->isVisible());
        invite->setProperty("text", QStringLiteral("carol"));
        click(findItem(window, "inviteButton"));
        QTRY_VERIFY_WITH_TIMEOUT(hasSystemLine(chats->messages(), QStringLiteral("added")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(groups->members().size(), 3, 10000); // reloaded by itself

        // Bob's nickname shows on his message; the announcement is pinned.
        QVERIFY(!cli(QStringLiteral("bob"), { QStringLiteral("sync") })
                     .contains(QLatin1String("<failed>")));
        QVERIFY(!cli(QStringLiteral("bob"),
            { QStringLiteral("group"), QStringLiteral("nickname"), QStringLiteral("#") + gid,
                QStringLiteral("Trail Bob") })
                     .contains(QLatin1String("<failed>")));
        QVERIFY(!cli(QStringLiteral("bob"),
            { QStringLiteral("send"), QStringLiteral("#") + gid, QStringLiteral("up for Sunday?") })
                     .contains(QLatin1String("<failed>")));
        QTRY_VERIFY_WITH_TIMEOUT(hasLine(chats->messages(), QStringLiteral("up for Sunday?"),
                                     QStringLiteral("Trail Bob")),
            10000);
        groups->announce(QStringLiteral("Meet at the station, 8:00"));
        QTRY_COMPARE_WITH_TIMEOUT(
            chats->current()->announcement(), QStringLiteral("Meet at the station, 8:00"), 10000);
        QTRY_VERIFY(findItem(window, "announcementBar")->isVisible());

        // Bob mentions alice: her line says so. Alice's @bob reaches bob as a
        // mention, and once bob read it her bubble says "Read by 1 of 2".
        QVERIFY(!cli(QStringLiteral("bob"),
            { QStringLiteral("send"), QStringLiteral("#") + gid, QStringLiteral("@alice see?") })
                     .contains(QLatin1String("<failed>")));
        QTRY_VERIFY_WITH_TIMEOUT(
            rowWith(chats->messages(), QStringLiteral("@alice see?")) >= 0, 10000);
        QVERIFY(chats->messages()
                    ->index(rowWith(chats->messages(), QStringLiteral("@alice see?")), 0)
                    .data(MessageListModel::MentionsMeRole)
                    .toBool());
        chats->send(QStringLiteral("@bob ready?"));
        QTRY_VERIFY_WITH_TIMEOUT(
            chats->messages()
                    ->index(rowWith(chats->messages(), QStringLiteral("@bob ready?")), 0)
                    .data(MessageListModel::StateRole)
                    .toString()
                == QLatin1String("sent"),
            10000);
        QVERIFY(!cli(QStringLiteral("bob"), { QStringLiteral("sync") })
                     .contains(QLatin1String("<failed>")));
        QVERIFY(cli(QStringLiteral("bob"),
            { QStringLiteral("history"), QStringLiteral("#") + gid, QStringLiteral("--limit"),
                QStringLiteral("1") })
                    .contains(QLatin1String("\"mentions_me\":true")));
        QVERIFY(!cli(QStringLiteral("bob"), { QStringLiteral("read"), QStringLiteral("#") + gid })
                     .contains(QLatin1String("<failed>")));
        QTRY_VERIFY_WITH_TIMEOUT(shownText(window->contentItem(), QStringLiteral("readBy"),
                                     QStringLiteral("Read by 1 of 2")),
            10000);

        // A refused change says why (nobody removes themselves: they leave).
        groups->kick(QStringLiteral("alice"));
        QTRY_VERIFY_WITH_TIMEOUT(groups->lastError().contains(QLatin1String("yourself")), 10000);
        QVERIFY(findItem(window, "groupInfoError")->isVisible());
        groups->clearError();

        // A group by approval: carol asks, the badge counts it, the panel approves.
        groups->createGroup(QStringLiteral("Book club"), QString(), QStringLiteral("approval"),
            QStringLiteral("joined"));
        QTRY_COMPARE_WITH_TIMEOUT(chats->current()->title(), QStringLiteral("Book club"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !Conversations::isLocal(chats->current()->idText().toULongLong()), 10000);
        const QString club = chats->current()->idText();
        QVERIFY(cli(QStringLiteral("carol"),
            { QStringLiteral("group"), QStringLiteral("join"), QStringLiteral("#Book club"),
                QStringLiteral("--note"), QStringLiteral("I read") })
                    .contains(QLatin1String("pending")));
        QTRY_COMPARE_WITH_TIMEOUT(groups->requestsToDecide(), 1, 10000);
        QVERIFY(findItem(window, "requestsBadge")->isVisible());
        groups->load(club);
        QTRY_COMPARE_WITH_TIMEOUT(groups->requests().size(), 1, 10000);
        QCOMPARE(groups->requests().first().toMap().value(QStringLiteral("note")).toString(),
            QStringLiteral("I read"));
        groups->approve(QStringLiteral("carol"));
        QTRY_COMPARE_WITH_TIMEOUT(groups->requestsToDecide(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hasSystemLine(chats->messages(), QStringLiteral("joined")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(groups->members().size(), 2, 10000);
        QVERIFY(!cli(QStringLiteral("carol"), { QStringLiteral("sync") })
                     .contains(QLatin1String("<failed>")));
        QVERIFY(cli(QStringLiteral("carol"), { QStringLiteral("conversations") })
                    .contains(QLatin1String("Book club")));
    }
};

QTEST_MAIN(TestDesktopGroups)
#include "tst_desktop_groups.moc"
