// Mentions and receipts in the client store: the @words of a text (not in
// an address, no trailing full stop), the outbox turning them into the
// mention list of known users (and @all only in groups), the "@you" marker
// of a conversation (set by an unread message that mentions the user,
// even by @all, cleared by reading, never by one's own message), the
// receipts of one's own messages (which to ask about again) and the ticks
// and counts the message list shows.
#include "content/Mentions.h"
#include "models/MessageListModel.h"
#include "natter.pb.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace natter;

namespace {

Account alice()
{
    Account a;
    a.serverUrl = QStringLiteral("ws://127.0.0.1:1");
    a.user = QStringLiteral("alice");
    a.userId = 1;
    a.deviceId = 11;
    a.token = QStringLiteral("t");
    return a;
}

StoredEvent message(quint64 conv, quint64 seq, quint64 sender, const QByteArray &body)
{
    StoredEvent e;
    e.conversationId = conv;
    e.seq = seq;
    e.id = 1000 + seq;
    e.senderId = sender;
    e.senderDevice = 1;
    e.kind = proto::EVENT_MESSAGE;
    e.timeMs = 1700000000000 + qint64(seq);
    e.body = body;
    return e;
}

StoredEvent plain(quint64 conv, quint64 seq, quint64 sender)
{
    return message(conv, seq, sender, content::textBody(QStringLiteral("line %1").arg(seq)));
}

// A group event by `actor` on `targets`.
StoredEvent change(quint64 conv, quint64 seq, proto::GroupChange::Op op, const std::string &actor,
    const std::vector<std::string> &targets = {})
{
    proto::EventBody b;
    auto *g = b.mutable_group();
    g->set_op(op);
    g->mutable_actor()->set_user(actor);
    for (const std::string &t : targets)
        g->add_targets()->set_user(t);
    g->set_version(seq);
    StoredEvent e = message(conv, seq, 0, QByteArray::fromStdString(b.SerializeAsString()));
    e.kind = proto::EVENT_GROUP;
    return e;
}

content::Mentions mentioning(QList<quint64> users, bool all = false)
{
    content::Mentions m;
    m.users = std::move(users);
    m.all = all;
    return m;
}

// A store with alice signed in, a group 50 (alice, bob 2, carol 3) and a
// direct chat 60 with bob.
struct Fixture
{
    QTemporaryDir dir;
    Store store { dir.path(), QByteArray(32, 'k') };
    Fixture()
    {
        store.saveAccount(alice());
        store.joinConversation(50, proto::GROUP,
            { { 1, QStringLiteral("alice") }, { 2, QStringLiteral("bob") },
                { 3, QStringLiteral("carol") } },
            QStringLiteral("team"), 1);
        store.joinConversation(
            60, proto::DIRECT, { { 1, QStringLiteral("alice") }, { 2, QStringLiteral("bob") } });
    }
};

} // namespace

