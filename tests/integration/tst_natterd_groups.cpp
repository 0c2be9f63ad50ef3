// Groups against a real natterd: the authorization matrix (every group
// operation × every actor standing — a revoked device included — the
// expected outcome read from the same permissions table the server checks), removal as a seq
// boundary on every read path (pull, notify, feed heads, info, for an online and an offline
// device), history policies, versions that make queued actions replay
// safely, idempotent retries, and the member cap on every path that adds.
#include "GroupMatrix.h"
#include "GroupTestSupport.h"

#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

class TestNatterdGroups : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    Natterd m_server;
    // owner, admin, member, plain (the target member), stranger, former,
    // newcomer (invited), applicant, asker, plus spare users for the focused tests.
    Users user { m_server };

    static proto::Envelope call(User &u, const proto::Envelope &req) { return u.c->call(req); }

    // A group: owner creates it with the given members.
    static quint64 create(User &owner, const std::vector<std::string> &members,
        proto::JoinPolicy join = proto::JOIN_INVITE,
        proto::HistoryPolicy history = proto::HISTORY_JOINED)
    {
        return createGroup(owner, "g", members, join, history);
    }

    proto::Envelope act(User &u, proto::Envelope req) { return call(u, req); }

    proto::Envelope kick(User &u, quint64 g, const std::string &who)
    {
        proto::Envelope req = actionReq(g);
        req.mutable_group_action()->set_kick(who);
        return act(u, req);
    }

    proto::Envelope setRole(User &u, quint64 g, const std::string &who, proto::GroupRole role)
    {
        proto::Envelope req = actionReq(g);
        req.mutable_group_action()->mutable_set_role()->set_user(who);
        req.mutable_group_action()->mutable_set_role()->set_role(role);
        return act(u, req);
    }

    proto::Envelope simple(User &u, quint64 g, void (*fill)(proto::GroupActionRequest *))
    {
        proto::Envelope req = actionReq(g);
        fill(req.mutable_group_action());
        return act(u, req);
    }

    proto::Envelope askToJoin(User &u, quint64 g, const std::string &note = {})
    {
        proto::Envelope req = actionReq(g);
        req.mutable_group_action()->set_join(note);
        return act(u, req);
    }

    // The fixture for one cell: a fresh group by approval where each
    // standing has its user (and "asker" a pending request), and the user
    // acting from `standing`.
    quint64 fixture(Standing standing)
    {
        User &owner = user("owner");
        for (const char *name :
            { "admin", "member", "plain", "former", "admin2", "stranger", "applicant", "asker" })
            user(name);
        const quint64 g = create(
            owner, { "admin", "member", "plain", "former", "admin2" }, proto::JOIN_APPROVAL);
        if (!askToJoin(user("asker"), g).has_ack())
            qFatal("fixture: asking to join failed");
        if (standing == Standing::Applicant && !askToJoin(user("applicant"), g).has_ack())
            qFatal("fixture: asking to join failed");
        if (standing == Standing::RevokedDevice)
            revokeSecondDevice("member");
        if (setRole(owner, g, "admin", proto::ROLE_ADMIN).body_case() != proto::Envelope::kAck
            || setRole(owner, g, "admin2", proto::ROLE_ADMIN).body_case() != proto::Envelope::kAck)
            qFatal("fixture: promote failed");
        if (!kick(owner, g, "former").has_ack())
            qFatal("fixture: kick failed");
        if (standing == Standing::Left) {
            if (!simple(user("member"), g, [](proto::GroupActionRequest *r) {
                    r->mutable_leave();
                }).has_ack())
                qFatal("fixture: leave failed");
        }
        if (standing == Standing::Dissolved) {
            if (!simple(owner, g, [](proto::GroupActionRequest *r) {
                    r->mutable_dissolve();
                }).has_ack())
                qFatal("fixture: dissolve failed");
        }
        return g;
    }

    User &actorFor(Standing s)
    {
        switch (s) {
        case Standing::Owner: return user("owner");
        case Standing::Admin: return user("admin");
        case Standing::Member: return user("member");
        case Standing::Stranger: return user("stranger");
        case Standing::Removed: return user("former");
        case Standing::Left: return user("member");
        case Standing::Dissolved: return user("member");
        case Standing::Applicant: return user("applicant");
        case Standing::RevokedDevice: return m_revoked;
        }
        return user("stranger");
    }

    // m_revoked: a second device of `name`, revoked by the first, then
    // trying again on a new connection with its old token (refused).
    User m_revoked;
    void revokeSecondDevice(const std::string &name)
    {
        m_revoked = User {};
        if (!m_revoked.c->open(m_server.url()))
            qFatal("cannot connect");
        const proto::Envelope auth = m_revoked.c->call(loginReq(name, "password123", "spare"));
        if (!auth.has_auth())
            qFatal("fixture: second login failed");
        proto::Envelope revoke;
        revoke.mutable_revoke_device()->set_device_id(auth.auth().device_id());
        if (call(user(name), revoke).body_case() == proto::Envelope::kError)
            qFatal("fixture: revoke failed");
        if (!m_revoked.c->waitClosed())
            qFatal("fixture: a revoked device stays connected");
        m_revoked.c = std::make_unique<Client>();
        if (!m_revoked.c->open(m_server.url())
            || errorOf(m_revoked.c->call(resumeReq(auth.auth().token()))) != proto::AUTH_FAILED)
            qFatal("fixture: a revoked token still signs in");
    }

    proto::Envelope perform(Op op, User &u, quint64 g)
    {
        proto::Envelope req = actionReq(g);
        proto::GroupActionRequest *a = req.mutable_group_action();
        switch (op) {
        case Op::Pull: return call(u, pullReq(g, 0));
        case Op::MarkRead: return call(u, markReadReq(g, 2));
        case Op::Send: return call(u, sendIn(g, nextClientId(), "hello"));
        case Op::Info: return call(u, infoReq(g));
        case Op::Invite: a->mutable_invite()->add_users(user("newcomer").name); break;
        case Op::KickMember: a->set_kick("plain"); break;
        case Op::KickAdmin: a->set_kick("admin"); break;
        case Op::Leave: a->mutable_leave(); break;
        case Op::Dissolve: a->mutable_dissolve(); break;
        case Op::Transfer: a->set_transfer("plain"); break;
        case Op::Promote:
            a->mutable_set_role()->set_user("plain");
            a->mutable_set_role()->set_role(proto::ROLE_ADMIN);
            break;
        case Op::Announce: a->set_announce("hear ye"); break;
        case Op::Rename: a->set_rename("renamed"); break;
        case Op::Join: a->set_join("let me in"); break;
        case Op::Requests: {
            proto::Envelope list;
            list.mutable_group_requests_request()->set_conversation_id(g);
            return call(u, list);
        }
        case Op::Approve: a->set_approve("asker"); break;
        case Op::Decline: a->set_decline("asker"); break;
        case Op::Nickname: a->set_nickname("nick"); break;
        case Op::Remark: a->set_remark("my note"); break;
        case Op::Receipts: { // of a message of one's own, where one may send one
            const proto::Envelope sent = call(u, sendIn(g, nextClientId(), "mine"));
            proto::Envelope ask;
            ask.mutable_receipts_request()->set_conversation_id(g);
            ask.mutable_receipts_request()->add_seqs(sent.has_ack() ? sent.ack().seq() : 2);
            return call(u, ask);
        }
        case Op::MentionAll: {
            proto::EventBody body;
            body.mutable_text()->set_text("@all look");
            body.mutable_text()->set_mention_all(true);
            proto::Envelope send = sendIn(g, nextClientId(), "");
            send.mutable_send()->set_body(body.SerializeAsString());
            return call(u, send);
        }
        case Op::MentionPolicy: a->set_mention_policy(proto::MENTION_ALL_MEMBERS); break;
        }
        return call(u, req);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(m_server.start(m_tmp.filePath("data"),
            kFastConfig // ends in its [limits] section
                + QStringLiteral("device_rate=100000\ndevice_burst=100000\n"
                                 "[groups]\nmax_members=12\n")));
    }

    void matrix_data()
    {
        QTest::addColumn<int>("op");
        QTest::addColumn<int>("standing");
        for (Op op : kOps)
            for (Standing s : kStandings)
                QTest::addRow("%s by %s", opName(op), standingName(s)) << int(op) << int(s);
    }

    // Each cell: what the permissions table says, the server does.
    void matrix()
    {
        QFETCH(int, op);
        QFETCH(int, standing);
        const Op o = Op(op);
        const Standing s = Standing(standing);
        const quint64 g = fixture(s);
        const Expect e = expectationOf(o, s);
        server::ServiceError want = perm::check(roleOf(s), e.action, proto::GROUP, e.target);
        // A dissolved group takes nothing new but one's private remark.
        if (s == Standing::Dissolved && !want && e.action != perm::Action::ReadHistory
            && e.action != perm::Action::Remark)
            want = { proto::GONE, QStringLiteral("dissolved") };
        if (s == Standing::RevokedDevice) // whatever the role: not signed in at all
            want = { proto::UNAUTHENTICATED, QStringLiteral("revoked") };
        const proto::Envelope got = perform(o, actorFor(s), g);
        if (!want) {
            QVERIFY2(got.body_case() != proto::Envelope::kError, got.error().message().c_str());
        } else {
            QCOMPARE(errorOf(got), want.code);
            QVERIFY(!got.error().message().empty());
        }
        // A former member's pull ends at their removal.
        if (o == Op::Pull && !want) {
            const quint64 head = got.pull_response().heads(0).last_seq();
            for (const auto &ev : got.pull_response().events())
                QVERIFY(ev.seq() <= head);
            if (roleOf(s) == perm::Role::Former) {
                const proto::Envelope info = call(user("owner"), infoReq(g));
                const quint64 last = info.has_group_info() ? info.group_info().last_seq() : head;
                QVERIFY(head <= last);
                QVERIFY(got.pull_response().events_size() > 0);
                // The last event they see is the one that removed them.
                proto::EventBody body;
                QVERIFY(body.ParseFromString(
                    got.pull_response().events(got.pull_response().events_size() - 1).body()));
                QVERIFY(body.has_group());
            }
        }
    }

    // A kicked member: nothing after the kick on any path, online or not.
    void removalIsASeqBoundary()
    {
        User &owner = user("owner");
        User &bob = user("bob");
        user("carol");
        // bob's second device, offline during the removal.
        User bob2;
        bob2.c = std::make_unique<Client>();
        QVERIFY(bob2.c->open(m_server.url()));
        const proto::Envelope laptop = bob2.c->call(loginReq("bob", "password123", "laptop"));
        QVERIFY(laptop.has_auth());
        const quint64 g = create(owner, { "bob", "carol" });
        QVERIFY(call(owner, sendIn(g, nextClientId(), "before")).has_ack());
        bob2.c->ws.close();
        QVERIFY(bob2.c->waitClosed());

        const proto::Envelope kicked = kick(owner, g, "bob");
        QVERIFY(kicked.has_ack());
        const quint64 boundary = kicked.ack().seq();
        QTest::qWait(100); // the removal's notifies are out
        bob.c->received.clear();
        for (int i = 0; i < 3; ++i)
            QVERIFY(call(owner, sendIn(g, nextClientId(), "after")).has_ack());
        QTest::qWait(300);
        for (const proto::Envelope &n : bob.c->pushes(proto::Envelope::kNotify))
            QVERIFY2(n.notify().conversation_id() != g, "a removed member was notified");

        const auto checkPull = [&](User &u) {
            const proto::Envelope p = call(u, pullReq(g, 0));
            QVERIFY(p.has_pull_response());
            QCOMPARE(p.pull_response().heads(0).last_seq(), boundary);
            QCOMPARE(p.pull_response().events(p.pull_response().events_size() - 1).seq(), boundary);
            // Asking past the boundary gives nothing.
            const proto::Envelope past = call(u, pullReq(g, boundary));
            QCOMPARE(past.pull_response().events_size(), 0);
            const proto::Envelope far = call(u, pullReq(g, boundary + 1));
            QCOMPARE(far.pull_response().events_size(), 0);
            // The feed says it and clips the head.
            const proto::Envelope feed = call(u, feedPullReq(0));
            bool left = false;
            for (const auto &entry : feed.feed_response().entries())
                left |= entry.has_left() && entry.left().conversation_id() == g
                    && entry.left().last_seq() == boundary;
            QVERIFY(left);
            for (const auto &h : feed.feed_response().heads())
                if (h.conversation_id() == g)
                    QCOMPARE(h.last_seq(), boundary);
            QCOMPARE(errorOf(call(u, infoReq(g))), proto::GONE);
            QCOMPARE(errorOf(call(u, sendIn(g, nextClientId(), "let me in"))), proto::GONE);
        };
        checkPull(bob);
        // The offline device, when it comes back.
        User again;
        again.c = std::make_unique<Client>();
        QVERIFY(again.c->open(m_server.url()));
        QVERIFY(again.c->call(resumeReq(laptop.auth().token())).has_auth());
        checkPull(again);
        // The members who stay see bob's removal and the rest.
        const proto::Envelope carol = call(user("carol"), pullReq(g, 0));
        QCOMPARE(carol.pull_response().heads(0).last_seq(), boundary + 3);
        const proto::Envelope info = call(user("carol"), infoReq(g));
        QCOMPARE(info.group_info().members_size(), 2);
    }

    // A re-added member starts over: a plain member, seeing from the new
    // join on (history policy "joined"), nothing of what passed meanwhile.
    void reAddedMemberStartsOver()
    {
        User &owner = user("owner");
        user("dave");
        const quint64 g = create(owner, { "dave" });
        QVERIFY(setRole(owner, g, "dave", proto::ROLE_ADMIN).has_ack());
        const quint64 removed = kick(owner, g, "dave").ack().seq();
        QVERIFY(call(owner, sendIn(g, nextClientId(), "while dave was away")).has_ack());
        proto::Envelope inv = actionReq(g);
        inv.mutable_group_action()->mutable_invite()->add_users("dave");
        const proto::Envelope added = act(owner, inv);
        QVERIFY(added.has_ack());
        const proto::Envelope info = call(user("dave"), infoReq(g));
        for (const auto &m : info.group_info().members())
            if (m.user() == "dave")
                QCOMPARE(m.role(), proto::ROLE_MEMBER);
        const proto::Envelope p = call(user("dave"), pullReq(g, removed));
        QCOMPARE(p.pull_response().events_size(), 1);
        QCOMPARE(p.pull_response().events(0).seq(), added.ack().seq());
        const proto::Envelope early = call(user("dave"), pullReq(g, 0));
        for (const auto &ev : early.pull_response().events())
            QVERIFY(ev.seq() <= removed || ev.seq() >= added.ack().seq());
        // An admin again only when the owner says so.
        QCOMPARE(errorOf(kick(user("dave"), g, "owner")), proto::FORBIDDEN);
    }

    void historyPolicies()
    {
        User &owner = user("owner");
        for (auto policy : { proto::HISTORY_JOINED, proto::HISTORY_ALL }) {
            const quint64 g = create(owner, {}, proto::JOIN_INVITE, policy);
            QVERIFY(call(owner, sendIn(g, nextClientId(), "old news")).has_ack());
            proto::Envelope inv = actionReq(g);
            inv.mutable_group_action()->mutable_invite()->add_users(user("erin").name);
            const proto::Envelope added = act(owner, inv);
            QVERIFY(added.has_ack());
            const proto::Envelope p = call(user("erin"), pullReq(g, 0));
            QVERIFY(p.pull_response().events_size() > 0);
            QCOMPARE(p.pull_response().events(0).seq(),
                policy == proto::HISTORY_ALL ? 1u : added.ack().seq());
            kick(owner, g, "erin");
        }
    }

    // The group's version: an action decided on an old one is refused with
    // a typed error; a retry of the same action (same client id) gets the
    // original ack and changes nothing.
    void versionsAndRetries()
    {
        User &owner = user("owner");
        user("frank");
        const quint64 g = create(owner, { "frank" });
        const quint64 v1 = call(owner, infoReq(g)).group_info().version();
        proto::Envelope rename = actionReq(g, v1);
        rename.mutable_group_action()->set_rename("first");
        const proto::Envelope r1 = act(owner, rename);
        QVERIFY(r1.has_ack());
        QCOMPARE(r1.ack().version(), v1 + 1);
        const proto::Envelope again = act(owner, rename); // the same client id
        QVERIFY(again.has_ack());
        QCOMPARE(again.ack().seq(), r1.ack().seq());
        QCOMPARE(again.ack().version(), r1.ack().version());
        proto::Envelope stale = actionReq(g, v1); // decided before the rename
        stale.mutable_group_action()->set_announce("late");
        QCOMPARE(errorOf(act(owner, stale)), proto::STALE_VERSION);
        const proto::Envelope info = call(owner, infoReq(g));
        QCOMPARE(info.group_info().name(), std::string("first"));
        QCOMPARE(info.group_info().version(), v1 + 1);
        QVERIFY(info.group_info().announcement().empty());
    }

    void ownershipRules()
    {
        User &owner = user("owner");
        user("gina");
        const quint64 g = create(owner, { "gina" });
        QCOMPARE(
            errorOf(simple(owner, g, [](proto::GroupActionRequest *r) { r->mutable_leave(); })),
            proto::FORBIDDEN);
        QCOMPARE(errorOf(setRole(user("gina"), g, "gina", proto::ROLE_ADMIN)), proto::FORBIDDEN);
        proto::Envelope t = actionReq(g);
        t.mutable_group_action()->set_transfer("gina");
        QVERIFY(act(owner, t).has_ack());
        const proto::Envelope info = call(owner, infoReq(g));
        int owners = 0;
        for (const auto &m : info.group_info().members()) {
            owners += m.role() == proto::ROLE_OWNER ? 1 : 0;
            if (m.user() == "owner")
                QCOMPARE(m.role(), proto::ROLE_ADMIN);
        }
        QCOMPARE(owners, 1);
        QVERIFY(
            simple(owner, g, [](proto::GroupActionRequest *r) { r->mutable_leave(); }).has_ack());
        QCOMPARE(errorOf(kick(user("gina"), g, "gina")), proto::FORBIDDEN);
    }

    // max_members=12 on create and on invite; bad input is refused whole.
    void limitsAndBadInput()
    {
        User &owner = user("owner");
        std::vector<std::string> many;
        for (int i = 0; i < 12; ++i)
            many.push_back(user("crowd" + std::to_string(i)).name);
        QCOMPARE(errorOf(call(owner, createReq("big", many))), proto::GROUP_FULL);
        many.pop_back();
        const quint64 g = create(owner, many); // 12 with the owner
        proto::Envelope inv = actionReq(g);
        inv.mutable_group_action()->mutable_invite()->add_users(user("one-too-many").name);
        QCOMPARE(errorOf(act(owner, inv)), proto::GROUP_FULL);
        QCOMPARE(call(owner, infoReq(g)).group_info().members_size(), 12);

        QCOMPARE(errorOf(call(owner, createReq("", {}))), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(call(owner, createReq(std::string(65, 'x'), {}))), proto::TOO_LARGE);
        QCOMPARE(errorOf(call(owner, createReq("ghosts", { "nobody-here" }))), proto::NOT_FOUND);
        proto::Envelope empty = actionReq(g);
        QCOMPARE(errorOf(act(owner, empty)), proto::INVALID_ARGUMENT);
        proto::Envelope ownerRole = actionReq(g);
        ownerRole.mutable_group_action()->mutable_set_role()->set_user("crowd0");
        ownerRole.mutable_group_action()->mutable_set_role()->set_role(proto::ROLE_OWNER);
        QCOMPARE(errorOf(act(owner, ownerRole)), proto::INVALID_ARGUMENT);
        proto::Envelope longNote = actionReq(g);
        longNote.mutable_group_action()->set_announce(std::string(2001, 'a'));
        QCOMPARE(errorOf(act(owner, longNote)), proto::TOO_LARGE);
        // Group events cannot be forged through send.
        proto::Envelope forged = sendIn(g, nextClientId(), "x");
        proto::EventBody body;
        body.mutable_group()->set_op(proto::GroupChange::OP_DISSOLVED);
        forged.mutable_send()->set_body(body.SerializeAsString());
        QCOMPARE(errorOf(call(owner, forged)), proto::INVALID_ARGUMENT);
        // Group actions on a direct conversation.
        const proto::Envelope direct = call(owner, sendTo("crowd1", nextClientId(), "hi"));
        proto::Envelope onDirect = actionReq(direct.ack().conversation_id());
        onDirect.mutable_group_action()->set_rename("nope");
        QCOMPARE(errorOf(act(owner, onDirect)), proto::NOT_FOUND);
        QVERIFY(call(owner, infoReq(g)).has_group_info()); // still serving
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }
};

QTEST_GUILESS_MAIN(TestNatterdGroups)
#include "tst_natterd_groups.moc"
