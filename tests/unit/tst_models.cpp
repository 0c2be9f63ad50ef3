// The UI's models under QAbstractItemModelTester: paging, incremental
// refresh, outbox rows, the conversation list's order and unread counts.
#include "models/ConversationListModel.h"
#include "models/MessageListModel.h"
#include "natter.pb.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace natter;

namespace {

StoredEvent message(quint64 conv, quint64 seq, quint64 sender, const QString &text, qint64 time = 0)
{
    StoredEvent e;
    e.conversationId = conv;
    e.seq = seq;
    e.id = 5000 + seq;
    e.senderId = sender;
    e.senderDevice = 1;
    e.kind = proto::EVENT_MESSAGE;
    e.timeMs = time ? time : 1700000000000 + qint64(seq);
    e.body = content::textBody(text);
    return e;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

private slots:
    void init()
    {
        m_store.reset();
        QVERIFY(m_dir.isValid());
        QFile::remove(Store::databasePath(m_dir.path()));
        QFile::remove(Store::databasePath(m_dir.path()) + "-wal");
        QFile::remove(Store::databasePath(m_dir.path()) + "-shm");
        m_store = std::make_unique<Store>(m_dir.path(), QByteArray(32, 'k'));
        Account a;
        a.user = "alice";
        a.userId = 1;
        a.deviceId = 1;
        a.token = "t";
        m_store->saveAccount(a);
        m_store->joinConversation(10, proto::DIRECT, { { 1, "alice" }, { 2, "bob" } });
        m_store->joinConversation(20, proto::DIRECT, { { 1, "alice" }, { 3, "carol.smith" } });
    }

    void messagesPageAndFetchMore()
    {
        QList<StoredEvent> events;
        for (int i = 1; i <= 120; ++i)
            events.append(message(10, quint64(i), i % 2 ? 2 : 1, QStringLiteral("m%1").arg(i)));
        m_store->insertEvents(events);

        MessageListModel model(*m_store);
        model.setPageSize(50);
        model.setConversation(10);
        QCOMPARE(model.rowCount(), 50); // a page, not the whole history
        QCOMPARE(model.index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("m71"));
        QCOMPARE(
            model.index(49).data(MessageListModel::TextRole).toString(), QStringLiteral("m120"));
        QVERIFY(model.canFetchMore({}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        model.fetchMore({}); // a second call while one is queued loads one page
        QTRY_COMPARE(model.rowCount(), 100);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.index(0).data(MessageListModel::SeqRole).toULongLong(), 21u);
        // The tester also fetches more by itself, as a view would.
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model.rowCount(), 120);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(0).data(MessageListModel::FromRole).toString(), QStringLiteral("bob"));
        QCOMPARE(model.index(1).data(MessageListModel::OutgoingRole).toBool(), true);
        QCOMPARE(
            model.index(1).data(MessageListModel::StateRole).toString(), QStringLiteral("sent"));
    }

    void refreshAppendsAndReplacesOutboxTail()
    {
        m_store->insertEvents({ message(10, 1, 2, "hi"), message(10, 2, 2, "there") });
        MessageListModel model(*m_store);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversation(10);
        QCOMPARE(model.rowCount(), 2);

        Outbox &outbox = m_store->outbox();
        const QString id = outbox.enqueueMessage(10, "queued");
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(
            model.index(2).data(MessageListModel::StateRole).toString(), QStringLiteral("pending"));
        QCOMPARE(inserted.size(), 1);

        // Acked as seq 4 while seq 3 (bob's) is still missing, then seq 3 arrives.
        outbox.acknowledge(*outbox.nextPending(), 10, 4, 99, 1700000000100);
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(
            model.index(2).data(MessageListModel::StateRole).toString(), QStringLiteral("sent"));
        QCOMPARE(model.index(2).data(MessageListModel::ClientIdRole).toString(), id);
        QCOMPARE(reset.size(), 0); // appending and replacing the tail never resets
        // A late event inside the loaded window is shown in place.
        m_store->insertEvents({ message(10, 3, 2, "late") });
        model.refresh();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(
            model.index(2).data(MessageListModel::TextRole).toString(), QStringLiteral("late"));
        QCOMPARE(
            model.index(3).data(MessageListModel::TextRole).toString(), QStringLiteral("queued"));
    }

