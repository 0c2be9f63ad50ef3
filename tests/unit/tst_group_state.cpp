// What the client store keeps of groups beside the timeline: join requests
// from the feed (asked, asked again, decided), nicknames from group events
// in any order (set, cleared by a removal, the newest event winning) shown
// with the sender's lines, the announcement, remarks, the queued join of a group this
// device does not know yet, and a group created offline (usable at once, the
// server's once acked, its messages failed when the create is refused).
#include "natter.pb.h"
#include "store/Store.h"

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

StoredEvent event(quint64 conv, quint64 seq, quint64 sender, int kind, const proto::EventBody &b)
{
    StoredEvent e;
    e.conversationId = conv;
    e.seq = seq;
    e.id = 1000 + seq;
    e.senderId = sender;
    e.senderDevice = 1;
    e.kind = kind;
    e.timeMs = 1700000000000 + qint64(seq);
    e.body = QByteArray::fromStdString(b.SerializeAsString());
    return e;
}

StoredEvent text(quint64 conv, quint64 seq, quint64 sender, const std::string &t)
{
    proto::EventBody b;
    b.mutable_text()->set_text(t);
    return event(conv, seq, sender, proto::EVENT_MESSAGE, b);
}

// A group event by `actor` (id, name) on `targets`.
StoredEvent change(quint64 conv, quint64 seq, proto::GroupChange::Op op,
    std::pair<quint64, std::string> actor, QList<std::pair<quint64, std::string>> targets = {},
    const std::string &textValue = {})
{
    proto::EventBody b;
    auto *g = b.mutable_group();
    g->set_op(op);
    g->mutable_actor()->set_user_id(actor.first);
    g->mutable_actor()->set_user(actor.second);
    for (const auto &[id, name] : targets) {
        auto *t = g->add_targets();
        t->set_user_id(id);
        t->set_user(name);
    }
    g->set_text(textValue);
    g->set_version(seq);
    return event(conv, seq, actor.first, proto::EVENT_GROUP, b);
}

} // namespace

class TestGroupState : public QObject
{
    Q_OBJECT
private slots:
    void joinRequestsFromTheFeed()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        GroupState &g = store.groups();
        using State = JoinRequestRow::State;
        g.applyRequest({ 9, 2, "bob", "hi", 50, "team", State::Pending, {} });
        g.applyRequest({ 9, 1, "alice", {}, 40, "team", State::Pending, {} }); // mine
        g.applyRequest({ 8, 3, "carol", {}, 60, "club", State::Pending, {} });
        QCOMPARE(g.requests(State::Pending).size(), 3);
        const auto toDecide = g.requests(State::Pending, 0, 0, 1);
        QCOMPARE(toDecide.size(), 2);
        QCOMPARE(toDecide[0].user, QStringLiteral("bob")); // oldest first
        QCOMPARE(toDecide[0].note, QStringLiteral("hi"));
        QCOMPARE(g.requests(State::Pending, 9, 1).size(), 1); // my own
        QCOMPARE(g.requests(State::Pending, 8).size(), 1);

