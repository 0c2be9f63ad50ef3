// Read receipts and mentions against a real natterd: "read by N of M" with
// M fixed when the message was sent (a later member is not counted, one
// removed later still is), who read it, a ReceiptNotify to the sender when
// someone reads, delivery marks in a direct chat (from the pulls, flushed
// about once a second), reciprocity (a user who does not share receipts is
// never counted and sees none), the refusals (a former member, a stranger,
// someone else's message, bad requests), and who may @all.
#include "GroupTestSupport.h"

#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

namespace {

proto::Envelope receiptsReq(quint64 conversation, std::initializer_list<quint64> seqs)
{
    proto::Envelope env;
    env.mutable_receipts_request()->set_conversation_id(conversation);
    for (quint64 s : seqs)
        env.mutable_receipts_request()->add_seqs(s);
    return env;
}

proto::Envelope settingsReq(bool receiptsOff)
{
    proto::Envelope env;
    env.mutable_settings_request()->mutable_settings()->set_receipts_off(receiptsOff);
    return env;
}

proto::Envelope mentionSend(quint64 conversation, bool all, std::initializer_list<quint64> users)
{
    proto::EventBody body;
    body.mutable_text()->set_text("hey @you");
    body.mutable_text()->set_mention_all(all);
    for (quint64 id : users)
        body.mutable_text()->add_mentions(id);
    proto::Envelope env = sendIn(conversation, nextClientId(), "");
    env.mutable_send()->set_body(body.SerializeAsString());
    return env;
}

quint64 sent(User &u, quint64 conversation, const QString &text)
{
    const proto::Envelope r = u.c->call(sendIn(conversation, nextClientId(), text));
    if (!r.has_ack())
        qFatal("send failed: %s", r.error().message().c_str());
    return r.ack().seq();
}

QStringList readers(const proto::Receipt &r)
{
    QStringList names;
    for (const auto &m : r.by())
        names.append(QString::fromStdString(m.user()));
    names.sort();
    return names;
}

bool receiptNotified(User &u, quint64 conversation, quint64 seq, int timeoutMs = 5000)
{
    return QTest::qWaitFor(
        [&] {
            for (const proto::Envelope &e : u.c->pushes(proto::Envelope::kReceiptNotify))
                if (e.receipt_notify().conversation_id() == conversation
                    && e.receipt_notify().seq() >= seq)
                    return true;
            return false;
        },
        timeoutMs);
}

} // namespace

