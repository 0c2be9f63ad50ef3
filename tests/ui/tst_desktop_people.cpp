// People end to end through the real desktop UI (offscreen) against a real
// natterd, with natter-cli as the others: bob's friend request (with its
// note) shows as a badge and in the people dialog, accepting it from the
// row makes them friends on both sides, a connected friend shows as
// online, a user found by the dialog's search is asked with a note from the
// profile card, the settings' profile fields reach friends, the privacy
// switches reach the server (presence hidden from bob; friends only refuses
// carol), a block from the card stops a stranger, and a refused action
// shows the server's reason.
#include "ChildProcess.h"
#include "DesktopApp.h"

#include <QQuickItem>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(NatterPlugin)

using namespace natter;

namespace {

// A visible item named `name` under `item`, by the visual tree (delegates
// and popups have no QObject parent to find them by).
QQuickItem *visibleItem(QQuickItem *item, const QString &name)
{
    if (!item || !item->isVisible())
        return nullptr;
    if (item->objectName() == name)
        return item;
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children)
        if (QQuickItem *found = visibleItem(child, name))
            return found;
    return nullptr;
}

// The action button `index` of the row for `user` in the people dialog.
QQuickItem *rowAction(QQuickWindow *w, const QString &user, int index)
{
    // Popups live in the window's overlay, a child of its content item.
    QQuickItem *row = visibleItem(w->contentItem(), QStringLiteral("person_") + user);
    return row ? visibleItem(row, QStringLiteral("personAction_%1").arg(index)) : nullptr;
}

QQuickItem *anywhere(QQuickWindow *w, const char *name)
{
    return visibleItem(w->contentItem(), QString::fromLatin1(name));
}

void click(QQuickItem *item)
{
    QVERIFY(item);
    QMetaObject::invokeMethod(item, "clicked");
}

// A real mouse click in the middle of the item (a switch toggles only so),
// scrolled into view first when it is in a scroll view.
void mouseClick(QQuickWindow *w, QQuickItem *item)
{
    QVERIFY(item);
    for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (!p->property("contentY").isValid() || !p->property("contentHeight").isValid())
            continue;
        const qreal y
            = item->mapToItem(p->property("contentItem").value<QQuickItem *>(), QPointF(0, 0)).y();
        p->setProperty("contentY",
            qBound(0.0, y - p->height() / 2, p->property("contentHeight").toReal() - p->height()));
        break;
    }
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(w, Qt::LeftButton, {}, centre.toPoint());
}

QVariantMap person(const QVariantList &list, const QString &user)
{
    for (const QVariant &v : list)
        if (v.toMap().value(QStringLiteral("user")).toString() == user)
            return v.toMap();
    return {};
}

} // namespace