class TestMentionsReceipts : public QObject
{
    Q_OBJECT
private slots:
    void mentionWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("allowAll");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<bool>("all");
        QTest::newRow("one") << "hi @bob" << true << QStringList { "bob" } << false;
        QTest::newRow("full stop") << "thanks @bob." << true << QStringList { "bob" } << false;
        QTest::newRow("address") << "mail bob@example.org" << true << QStringList {} << false;
        QTest::newRow("twice, any case")
            << "@Bob and @bob, @carol" << true << QStringList { "Bob", "carol" } << false;
        QTest::newRow("all") << "@all: meeting" << true << QStringList {} << true;
        QTest::newRow("all in a direct chat") << "@all" << false << QStringList { "all" } << false;
        QTest::newRow("bare @") << "@ @@ x" << true << QStringList {} << false;
        QTest::newRow("dots inside") << "@j.doe-2 ok" << true << QStringList { "j.doe-2" } << false;
    }
    void mentionWords()
    {
        QFETCH(QString, text);
        QFETCH(bool, allowAll);
        QFETCH(QStringList, names);
        QFETCH(bool, all);
        const content::MentionWords words = content::mentionWords(text, allowAll);
        QCOMPARE(words.names, names);
        QCOMPARE(words.all, all);
    }

    void bodyRoundTrip()
    {
        const QByteArray body = content::textBody(QStringLiteral("x"), mentioning({ 2, 3 }, true));
        const content::Mentions m = content::mentionsOf(body);
        QCOMPARE(m.users, QList<quint64>({ 2, 3 }));
        QVERIFY(m.all);
        QVERIFY(m.includes(9)); // @all includes everyone
        QCOMPARE(content::text(body), QStringLiteral("x"));
        QVERIFY(content::mentionsOf(content::textBody(QStringLiteral("y"))).isEmpty());
        QVERIFY(content::mentionsOf("not a body").isEmpty());
    }

    // The outbox resolves @names against the users this store knows.
    void outboxMentionsKnownUsers()
    {
        Fixture f;
        Outbox &outbox = f.store.outbox();
        // Each queued message's body, taken off the queue again.
        const auto queued = [&](quint64 conv, const QString &text) {
            outbox.enqueueMessage(conv, text);
            const std::optional<OutboxEntry> e = outbox.nextPending();
            if (!e)
                return QByteArray();
            outbox.remove(e->clientId);
            return e->body;
        };
        const QList<QByteArray> pending { queued(50, QStringLiteral("@BOB @dave @alice @all look")),
            queued(60, QStringLiteral("@all @bob")), queued(60, QStringLiteral("no mention")) };
        const content::Mentions group = content::mentionsOf(pending[0]);
        QCOMPARE(group.users, QList<quint64>({ 2 })); // not the unknown dave, not oneself
        QVERIFY(group.all);
        const content::Mentions direct = content::mentionsOf(pending[1]);
        QCOMPARE(direct.users, QList<quint64>({ 2 }));
        QVERIFY(!direct.all); // no @all outside groups
        QVERIFY(content::mentionsOf(pending[2]).isEmpty());
    }

    void mentionMarker()
    {
        Fixture f;
        Conversations &c = f.store.conversations();
        f.store.insertEvents({ plain(50, 1, 2),
            message(50, 2, 3, content::textBody(QStringLiteral("@alice"), mentioning({ 1 }))),
            plain(50, 3, 2) });
        QVERIFY(c.summary(50)->mentioned());
        QCOMPARE(c.summary(50)->mentionSeq, 2u);
        c.setReadSeq(50, 2);
        QVERIFY(!c.summary(50)->mentioned());
        // @all marks too; one's own mention of oneself does not; nor one already read.
        f.store.insertEvents({ message(
            50, 4, 1, content::textBody(QStringLiteral("@all"), mentioning({ 1 }, true))) });
        QVERIFY(!c.summary(50)->mentioned());
        f.store.insertEvents(
            { message(50, 5, 2, content::textBody(QStringLiteral("@all"), mentioning({}, true))) });
        QVERIFY(c.summary(50)->mentioned());
        c.setReadSeq(50, 5);
        f.store.insertEvents({ plain(50, 6, 2) });
        QVERIFY(!c.summary(50)->mentioned());
        // A mention of someone else leaves no marker; the line names them.
        f.store.insertEvents(
            { message(50, 7, 2, content::textBody(QStringLiteral("@carol"), mentioning({ 3 }))) });
        QVERIFY(!c.summary(50)->mentioned());
        const QList<MessageRow> lines = f.store.timeline().lines(50, 1);
        QCOMPARE(lines[0].mentions, QStringList({ QStringLiteral("carol") }));
        QVERIFY(!lines[0].mentionsMe);
    }

    // Whom the composer offers in a group: its members as the stored events tell.
    void knownMembers()
    {
        Fixture f;
        using G = proto::GroupChange;
        f.store.insertEvents({ change(50, 1, G::OP_CREATED, "alice", { "bob", "carol" }),
            change(50, 2, G::OP_ADDED, "alice", { "dave" }), plain(50, 3, 3),
            change(50, 4, G::OP_REMOVED, "alice", { "bob" }), change(50, 5, G::OP_LEFT, "carol"),
            change(50, 6, G::OP_JOINED, "erin", { "erin" }) });
        QCOMPARE(f.store.timeline().knownMembers(50),
            QStringList(
                { QStringLiteral("alice"), QStringLiteral("dave"), QStringLiteral("erin") }));
        f.store.insertEvents({ change(50, 7, G::OP_DISSOLVED, "alice") });
        QVERIFY(f.store.timeline().knownMembers(50).isEmpty());
    }

    // Which own messages are worth asking about, and what the list shows.
    void receiptsAndTicks()
    {
        Fixture f;
        f.store.insertEvents(
            { plain(60, 1, 1), plain(60, 2, 2), plain(60, 3, 1), plain(60, 4, 1) });
        Receipts &r = f.store.receipts();
        QCOMPARE(r.pending(60, 1000, true, 10), QList<quint64>({ 4, 3, 1 })); // never asked
        QCOMPARE(r.pending(60, 3, true, 10), QList<quint64>({ 3, 1 }));
        QCOMPARE(r.pending(60, 1000, true, 2), QList<quint64>({ 4, 3 }));
        r.store(60, { { 1, 1, 1, 1, { QStringLiteral("bob") } }, { 3, 0, 1, 1, {} } });
        QCOMPARE(r.pending(60, 1000, true, 10), QList<quint64>({ 4, 3 })); // 1: read by all
        QCOMPARE(r.pending(60, 1000, false, 10), QList<quint64>({ 4 })); // delivered is enough
        const QList<MessageRow> lines = f.store.timeline().lines(60, 10);
        QCOMPARE(lines[0].receipt->readers, QStringList({ QStringLiteral("bob") }));
        QVERIFY(!lines[1].receipt); // bob's: no receipt of ours
        QVERIFY(!lines[3].receipt); // never asked

        MessageListModel model(f.store);
        model.setConversation(60);
        QCOMPARE(model.rowCount(), 4);
        const auto at = [&](int row, int role) { return model.data(model.index(row), role); };
        QCOMPARE(at(0, MessageListModel::TicksRole).toString(), QStringLiteral("read"));
        QCOMPARE(at(0, MessageListModel::ReadersRole).toStringList(), QStringList({ "bob" }));
        QCOMPARE(at(1, MessageListModel::TicksRole).toString(), QString()); // bob's
        QCOMPARE(at(2, MessageListModel::TicksRole).toString(), QStringLiteral("delivered"));
        QCOMPARE(at(3, MessageListModel::TicksRole).toString(), QStringLiteral("sent"));
        QCOMPARE(at(3, MessageListModel::ReadCountRole).toInt(), -1);

        // New receipts change rows in place.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        r.store(60, { { 3, 1, 1, 1, { QStringLiteral("bob") } } });
        model.refresh();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(at(2, MessageListModel::TicksRole).toString(), QStringLiteral("read"));
        QCOMPARE(model.rowCount(), 4);
    }
};

QTEST_GUILESS_MAIN(TestMentionsReceipts)
#include "tst_mentions_receipts.moc"