class TestNatterdReceipts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    Natterd m_server;
    Users user { m_server };

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(m_server.start(m_tmp.filePath("data"),
            kFastConfig + QStringLiteral("device_rate=100000\ndevice_burst=100000\n")));
    }

    // N of M, M as of the send: a member added later is not counted (even
    // with the whole history visible), one removed later still is.
    void readByNOfM()
    {
        User &owner = user("r_owner");
        user("r_a");
        user("r_b");
        user("r_c");
        user("r_late");
        const quint64 g = createGroup(
            owner, "receipts", { "r_a", "r_b", "r_c" }, proto::JOIN_INVITE, proto::HISTORY_ALL);
        const quint64 seq = sent(owner, g, "did you read this?");

        proto::Envelope r = owner.c->call(receiptsReq(g, { seq }));
        QVERIFY2(r.has_receipts(), r.error().message().c_str());
        QCOMPARE(r.receipts().receipts_size(), 1);
        QCOMPARE(r.receipts().receipts(0).of(), 3u);
        QCOMPARE(r.receipts().receipts(0).read(), 0u);
        QVERIFY(!r.receipts().hidden());

        owner.c->received.clear();
        QVERIFY(user("r_a").c->call(markReadReq(g, seq)).has_ok());
        QVERIFY(receiptNotified(owner, g, seq)); // the sender hears of it
        QVERIFY(groupAct(owner, g, [](auto *a) {
            a->mutable_invite()->add_users("r_late");
        }).has_ack());
        QVERIFY(user("r_late").c->call(markReadReq(g, seq + 1)).has_ok());
        QVERIFY(user("r_b").c->call(markReadReq(g, seq)).has_ok());
        QVERIFY(groupAct(owner, g, [](auto *a) { a->set_kick("r_b"); }).has_ack());

        r = owner.c->call(receiptsReq(g, { seq }));
        QVERIFY(r.has_receipts());
        const proto::Receipt &receipt = r.receipts().receipts(0);
        QCOMPARE(receipt.of(), 3u); // r_a, r_b (removed since), r_c; not r_late
        QCOMPARE(receipt.read(), 2u);
        QCOMPARE(readers(receipt), QStringList({ "r_a", "r_b" }));
        // The sender's own read never counts.
        QVERIFY(owner.c->call(markReadReq(g, seq + 3)).has_ok());
        QCOMPARE(owner.c->call(receiptsReq(g, { seq })).receipts().receipts(0).read(), 2u);
    }

    // Not sharing receipts: never counted, sees none, tells no sender.
    void reciprocity()
    {
        User &owner = user("p_owner");
        User &shy = user("p_shy");
        user("p_open");
        const quint64 g = createGroup(owner, "privacy", { "p_shy", "p_open" });
        QVERIFY(shy.c->call(settingsReq(true)).has_ok());
        const quint64 seq = sent(owner, g, "hello both");
        owner.c->received.clear();
        QVERIFY(shy.c->call(markReadReq(g, seq)).has_ok());
        QVERIFY(user("p_open").c->call(markReadReq(g, seq)).has_ok());
        QVERIFY(receiptNotified(owner, g, seq));
        proto::Envelope r = owner.c->call(receiptsReq(g, { seq }));
        QCOMPARE(r.receipts().receipts(0).of(), 2u);
        QCOMPARE(r.receipts().receipts(0).read(), 1u);
        QCOMPARE(readers(r.receipts().receipts(0)), QStringList({ "p_open" }));

        const quint64 mine = sent(shy, g, "I read nothing, officially");
        QVERIFY(owner.c->call(markReadReq(g, mine)).has_ok());
        r = shy.c->call(receiptsReq(g, { mine }));
        QVERIFY(r.has_receipts());
        QVERIFY(r.receipts().hidden());
        QCOMPARE(r.receipts().receipts(0).read(), 0u);
        QCOMPARE(r.receipts().receipts(0).by_size(), 0);

        // The setting is on the feed (every device of the user learns it);
        // turned on again, the reads count.
        const proto::Envelope feed = shy.c->call(feedPullReq(0));
        bool onFeed = false;
        for (const auto &e : feed.feed_response().entries())
            onFeed = onFeed || (e.has_settings() && e.settings().receipts_off());
        QVERIFY(onFeed);
        QVERIFY(shy.c->call(settingsReq(false)).has_ok());
        QCOMPARE(owner.c->call(receiptsReq(g, { seq })).receipts().receipts(0).read(), 2u);
    }

    // A direct chat: delivered once the peer's device pulled, read once read.
    void directDeliveredThenRead()
    {
        User &alice = user("d_alice");
        User &bob = user("d_bob");
        const proto::Envelope first = alice.c->call(sendTo("d_bob", nextClientId(), "hi bob"));
        QVERIFY(first.has_ack());
        const quint64 chat = first.ack().conversation_id();
        const quint64 seq = first.ack().seq();
        proto::Envelope r = alice.c->call(receiptsReq(chat, { seq }));
        QCOMPARE(r.receipts().receipts(0).of(), 1u);
        QCOMPARE(r.receipts().receipts(0).delivered(), 0u);
        alice.c->received.clear();
        QVERIFY(bob.c->call(pullReq(chat, 0)).has_pull_response());
        QVERIFY(receiptNotified(alice, chat, seq)); // the flush, about a second later
        r = alice.c->call(receiptsReq(chat, { seq }));
        QCOMPARE(r.receipts().receipts(0).delivered(), 1u);
        QCOMPARE(r.receipts().receipts(0).read(), 0u);
        QVERIFY(bob.c->call(markReadReq(chat, seq)).has_ok());
        r = alice.c->call(receiptsReq(chat, { seq }));
        QCOMPARE(r.receipts().receipts(0).read(), 1u);
        QCOMPARE(readers(r.receipts().receipts(0)), QStringList({ "d_bob" }));
    }

    void refusals()
    {
        User &owner = user("x_owner");
        User &member = user("x_member");
        User &gone = user("x_gone");
        const quint64 g = createGroup(owner, "refusals", { "x_member", "x_gone" });
        const quint64 seq = sent(owner, g, "mine");
        const quint64 theirs = sent(member, g, "theirs");
        const quint64 goneOwn = sent(gone, g, "before I go");
        QVERIFY(groupAct(owner, g, [](auto *a) { a->set_kick("x_gone"); }).has_ack());

        QCOMPARE(errorOf(gone.c->call(receiptsReq(g, { goneOwn }))), proto::GONE);
        QCOMPARE(errorOf(user("x_stranger").c->call(receiptsReq(g, { seq }))), proto::FORBIDDEN);
        QCOMPARE(errorOf(owner.c->call(receiptsReq(g, { theirs }))), proto::NOT_FOUND);
        QCOMPARE(errorOf(owner.c->call(receiptsReq(g, { 1 }))), proto::NOT_FOUND); // an event
        QCOMPARE(errorOf(owner.c->call(receiptsReq(g, { 999 }))), proto::NOT_FOUND);
        QCOMPARE(errorOf(owner.c->call(receiptsReq(g, {}))), proto::INVALID_ARGUMENT);
        proto::Envelope many = receiptsReq(g, {});
        for (int i = 0; i < 101; ++i)
            many.mutable_receipts_request()->add_seqs(seq);
        QCOMPARE(errorOf(owner.c->call(many)), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(owner.c->call(receiptsReq(424242, { 1 }))), proto::NOT_FOUND);
        // The rest keeps working.
        QVERIFY(owner.c->call(receiptsReq(g, { seq })).has_receipts());
    }

    // @all: owner and admins; every member once the policy allows it; never
    // in a direct chat. A mention list beyond the limit is refused; a
    // mention of a non-member does nothing (the message goes).
    void whoMayMentionAll()
    {
        User &owner = user("m_owner");
        User &member = user("m_member");
        User &stranger = user("m_stranger");
        const quint64 g = createGroup(owner, "mentions", { "m_member" });
        QVERIFY(owner.c->call(mentionSend(g, true, {})).has_ack());
        QCOMPARE(errorOf(member.c->call(mentionSend(g, true, {}))), proto::FORBIDDEN);
        QVERIFY(member.c->call(mentionSend(g, false, { owner.id, stranger.id })).has_ack());
        QCOMPARE(errorOf(groupAct(member, g,
                     [](auto *a) { a->set_mention_policy(proto::MENTION_ALL_MEMBERS); })),
            proto::FORBIDDEN);
        const proto::Envelope set = groupAct(
            owner, g, [](auto *a) { a->set_mention_policy(proto::MENTION_ALL_MEMBERS); });
        QVERIFY(set.has_ack());
        QVERIFY(member.c->call(mentionSend(g, true, {})).has_ack());
        const proto::Envelope info = owner.c->call(infoReq(g));
        QCOMPARE(info.group_info().mention_policy(), proto::MENTION_ALL_MEMBERS);
        // The change is an event of its own.
        const proto::Envelope pulled = member.c->call(pullReq(g, set.ack().seq() - 1, 1));
        proto::EventBody body;
        QVERIFY(body.ParseFromString(pulled.pull_response().events(0).body()));
        QCOMPARE(body.group().op(), proto::GroupChange::OP_MENTIONS);
        QCOMPARE(body.group().mentions(), proto::MENTION_ALL_MEMBERS);

        proto::Envelope tooMany = mentionSend(g, false, {});
        proto::EventBody big;
        big.mutable_text()->set_text("everyone, by name");
        for (quint64 i = 1; i <= 51; ++i)
            big.mutable_text()->add_mentions(i);
        tooMany.mutable_send()->set_body(big.SerializeAsString());
        QCOMPARE(errorOf(owner.c->call(tooMany)), proto::INVALID_ARGUMENT);

        const proto::Envelope direct = owner.c->call(sendTo("m_member", nextClientId(), "hi"));
        QVERIFY(direct.has_ack());
        QCOMPARE(errorOf(owner.c->call(mentionSend(direct.ack().conversation_id(), true, {}))),
            proto::INVALID_ARGUMENT);
    }
};

QTEST_GUILESS_MAIN(TestNatterdReceipts)
#include "tst_natterd_receipts.moc"