        g.applyDecision(9, 2, false, "alice");
        QCOMPARE(g.requests(State::Pending, 9, 0, 1).size(), 0);
        const auto declined = g.requests(State::Declined, 9);
        QCOMPARE(declined.size(), 1);
        QCOMPARE(declined[0].decidedBy, QStringLiteral("alice"));
        g.applyDecision(7, 5, true, "x"); // a request never seen: nothing to do
        QCOMPARE(g.requests(State::Approved).size(), 0);
        // Asked again: pending again, with the new note.
        g.applyRequest({ 9, 2, "bob", "please", 70, "team", State::Pending, {} });
        const auto again = g.requests(State::Pending, 9, 2);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again[0].note, QStringLiteral("please"));
        QVERIFY(again[0].decidedBy.isEmpty());
    }

    void nicknamesFollowTheNewestEvent()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        store.joinConversation(9, proto::GROUP, {}, QStringLiteral("team"), 1);
        const std::pair<quint64, std::string> bob { 2, "bob" };
        const std::pair<quint64, std::string> me { 1, "alice" };
        store.insertEvents({ change(9, 1, proto::GroupChange::OP_CREATED, me, { bob }, "team"),
            change(9, 3, proto::GroupChange::OP_NICKNAME, bob, {}, "Bobby"), text(9, 4, 2, "hi") });
        QCOMPARE(store.groups().nickname(9, 2), QStringLiteral("Bobby"));
        QList<MessageRow> rows = store.timeline().lines(9, 10);
        QCOMPARE(rows.last().from, QStringLiteral("bob"));
        QCOMPARE(rows.last().nickname, QStringLiteral("Bobby"));
        QCOMPARE(rows[1].group.op, QStringLiteral("nickname"));
        QCOMPARE(rows[1].text, QStringLiteral("bob now goes by “Bobby”"));
        // An older nickname event pulled late does not win.
        store.insertEvents({ change(9, 2, proto::GroupChange::OP_NICKNAME, bob, {}, "B") });
        QCOMPARE(store.groups().nickname(9, 2), QStringLiteral("Bobby"));
        // Removed: gone, also from the lines before; back: still none.
        store.insertEvents({ change(9, 5, proto::GroupChange::OP_REMOVED, me, { bob }),
            change(9, 6, proto::GroupChange::OP_JOINED, bob, { bob }) });
        QVERIFY(store.groups().nickname(9, 2).isEmpty());
        rows = store.timeline().lines(9, 10);
        QVERIFY(rows.last().group.byThemselves);
        QCOMPARE(rows.last().text, QStringLiteral("bob joined"));
        for (const MessageRow &r : rows)
            QVERIFY(r.nickname.isEmpty());
        // A nickname set before the removal but pulled after it stays gone.
        store.insertEvents({ change(9, 4, proto::GroupChange::OP_NICKNAME, bob, {}, "late") });
        QVERIFY(store.groups().nickname(9, 2).isEmpty());
        // Leaving clears one's own; an approval names the approver.
        store.insertEvents({ change(9, 7, proto::GroupChange::OP_NICKNAME, bob, {}, "B2"),
            change(9, 8, proto::GroupChange::OP_LEFT, bob),
            change(9, 9, proto::GroupChange::OP_JOINED, me, { bob }) });
        QVERIFY(store.groups().nickname(9, 2).isEmpty());
        QCOMPARE(store.timeline().lines(9, 1).last().text, QStringLiteral("alice let bob join"));
    }

    void remarksAndJoinsOfUnknownGroups()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        // The announcement as of the newest event, whatever the order.
        const std::pair<quint64, std::string> bob { 2, "bob" };
        store.joinConversation(5, proto::GROUP, {}, QStringLiteral("news"), 1);
        store.insertEvents({ change(5, 4, proto::GroupChange::OP_ANNOUNCEMENT, bob, {}, "new") });
        store.insertEvents({ change(5, 2, proto::GroupChange::OP_ANNOUNCEMENT, bob, {}, "old") });
        QCOMPARE(store.groups().announcement(5), QStringLiteral("new"));
        store.insertEvents({ change(5, 6, proto::GroupChange::OP_ANNOUNCEMENT, bob, {}, "") });
        QVERIFY(store.groups().announcement(5).isEmpty());

        store.groups().setRemark(9, "weekly");
        QCOMPARE(store.groups().remark(9), QStringLiteral("weekly"));
        store.groups().setRemark(9, {});
        QVERIFY(store.groups().remark(9).isEmpty());

        // A group found by a search, not known here: the join is queued
        // with no version (there is none to name yet).
        const QString clientId = store.outbox().enqueueJoin(77, "hello");
        const auto entry = store.outbox().nextPending();
        QCOMPARE(entry->clientId, clientId);
        QCOMPARE(entry->kind, OutboxEntry::GroupAction);
        proto::GroupActionRequest queued;
        QVERIFY(queued.ParseFromArray(entry->body.constData(), int(entry->body.size())));
        QCOMPARE(queued.conversation_id(), 77u);
        QCOMPARE(queued.join(), std::string("hello"));
        QCOMPARE(queued.base_version(), 0u);
        // Waiting for approval: acked without a seq, the head stays.
        store.outbox().acknowledge(*entry, 77, 0, 0, 0);
        QVERIFY(!store.outbox().nextPending());
        QVERIFY(!store.conversations().contains(77));
        // Other group changes need membership; a remark only a past one.
        proto::GroupActionRequest nick;
        nick.set_nickname("x");
        QVERIFY_THROWS_EXCEPTION(StoreError, store.outbox().enqueueGroupAction(77, nick));
        store.joinConversation(9, proto::GROUP, {}, QStringLiteral("team"), 1);
        store.conversations().applyLeft(9, 3, false);
        QVERIFY_THROWS_EXCEPTION(StoreError, store.outbox().enqueueGroupAction(9, nick));
        proto::GroupActionRequest remark;
        remark.set_remark("was fun");
        store.outbox().enqueueGroupAction(9, remark);
        QVERIFY(store.outbox().nextPending());
    }

    void groupCreatedOffline()
    {
        QTemporaryDir dir;
        Store store(dir.path(), QByteArray(32, 'k'));
        store.saveAccount(alice());
        quint64 local = 0;
        const QString create = store.outbox().enqueueGroupCreate(QStringLiteral("Picnic"),
            { QStringLiteral("bob") }, proto::JOIN_OPEN, proto::HISTORY_ALL, &local);
        QVERIFY(Conversations::isLocal(local));
        const auto summary = store.conversations().summary(local);
        QVERIFY(summary && summary->kind == proto::GROUP && summary->isMember());
        QCOMPARE(summary->title, QStringLiteral("Picnic"));
        const QString msg = store.outbox().enqueueMessage(local, QStringLiteral("bring cake"));
        QCOMPARE(store.outbox().lines(local).size(), 1); // shown at once

        // The create goes first, whole; its client id makes it idempotent.
        const auto first = store.outbox().nextPending();
        QCOMPARE(first->kind, OutboxEntry::GroupCreate);
        proto::GroupCreateRequest req;
        QVERIFY(req.ParseFromArray(first->body.constData(), int(first->body.size())));
        QCOMPARE(QString::fromStdString(req.client_id()), create);
        QCOMPARE(req.name(), std::string("Picnic"));
        QCOMPARE(req.members(0), std::string("bob"));
        QCOMPARE(req.join(), proto::JOIN_OPEN);
        QCOMPARE(req.history(), proto::HISTORY_ALL);

        // Acked: the local group is the server's 500 now, the message goes there.
        QCOMPARE(store.outbox().acknowledge(*first, 500, 1, 9001, 1700000000000), 500u);
        QCOMPARE(store.conversations().resolve(local), 500u);
        const auto next = store.outbox().nextPending();
        QCOMPARE(next->clientId, msg);
        QCOMPARE(next->conversationId, 500u);

        // Refused: the create leaves, what was written in it fails with the reason.
        quint64 other = 0;
        store.outbox().enqueueGroupCreate(
            QStringLiteral("Nowhere"), { QStringLiteral("nobody") }, 0, 0, &other);
        store.outbox().enqueueMessage(other, QStringLiteral("anyone?"));
        store.outbox().remove(msg);
        const auto refused = store.outbox().nextPending();
        QCOMPARE(refused->kind, OutboxEntry::GroupCreate);
        store.outbox().abandonLocal(*refused, QStringLiteral("no such user: nobody"));
        QVERIFY(!store.outbox().nextPending());
        const auto lines = store.outbox().lines(other);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].error, QStringLiteral("no such user: nobody"));
        QVERIFY_THROWS_EXCEPTION(
            StoreError, store.outbox().enqueueGroupCreate(QStringLiteral("  "), {}, 0, 0, &other));
    }
};

QTEST_GUILESS_MAIN(TestGroupState)
#include "tst_group_state.moc"