    void lateGapInsideWindowResets()
    {
        // Seq 1 and 3 loaded, seq 2 arrives later: the view must show it in place.
        m_store->insertEvents({ message(10, 1, 2, "one"), message(10, 3, 2, "three") });
        MessageListModel model(*m_store);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversation(10);
        QCOMPARE(model.rowCount(), 2);
        m_store->insertEvents({ message(10, 2, 2, "two") });
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1).data(MessageListModel::TextRole).toString(), QStringLiteral("two"));
    }

    void historyPulledLaterBelowTheWindowCanBeLoaded()
    {
        // A new device: our own acked message (seq 5) is all there is when
        // the chat opens; 1..4 are pulled afterwards.
        m_store->insertEvents({ message(10, 5, 1, "mine") });
        MessageListModel model(*m_store);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversation(10);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.canFetchMore({}));
        m_store->insertEvents({ message(10, 1, 2, "a"), message(10, 2, 2, "b"),
            message(10, 3, 2, "c"), message(10, 4, 2, "d") });
        model.refresh();
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({}); // as a view scrolled to the top does
        QTRY_COMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("a"));
    }

    void conversationListOrderAndUnread()
    {
        m_store->insertEvents(
            { message(10, 1, 2, "from bob", 1000), message(20, 1, 3, "from carol", 2000) });
        ConversationListModel model(*m_store);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(),
            QStringLiteral("carol.smith"));
        QCOMPARE(model.index(0).data(ConversationListModel::InitialsRole).toString(),
            QStringLiteral("CS"));
        QCOMPARE(model.index(1).data(ConversationListModel::UnreadRole).toInt(), 1);
        QCOMPARE(model.unreadTotal(), 2);

        // Same order: rows update in place.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy unreadChanged(&model, &ConversationListModel::unreadTotalChanged);
        m_store->conversations().setReadSeq(20, 1);
        model.refresh();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(unreadChanged.size(), 1);
        QCOMPARE(model.unreadTotal(), 1);

        // Bob writes again: he moves to the top.
        m_store->insertEvents({ message(10, 2, 2, "newest", 3000) });
        model.refresh();
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(),
            QStringLiteral("bob"));
        QCOMPARE(model.index(0).data(ConversationListModel::LastTextRole).toString(),
            QStringLiteral("newest"));
        QCOMPARE(model.index(0).data(ConversationListModel::UnreadRole).toInt(), 2);
        QCOMPARE(model.index(0).data(ConversationListModel::ConversationIdRole).toString(),
            QStringLiteral("10"));
        QCOMPARE(model.index(0).data(ConversationListModel::KindRole).toString(),
            QStringLiteral("direct"));
        QVERIFY(!model.index(0).data(ConversationListModel::PendingRole).toBool());

        // A direct chat queued offline shows as pending, by its peer's name.
        const quint64 local = m_store->conversations().startDirect("dave", 4000);
        m_store->outbox().enqueueMessage(local, "hello dave");
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(),
            QStringLiteral("dave"));
        QVERIFY(model.index(0).data(ConversationListModel::PendingRole).toBool());
    }

    void switchingConversations()
    {
        m_store->insertEvents({ message(10, 1, 2, "to bob"), message(20, 1, 3, "to carol") });
        MessageListModel model(*m_store);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &MessageListModel::conversationChanged);
        model.setConversation(10);
        QCOMPARE(model.conversationIdText(), QStringLiteral("10"));
        QCOMPARE(
            model.index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("to bob"));
        model.setConversation(20);
        QCOMPARE(
            model.index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("to carol"));
        model.setConversation(20); // no change, no signal
        QCOMPARE(changed.size(), 2);
        model.setConversation(0);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.conversationIdText(), QString());
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
