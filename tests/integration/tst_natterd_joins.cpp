// Joining groups against a real natterd: an open group at once, a group by
// approval through a request that the owner or an admin approves or
// declines (on the feeds of the applicant and the deciders), invite-only
// groups closed, the member cap on every path that adds, the search that
// lists only discoverable groups, and what members say about themselves:
// a nickname (an event, gone with a removal) and a private remark (on the
// member's own feed only).
#include "GroupTestSupport.h"

#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

namespace {

QList<proto::FeedEntry> feedOf(User &u)
{
    const proto::Envelope r = u.c->call(feedPullReq(0));
    if (!r.has_feed_response())
        qFatal("feed pull failed");
    return QList<proto::FeedEntry>(
        r.feed_response().entries().begin(), r.feed_response().entries().end());
}

// The join requests (and decisions) of a group on a user's feed.
int requestsOnFeed(User &u, quint64 group, const std::string &applicant)
{
    int n = 0;
    for (const proto::FeedEntry &e : feedOf(u))
        n += e.has_join_request() && e.join_request().conversation_id() == group
            && e.join_request().user().user() == applicant;
    return n;
}

std::optional<proto::JoinDecision> decisionOnFeed(
    User &u, quint64 group, const std::string &applicant)
{
    std::optional<proto::JoinDecision> last;
    for (const proto::FeedEntry &e : feedOf(u))
        if (e.has_join_decision() && e.join_decision().conversation_id() == group
            && e.join_decision().user().user() == applicant)
            last = e.join_decision();
    return last;
}

proto::Envelope requestsReq(quint64 group)
{
    proto::Envelope env;
    env.mutable_group_requests_request()->set_conversation_id(group);
    return env;
}

proto::Envelope searchReq(const std::string &query)
{
    proto::Envelope env;
    env.mutable_group_search_request()->set_query(query);
    return env;
}

const proto::GroupMember *memberIn(const proto::Envelope &info, const std::string &name)
{
    for (const auto &m : info.group_info().members())
        if (m.user() == name)
            return &m;
    return nullptr;
}

proto::GroupChange lastChange(User &u, quint64 group)
{
    const proto::Envelope p = u.c->call(pullReq(group, 0));
    proto::EventBody body;
    const auto &events = p.pull_response().events();
    if (events.empty() || !body.ParseFromString(events[events.size() - 1].body()))
        qFatal("no group event");
    return body.group();
}

} // namespace