class TestDesktopPeople : public QObject
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
    bool ok(const QString &who, const QStringList &args)
    {
        return cli(who, args) != QLatin1String("<failed>");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_url = natter::test::startNatterd(m_server,
            { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                m_dir.filePath(QStringLiteral("server")) });
        QVERIFY(!m_url.isEmpty());
        for (const char *user : { "bob", "carol", "dave" })
            QVERIFY(ok(QString::fromLatin1(user),
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

    void friendsProfilesAndPrivacy()
    {
        DesktopApp desktop;
        QVERIFY(desktop.init({ QStringLiteral("natter"), QStringLiteral("--profile"),
            m_dir.filePath(QStringLiteral("alice")), QStringLiteral("--passphrase-only") }));
        QQuickWindow *window = desktop.load();
        QVERIFY(window);
        SessionController *session = desktop.session();
        PeopleController *people = desktop.people();
        session->setupAccount(true, m_url, QStringLiteral("alice"),
            QStringLiteral("alice-password"), QStringLiteral("desk"), false,
            QStringLiteral("alice passphrase"));
        QTRY_COMPARE_WITH_TIMEOUT(session->connectionState(), QStringLiteral("connected"), 15000);

        // Bob asks: the badge counts it, the dialog shows his note.
        QVERIFY(ok(QStringLiteral("bob"),
            { QStringLiteral("profile"), QStringLiteral("set"), QStringLiteral("--name"),
                QStringLiteral("Bob Builder") }));
        QVERIFY(ok(QStringLiteral("bob"),
            { QStringLiteral("friend"), QStringLiteral("request"), QStringLiteral("@alice"),
                QStringLiteral("--note"), QStringLiteral("from the meetup") }));
        QTRY_COMPARE_WITH_TIMEOUT(people->incomingCount(), 1, 10000);
        QVERIFY(anywhere(window, "friendRequestsBadge"));
        QObject *dialog = window->findChild<QObject *>(QStringLiteral("peopleDialog"));
        QVERIFY(dialog);
        QMetaObject::invokeMethod(dialog, "open");
        QTRY_VERIFY(rowAction(window, QStringLiteral("bob"), 0)); // the requests tab first
        const QVariantMap asked = person(people->requests(), QStringLiteral("bob"));
        QCOMPARE(asked.value(QStringLiteral("note")).toString(), QStringLiteral("from the meetup"));
        QCOMPARE(
            asked.value(QStringLiteral("displayName")).toString(), QStringLiteral("Bob Builder"));

        // Accept from the row: friends on both sides; bob listening is online.
        click(rowAction(window, QStringLiteral("bob"), 0));
        QTRY_COMPARE_WITH_TIMEOUT(people->friends().size(), 1, 10000);
        QCOMPARE(people->incomingCount(), 0);
        QVERIFY(!anywhere(window, "friendRequestsBadge"));
        QVERIFY(cli(QStringLiteral("bob"), { QStringLiteral("friends") })
                    .contains(QLatin1String("\"state\":\"friend\"")));
        QProcess listener;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NATTER_PASSPHRASE"), QStringLiteral("local secret"));
        listener.setProcessEnvironment(env);
        natter::test::dieWithTest(listener);
        listener.start(QStringLiteral(NATTER_CLI_PATH),
            { QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("bob")),
                QStringLiteral("listen") });
        QVERIFY(listener.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                people->refresh();
                return person(people->friends(), QStringLiteral("bob"))
                    .value(QStringLiteral("online"))
                    .toBool();
            }(),
            15000);
        listener.kill();
        listener.waitForFinished();

        // Find carol by the dialog's search; ask her, with a note, from her card.
        people->search(QStringLiteral("car"));
        QTRY_COMPARE_WITH_TIMEOUT(people->searchResults().size(), 1, 10000);
        people->showProfile(QStringLiteral("carol"));
        QTRY_COMPARE_WITH_TIMEOUT(people->profile().value(QStringLiteral("state")).toString(),
            QStringLiteral("none"), 10000);
        QObject *card = window->findChild<QObject *>(QStringLiteral("profileCard"));
        QVERIFY(card);
        QMetaObject::invokeMethod(card, "open");
        QTRY_VERIFY(anywhere(window, "profileAdd"));
        anywhere(window, "profileNoteField")->setProperty("text", QStringLiteral("hi from alice"));
        click(anywhere(window, "profileAdd"));
        QTRY_COMPARE_WITH_TIMEOUT(
            person(people->searchResults(), QStringLiteral("carol")).value(QStringLiteral("state")),
            QVariant(QStringLiteral("outgoing")), 10000);
        QVERIFY(
            cli(QStringLiteral("carol"), { QStringLiteral("friend"), QStringLiteral("requests") })
                .contains(QLatin1String("\"note\":\"hi from alice\"")));
        QMetaObject::invokeMethod(card, "close");
        QMetaObject::invokeMethod(dialog, "close");

        // Her profile from the settings reaches bob's store.
        QObject *settings = window->findChild<QObject *>(QStringLiteral("settingsDialog"));
        QVERIFY(settings);
        QMetaObject::invokeMethod(settings, "open");
        QTRY_VERIFY(anywhere(window, "displayNameField"));
        anywhere(window, "displayNameField")->setProperty("text", QStringLiteral("Alice L."));
        anywhere(window, "statusField")->setProperty("text", QStringLiteral("in Wonderland"));
        click(anywhere(window, "saveProfileButton"));
        QTRY_COMPARE_WITH_TIMEOUT(people->displayName(), QStringLiteral("Alice L."), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session->outboxPending(), 0, 10000);
        QVERIFY(cli(QStringLiteral("bob"), { QStringLiteral("contacts") })
                    .contains(QLatin1String("\"status\":\"in Wonderland\"")));

        // Privacy switches: presence hidden from bob; friends only refuses carol.
        PrivacyController *privacy = PrivacyController::instance();
        QQuickItem *presenceSwitch = anywhere(window, "presenceSwitch");
        QVERIFY(presenceSwitch);
        mouseClick(window, presenceSwitch);
        QTRY_VERIFY_WITH_TIMEOUT(!privacy->presenceShared() && !privacy->busy(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session->outboxPending(), 0, 10000); // sent
        QVERIFY(cli(QStringLiteral("bob"), { QStringLiteral("friends") })
                    .contains(QLatin1String("\"presence\":{\"hidden\":true}")));
        privacy->setFriendsOnly(true);
        QTRY_VERIFY_WITH_TIMEOUT(privacy->friendsOnly() && !privacy->busy(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session->outboxPending(), 0, 10000);
        QVERIFY(!ok(QStringLiteral("carol"),
            { QStringLiteral("send"), QStringLiteral("@alice"), QStringLiteral("hello?") }));
        QVERIFY(privacy->receiptsShared() && privacy->searchable()); // the others stay
        QVERIFY(cli(QStringLiteral("bob"), { QStringLiteral("friends") })
                    .contains(QLatin1String("\"hidden\":true"))); // and presence stays hidden
        QMetaObject::invokeMethod(settings, "close");

        // A block from dave's card: he can no longer ask.
        people->showProfile(QStringLiteral("dave"));
        QTRY_COMPARE_WITH_TIMEOUT(people->profile().value(QStringLiteral("user")).toString(),
            QStringLiteral("dave"), 10000);
        people->act(QStringLiteral("dave"), QStringLiteral("block"));
        QTRY_COMPARE_WITH_TIMEOUT(people->blocked().size(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            people->profile().value(QStringLiteral("blocked")).toBool(), 10000); // the card too
        QVERIFY(!ok(QStringLiteral("dave"),
            { QStringLiteral("friend"), QStringLiteral("request"), QStringLiteral("@alice") }));

        // A refused action says why.
        people->act(QStringLiteral("nobody"), QStringLiteral("request"));
        QTRY_VERIFY_WITH_TIMEOUT(
            people->lastError().contains(QLatin1String("no such user")), 10000);
        people->clearError();
    }
};

QTEST_MAIN(TestDesktopPeople)
#include "tst_desktop_people.moc"