class TestNatterdJoins : public QObject
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
            kFastConfig
                + QStringLiteral("device_rate=100000\ndevice_burst=100000\n"
                                 "[groups]\nmax_members=4\n")));
    }

    void openGroupsTakeAnyoneAtOnce()
    {
        User &owner = user("o1");
        User &member = user("m1");
        User &walker = user("walker");
        const quint64 g = createGroup(owner, "open house", { "m1" }, proto::JOIN_OPEN);
        member.c->received.clear();
        const proto::Envelope joined
            = groupAct(walker, g, [](proto::GroupActionRequest *a) { a->set_join(""); });
        QVERIFY2(joined.has_ack(), joined.error().message().c_str());
        QVERIFY(joined.ack().seq() > 1);
        const proto::GroupChange change = lastChange(owner, g);
        QCOMPARE(change.op(), proto::GroupChange::OP_JOINED);
        QCOMPARE(change.actor().user(), std::string("walker"));
        QCOMPARE(change.targets(0).user(), std::string("walker"));
        QVERIFY(memberIn(owner.c->call(infoReq(g)), "walker"));
        // The members hear of it; the newcomer's feed brings the group.
        QTRY_VERIFY(!member.c->pushes(proto::Envelope::kNotify).isEmpty());
        bool welcomed = false;
        for (const proto::FeedEntry &e : feedOf(walker))
            welcomed |= e.has_joined() && e.joined().conversation_id() == g;
        QVERIFY(welcomed);
        // Once in, joining again is no request but a mistake.
        QCOMPARE(
            errorOf(groupAct(walker, g, [](proto::GroupActionRequest *a) { a->set_join(""); })),
            proto::INVALID_ARGUMENT);
        // Full (max_members=4): the fifth cannot join.
        QVERIFY(groupAct(user("w2"), g, [](proto::GroupActionRequest *a) {
            a->set_join("");
        }).has_ack());
        QCOMPARE(
            errorOf(groupAct(user("w3"), g, [](proto::GroupActionRequest *a) { a->set_join(""); })),
            proto::GROUP_FULL);
    }

    void inviteOnlyGroupsAreClosed()
    {
        const quint64 g = createGroup(user("o1"), "members only", {});
        const proto::Envelope r
            = groupAct(user("walker"), g, [](proto::GroupActionRequest *a) { a->set_join(""); });
        QCOMPARE(errorOf(r), proto::FORBIDDEN);
        QVERIFY(!r.error().message().empty());
    }

    void requestsWaitForAnAdmin()
    {
        User &owner = user("o2");
        User &admin = user("a2");
        User &member = user("m2");
        User &bob = user("bob");
        const quint64 g = createGroup(owner, "by approval", { "a2", "m2" }, proto::JOIN_APPROVAL);
        QVERIFY(groupAct(owner, g, [](proto::GroupActionRequest *a) {
            a->mutable_set_role()->set_user("a2");
            a->mutable_set_role()->set_role(proto::ROLE_ADMIN);
        }).has_ack());
        const quint64 lastBefore = owner.c->call(infoReq(g)).group_info().last_seq();

        const proto::Envelope asked = groupAct(
            bob, g, [](proto::GroupActionRequest *a) { a->set_join("I like approvals"); });
        QVERIFY2(asked.has_ack(), asked.error().message().c_str());
        QCOMPARE(asked.ack().seq(), 0u); // waiting: no event
        QCOMPARE(owner.c->call(infoReq(g)).group_info().last_seq(), lastBefore);
        // The applicant and both deciders have it on their feeds; a plain member not.
        QCOMPARE(requestsOnFeed(bob, g, "bob"), 1);
        QCOMPARE(requestsOnFeed(owner, g, "bob"), 1);
        QCOMPARE(requestsOnFeed(admin, g, "bob"), 1);
        QCOMPARE(requestsOnFeed(member, g, "bob"), 0);
        const proto::Envelope list = admin.c->call(requestsReq(g));
        QCOMPARE(list.group_requests().requests_size(), 1);
        QCOMPARE(list.group_requests().requests(0).note(), std::string("I like approvals"));
        QCOMPARE(list.group_requests().requests(0).title(), std::string("by approval"));
        QCOMPARE(errorOf(member.c->call(requestsReq(g))), proto::FORBIDDEN);
        QCOMPARE(owner.c->call(infoReq(g)).group_info().pending_requests(), 1u);
        QCOMPARE(member.c->call(infoReq(g)).group_info().pending_requests(), 0u);
        // An applicant reads nothing yet, and asking again is one request.
        QCOMPARE(errorOf(bob.c->call(pullReq(g, 0))), proto::FORBIDDEN);
        QCOMPARE(errorOf(bob.c->call(infoReq(g))), proto::FORBIDDEN);
        QVERIFY(groupAct(bob, g, [](proto::GroupActionRequest *a) {
            a->set_join("please");
        }).has_ack());
        QCOMPARE(owner.c->call(requestsReq(g)).group_requests().requests_size(), 1);
        QCOMPARE(owner.c->call(requestsReq(g)).group_requests().requests(0).note(),
            std::string("please"));
        // A plain member cannot let anyone in.
        QCOMPARE(errorOf(groupAct(
                     member, g, [](proto::GroupActionRequest *a) { a->set_approve("bob"); })),
            proto::FORBIDDEN);

        // The admin approves, on the version they saw.
        const quint64 version = admin.c->call(infoReq(g)).group_info().version();
        proto::Envelope approve = actionReq(g, version);
        approve.mutable_group_action()->set_approve("bob");
        const proto::Envelope approved = admin.c->call(approve);
        QVERIFY2(approved.has_ack(), approved.error().message().c_str());
        QCOMPARE(approved.ack().version(), version + 1);
        const proto::Envelope retry = admin.c->call(approve); // same client id
        QCOMPARE(retry.ack().seq(), approved.ack().seq());
        const proto::GroupChange change = lastChange(owner, g);
        QCOMPARE(change.op(), proto::GroupChange::OP_JOINED);
        QCOMPARE(change.actor().user(), std::string("a2"));
        QCOMPARE(change.targets(0).user(), std::string("bob"));
        QVERIFY(memberIn(bob.c->call(infoReq(g)), "bob"));
        for (User *u : { &bob, &owner, &admin }) {
            const auto d = decisionOnFeed(*u, g, "bob");
            QVERIFY(d && d->approved());
            QCOMPARE(d->by().user(), std::string("a2"));
        }
        QCOMPARE(owner.c->call(requestsReq(g)).group_requests().requests_size(), 0);
        // Approving a request no longer pending is refused.
        QCOMPARE(errorOf(groupAct(
                     owner, g, [](proto::GroupActionRequest *a) { a->set_approve("bob"); })),
            proto::NOT_FOUND);
    }

    void declinesAndInvitesSettleRequests()
    {
        User &owner = user("o3");
        const quint64 g = createGroup(owner, "picky", {}, proto::JOIN_APPROVAL);
        User &carol = user("carol");
        QVERIFY(
            groupAct(carol, g, [](proto::GroupActionRequest *a) { a->set_join(""); }).has_ack());
        const proto::Envelope declined
            = groupAct(owner, g, [](proto::GroupActionRequest *a) { a->set_decline("carol"); });
        QVERIFY2(declined.has_ack(), declined.error().message().c_str());
        QCOMPARE(declined.ack().seq(), 0u);
        auto d = decisionOnFeed(carol, g, "carol");
        QVERIFY(d && !d->approved());
        QCOMPARE(errorOf(carol.c->call(pullReq(g, 0))), proto::FORBIDDEN);
        // Declining again is no error (another admin was first, or a retry);
        // approving a declined request is: it is not pending.
        QVERIFY(groupAct(owner, g, [](proto::GroupActionRequest *a) {
            a->set_decline("carol");
        }).has_ack());
        QCOMPARE(errorOf(groupAct(
                     owner, g, [](proto::GroupActionRequest *a) { a->set_approve("carol"); })),
            proto::NOT_FOUND);
        QCOMPARE(errorOf(groupAct(
                     owner, g, [](proto::GroupActionRequest *a) { a->set_decline("nobody"); })),
            proto::NOT_FOUND);
        // Asking again makes it pending again.
        QVERIFY(
            groupAct(carol, g, [](proto::GroupActionRequest *a) { a->set_join(""); }).has_ack());
        QCOMPARE(owner.c->call(requestsReq(g)).group_requests().requests_size(), 1);
        // An invitation settles a pending request: approved by the inviter.
        QVERIFY(groupAct(owner, g, [](proto::GroupActionRequest *a) {
            a->mutable_invite()->add_users("carol");
        }).has_ack());
        d = decisionOnFeed(carol, g, "carol");
        QVERIFY(d && d->approved());
        QCOMPARE(owner.c->call(requestsReq(g)).group_requests().requests_size(), 0);
        QVERIFY(memberIn(owner.c->call(infoReq(g)), "carol"));
    }

    void approvalsRespectTheMemberCap()
    {
        User &owner = user("o4");
        user("x1");
        user("x2");
        const quint64 g = createGroup(owner, "tiny", { "x1", "x2" }, proto::JOIN_APPROVAL);
        QVERIFY(groupAct(user("x3"), g, [](proto::GroupActionRequest *a) {
            a->set_join("");
        }).has_ack());
        QVERIFY(groupAct(user("x4"), g, [](proto::GroupActionRequest *a) {
            a->set_join("");
        }).has_ack());
        QVERIFY(groupAct(owner, g, [](proto::GroupActionRequest *a) {
            a->set_approve("x3");
        }).has_ack());
        // Four now: the last request cannot be approved, and no new one made.
        QCOMPARE(
            errorOf(groupAct(owner, g, [](proto::GroupActionRequest *a) { a->set_approve("x4"); })),
            proto::GROUP_FULL);
        QCOMPARE(
            errorOf(groupAct(user("x5"), g, [](proto::GroupActionRequest *a) { a->set_join(""); })),
            proto::GROUP_FULL);
        QCOMPARE(owner.c->call(infoReq(g)).group_info().members_size(), 4);
        QCOMPARE(owner.c->call(requestsReq(g)).group_requests().requests_size(), 1);
    }

    void searchListsOnlyDiscoverableGroups()
    {
        User &owner = user("o5");
        const quint64 open = createGroup(owner, "Rust fans", {}, proto::JOIN_OPEN);
        const quint64 approval = createGroup(owner, "rust reviewers", {}, proto::JOIN_APPROVAL);
        createGroup(owner, "Rust secret", {}, proto::JOIN_INVITE);
        const quint64 gone = createGroup(owner, "Rust of old", {}, proto::JOIN_OPEN);
        QVERIFY(groupAct(owner, gone, [](proto::GroupActionRequest *a) {
            a->mutable_dissolve();
        }).has_ack());
        createGroup(owner, "100% rust", {}, proto::JOIN_OPEN);

        const proto::Envelope r = user("seeker").c->call(searchReq("RUST"));
        QVERIFY(r.has_group_search());
        QList<quint64> ids;
        for (const auto &g : r.group_search().groups()) {
            ids.append(g.conversation_id());
            QVERIFY(!g.member());
            QCOMPARE(g.members(), 1u);
        }
        QVERIFY(ids.contains(open));
        QVERIFY(ids.contains(approval));
        QCOMPARE(ids.size(), 3); // not the invite-only one, not the dissolved one
        // LIKE's wildcards are plain characters in a query.
        const proto::Envelope percent = user("seeker").c->call(searchReq("%"));
        QCOMPARE(percent.group_search().groups_size(), 1);
        QCOMPARE(percent.group_search().groups(0).name(), std::string("100% rust"));
        QCOMPARE(user("seeker").c->call(searchReq("_")).group_search().groups_size(), 0);
        // The owner is a member of what they find.
        const proto::Envelope mine = owner.c->call(searchReq("fans"));
        QCOMPARE(mine.group_search().groups_size(), 1);
        QVERIFY(mine.group_search().groups(0).member());
        QCOMPARE(errorOf(owner.c->call(searchReq("  "))), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(owner.c->call(searchReq(std::string(65, 'r')))), proto::TOO_LARGE);
    }

    void nicknamesAndRemarks()
    {
        User &owner = user("o6");
        User &dana = user("dana");
        User &eve = user("eve");
        const quint64 g = createGroup(owner, "named", { "dana", "eve" });
        const proto::Envelope nick
            = groupAct(dana, g, [](proto::GroupActionRequest *a) { a->set_nickname(" D "); });
        QVERIFY2(nick.has_ack(), nick.error().message().c_str());
        QVERIFY(nick.ack().seq() > 0);
        QCOMPARE(lastChange(eve, g).op(), proto::GroupChange::OP_NICKNAME);
        QCOMPARE(lastChange(eve, g).text(), std::string("D"));
        QCOMPARE(memberIn(eve.c->call(infoReq(g)), "dana")->nickname(), std::string("D"));
        QCOMPARE(errorOf(groupAct(dana, g,
                     [](proto::GroupActionRequest *a) { a->set_nickname(std::string(33, 'n')); })),
            proto::TOO_LARGE);

        // A remark is dana's alone: no event, on her feed only.
        const quint64 last = owner.c->call(infoReq(g)).group_info().last_seq();
        const proto::Envelope remark
            = groupAct(dana, g, [](proto::GroupActionRequest *a) { a->set_remark("book club"); });
        QVERIFY2(remark.has_ack(), remark.error().message().c_str());
        QCOMPARE(remark.ack().seq(), 0u);
        QCOMPARE(owner.c->call(infoReq(g)).group_info().last_seq(), last);
        QCOMPARE(dana.c->call(infoReq(g)).group_info().remark(), std::string("book club"));
        QVERIFY(eve.c->call(infoReq(g)).group_info().remark().empty());
        const auto remarksOn = [g](User &u) {
            int n = 0;
            for (const proto::FeedEntry &e : feedOf(u))
                n += e.has_remark() && e.remark().conversation_id() == g;
            return n;
        };
        QCOMPARE(remarksOn(dana), 1);
        QCOMPARE(remarksOn(eve), 0);
        QCOMPARE(remarksOn(owner), 0);

        // Removed and added again: the nickname is gone, the remark (hers) stays.
        QVERIFY(groupAct(owner, g, [](proto::GroupActionRequest *a) {
            a->set_kick("dana");
        }).has_ack());
        QCOMPARE(errorOf(groupAct(
                     dana, g, [](proto::GroupActionRequest *a) { a->set_nickname("back"); })),
            proto::GONE);
        QVERIFY(groupAct(dana, g, [](proto::GroupActionRequest *a) {
            a->set_remark("left it");
        }).has_ack()); // a former member keeps notes
        QVERIFY(groupAct(owner, g, [](proto::GroupActionRequest *a) {
            a->mutable_invite()->add_users("dana");
        }).has_ack());
        const proto::Envelope info = dana.c->call(infoReq(g));
        QVERIFY(memberIn(info, "dana")->nickname().empty());
        QCOMPARE(info.group_info().remark(), std::string("left it"));
        QCOMPARE(memberIn(info, "dana")->role(), proto::ROLE_MEMBER);
    }
};

QTEST_GUILESS_MAIN(TestNatterdJoins)
#include "tst_natterd_joins.moc"
