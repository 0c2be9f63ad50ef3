// Friends, profiles, user search and presence against a real natterd: a
// request, accept, decline (with its cooldown), cancel, remove (the direct
// chat's history stays), block (no requests, no messages either way) and
// the "friends only" message policy; every change as a Contact on both
// sides' feeds; profiles on the owner's and the friends' feeds; search by a
// prefix of the name or display name, never opted-out users nor those who
// blocked the asker, rate limited; presence for friends only and
// reciprocal; a group's online count; and the refusals of bad requests.
#include "GroupTestSupport.h"

#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

namespace {

template<typename Fill> proto::Envelope friendAct(User &u, const std::string &peer, Fill fill)
{
    proto::Envelope env;
    env.mutable_friend_action()->set_user(peer);
    fill(env.mutable_friend_action());
    return u.c->call(env);
}

proto::Envelope ask(User &u, const std::string &peer, const std::string &note = "hi")
{
    return friendAct(u, peer, [&](auto *a) { a->set_request(note); });
}

proto::Envelope friendsOf(User &u)
{
    proto::Envelope env;
    env.mutable_friends_request();
    return u.c->call(env);
}

// The user's relation with peer as the contact list says (none: CONTACT_NONE).
proto::Contact contactOf(User &u, const std::string &peer)
{
    const proto::Envelope r = friendsOf(u);
    if (!r.has_friends())
        qFatal("friends failed: %s", r.error().message().c_str());
    for (const proto::Contact &c : r.friends().contacts())
        if (c.user().user() == peer)
            return c;
    return {};
}

// The newest Contact entry about peer on the user's feed.
std::optional<proto::Contact> lastFeedContact(User &u, const std::string &peer)
{
    const proto::Envelope r = u.c->call(feedPullReq(0));
    std::optional<proto::Contact> found;
    for (const proto::FeedEntry &e : r.feed_response().entries())
        if (e.has_contact() && e.contact().user().user() == peer)
            found = e.contact();
    return found;
}

proto::Envelope search(User &u, const std::string &query)
{
    proto::Envelope env;
    env.mutable_user_search_request()->set_query(query);
    return u.c->call(env);
}

QStringList names(const proto::Envelope &r)
{
    QStringList out;
    for (const proto::Profile &p : r.user_search().users())
        out.append(QString::fromStdString(p.user().user()));
    return out;
}

proto::Envelope settings(
    User &u, proto::MessagePolicy policy, bool presenceOff = false, bool unsearchable = false)
{
    proto::Envelope env;
    auto *s = env.mutable_settings_request()->mutable_settings();
    s->set_message_policy(policy);
    s->set_presence_off(presenceOff);
    s->set_unsearchable(unsearchable);
    return u.c->call(env);
}

proto::Envelope setProfile(User &u, const std::string &name, const std::string &status)
{
    proto::Envelope env;
    env.mutable_profile_set()->set_display_name(name);
    env.mutable_profile_set()->set_status(status);
    return u.c->call(env);
}

} // namespace

class TestNatterdPeople : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    Natterd m_server;
    Users user { m_server };

    void befriend(const std::string &a, const std::string &b)
    {
        user(b); // registered before it is named
        QVERIFY(ask(user(a), b).has_ok());
        QVERIFY(friendAct(user(b), a, [](auto *x) { x->mutable_accept(); }).has_ok());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(m_server.start(m_tmp.filePath("data"),
            kFastConfig
                + QStringLiteral("device_rate=100000\ndevice_burst=100000\n"
                                 "[people]\nfriend_cooldown_s=3600\nsearch_rate=0.01\n"
                                 "search_burst=6\n")));
    }

    // Request with a note, accept, remove: both sides' lists and feeds.
    void requestAcceptRemove()
    {
        User &ann = user("f_ann");
        User &ben = user("f_ben");
        QVERIFY(ask(ann, "f_ben", "we met at the fair").has_ok());
        QCOMPARE(contactOf(ann, "f_ben").state(), proto::CONTACT_OUTGOING);
        const proto::Contact incoming = contactOf(ben, "f_ann");
        QCOMPARE(incoming.state(), proto::CONTACT_INCOMING);
        QCOMPARE(incoming.note(), std::string("we met at the fair"));
        QCOMPARE(lastFeedContact(ben, "f_ann")->state(), proto::CONTACT_INCOMING);
        QVERIFY(ask(ann, "f_ben", "again").has_ok()); // one pending request per pair
        QCOMPARE(contactOf(ben, "f_ann").note(), std::string("we met at the fair"));

        QVERIFY(friendAct(ben, "f_ann", [](auto *a) { a->mutable_accept(); }).has_ok());
        QCOMPARE(contactOf(ann, "f_ben").state(), proto::CONTACT_FRIEND);
        QCOMPARE(lastFeedContact(ann, "f_ben")->state(), proto::CONTACT_FRIEND);
        QCOMPARE(lastFeedContact(ben, "f_ann")->state(), proto::CONTACT_FRIEND);
        QCOMPARE(errorOf(ask(ann, "f_ben")), proto::CONFLICT); // already friends

        // A chat between friends; removing the friend keeps its history.
        const proto::Envelope sent = ann.c->call(sendTo("f_ben", nextClientId(), "hello friend"));
        QVERIFY(sent.has_ack());
        QVERIFY(friendAct(ann, "f_ben", [](auto *a) { a->mutable_remove(); }).has_ok());
        QCOMPARE(contactOf(ben, "f_ann").state(), proto::CONTACT_NONE);
        QCOMPARE(lastFeedContact(ben, "f_ann")->state(), proto::CONTACT_NONE);
        const proto::Envelope pulled = ben.c->call(pullReq(sent.ack().conversation_id(), 0));
        QVERIFY(pulled.has_pull_response());
        QCOMPARE(pulled.pull_response().events_size(), 2); // created + the message
        // Replayed from an outbox whose ack was lost: Ok, and nothing changes.
        const qsizetype feedBefore = ben.c->call(feedPullReq(0)).feed_response().entries_size();
        QVERIFY(friendAct(ann, "f_ben", [](auto *a) { a->mutable_remove(); }).has_ok());
        QCOMPARE(ben.c->call(feedPullReq(0)).feed_response().entries_size(), feedBefore);
    }

    // An accept replayed after the ack was lost is Ok; one with nothing to
    // accept is refused.
    void acceptReplayed()
    {
        befriend("r_a", "r_b");
        QVERIFY(friendAct(user("r_b"), "r_a", [](auto *a) { a->mutable_accept(); }).has_ok());
        QCOMPARE(contactOf(user("r_a"), "r_b").state(), proto::CONTACT_FRIEND);
        user("r_c");
        QCOMPARE(errorOf(friendAct(user("r_b"), "r_c", [](auto *a) { a->mutable_accept(); })),
            proto::NOT_FOUND);
    }

    // A settings change names what it changes: the others stay (two devices
    // changing different settings, one of them offline, both hold); the feed
    // carries all of them; no mask replaces all.
    void settingsChangeOnlyWhatTheyName()
    {
        User &u = user("s_two_pcs");
        const auto change = [&](uint32_t mask, auto fill) {
            proto::Envelope env;
            env.mutable_settings_request()->set_change(mask);
            fill(env.mutable_settings_request()->mutable_settings());
            return u.c->call(env);
        };
        QVERIFY(
            change(proto::SETTING_RECEIPTS, [](auto *s) { s->set_receipts_off(true); }).has_ok());
        QVERIFY(
            change(proto::SETTING_PRESENCE, [](auto *s) { s->set_presence_off(true); }).has_ok());
        QVERIFY(change(proto::SETTING_MESSAGES | proto::SETTING_SEARCHABLE, [](auto *s) {
            s->set_message_policy(proto::MESSAGES_FRIENDS);
        }).has_ok());
        const proto::Envelope feed = u.c->call(feedPullReq(0));
        std::optional<proto::UserSettings> last;
        for (const proto::FeedEntry &e : feed.feed_response().entries())
            if (e.has_settings())
                last = e.settings();
        QVERIFY(last);
        QVERIFY(last->receipts_off() && last->presence_off() && !last->unsearchable());
        QCOMPARE(last->message_policy(), proto::MESSAGES_FRIENDS);
        QVERIFY(settings(u, proto::MESSAGES_EVERYONE).has_ok()); // mask 0: all of them
        const proto::Envelope after = u.c->call(feedPullReq(0));
        const proto::UserSettings &all
            = after.feed_response().entries(after.feed_response().entries_size() - 1).settings();
        QVERIFY(!all.receipts_off() && !all.presence_off());
    }

    // Asking someone who asked you accepts; cancel takes a request back.
    void crossedRequestsAndCancel()
    {
        for (const char *name : { "x_a", "x_b", "x_c", "x_d" })
            user(name);
        QVERIFY(ask(user("x_a"), "x_b").has_ok());
        QVERIFY(ask(user("x_b"), "x_a").has_ok());
        QCOMPARE(contactOf(user("x_a"), "x_b").state(), proto::CONTACT_FRIEND);

        QVERIFY(ask(user("x_c"), "x_d").has_ok());
        QVERIFY(friendAct(user("x_c"), "x_d", [](auto *a) { a->mutable_cancel(); }).has_ok());
        QCOMPARE(contactOf(user("x_d"), "x_c").state(), proto::CONTACT_NONE);
        QCOMPARE(errorOf(friendAct(user("x_d"), "x_c", [](auto *a) { a->mutable_accept(); })),
            proto::NOT_FOUND);
    }

    // A decline tells the requester and keeps them from asking again for a while.
    void declineCooldown()
    {
        User &pushy = user("d_pushy");
        User &calm = user("d_calm");
        QVERIFY(ask(pushy, "d_calm").has_ok());
        QVERIFY(friendAct(calm, "d_pushy", [](auto *a) { a->mutable_decline(); }).has_ok());
        const auto told = lastFeedContact(pushy, "d_calm");
        QVERIFY(told);
        QCOMPARE(told->state(), proto::CONTACT_NONE);
        QVERIFY(told->declined());
        const proto::Envelope again = ask(pushy, "d_calm");
        QCOMPARE(errorOf(again), proto::FORBIDDEN); // not "retry soon": an outbox would
        QVERIFY(again.error().message().find("declined") != std::string::npos);
        QCOMPARE(contactOf(calm, "d_pushy").state(), proto::CONTACT_NONE);
        // The one who declined may still ask.
        QVERIFY(ask(calm, "d_pushy").has_ok());
        QCOMPARE(contactOf(pushy, "d_calm").state(), proto::CONTACT_INCOMING);
    }

    // A block ends the friendship (the blocked side sees it end, not the
    // block) and stops requests and messages both ways until unblocked.
    void block()
    {
        User &kim = user("b_kim");
        User &lee = user("b_lee");
        befriend("b_kim", "b_lee");
        const proto::Envelope first = lee.c->call(sendTo("b_kim", nextClientId(), "hey"));
        QVERIFY(first.has_ack());
        const quint64 chat = first.ack().conversation_id();

        QVERIFY(friendAct(kim, "b_lee", [](auto *a) { a->mutable_block(); }).has_ok());
        QVERIFY(contactOf(kim, "b_lee").blocked());
        const proto::Contact seen = contactOf(lee, "b_kim");
        QCOMPARE(seen.state(), proto::CONTACT_NONE);
        QVERIFY(!seen.blocked());
        QCOMPARE(lastFeedContact(lee, "b_kim")->state(), proto::CONTACT_NONE);

        QCOMPARE(errorOf(ask(lee, "b_kim")), proto::FORBIDDEN);
        QCOMPARE(errorOf(lee.c->call(sendIn(chat, nextClientId(), "let me in"))), proto::FORBIDDEN);
        QCOMPARE(errorOf(kim.c->call(sendIn(chat, nextClientId(), "ha"))), proto::FORBIDDEN);
        QCOMPARE(errorOf(ask(kim, "b_lee")), proto::FORBIDDEN);
        // Nor into a group: not at its creation, not by an invitation.
        QCOMPARE(errorOf(lee.c->call(createReq("lee's", { "b_kim" }))), proto::FORBIDDEN);
        const quint64 leesGroup = createGroup(lee, "lee's own", {});
        proto::Envelope invite = actionReq(leesGroup);
        invite.mutable_group_action()->mutable_invite()->add_users("b_kim");
        const proto::Envelope refused = lee.c->call(invite);
        QCOMPARE(errorOf(refused), proto::FORBIDDEN);
        QVERIFY(refused.error().message().find("does not accept") != std::string::npos);
        const quint64 kimsGroup = createGroup(kim, "kim's", { "b_lee" }); // the blocker may

        QVERIFY(friendAct(kim, "b_lee", [](auto *a) { a->mutable_unblock(); }).has_ok());
        invite = actionReq(leesGroup);
        invite.mutable_group_action()->mutable_invite()->add_users("b_kim");
        QVERIFY(lee.c->call(invite).has_ack());
        QVERIFY(kimsGroup != 0);
        QVERIFY(lee.c->call(sendIn(chat, nextClientId(), "thanks")).has_ack());
        QCOMPARE(contactOf(kim, "b_lee").state(), proto::CONTACT_NONE); // not friends again
    }

    // "Friends only": a stranger's first message is refused and starts no chat.
    void friendsOnlyPolicy()
    {
        User &star = user("m_star");
        User &fan = user("m_fan");
        QVERIFY(settings(star, proto::MESSAGES_FRIENDS).has_ok());
        QCOMPARE(errorOf(fan.c->call(sendTo("m_star", nextClientId(), "hi!"))), proto::FORBIDDEN);
        const proto::Envelope feed = fan.c->call(feedPullReq(0));
        for (const proto::FeedEntry &e : feed.feed_response().entries())
            QVERIFY2(!e.has_joined(), "a refused first message must not start a chat");
        befriend("m_fan", "m_star");
        QVERIFY(fan.c->call(sendTo("m_star", nextClientId(), "hi, friend")).has_ack());
        QCOMPARE(errorOf(settings(star, proto::MessagePolicy(7))), proto::INVALID_ARGUMENT);
    }

    // A profile: on the owner's feed and, with the relation, on friends' feeds.
    void profiles()
    {
        User &pam = user("p_pam");
        user("p_pal");
        befriend("p_pam", "p_pal");
        QVERIFY(setProfile(pam, "  Pamela Ng ", "out for lunch").has_ok());
        proto::Envelope req;
        req.mutable_profile_request()->set_user("p_pam");
        const proto::Envelope r = user("p_pal").c->call(req);
        QVERIFY2(r.has_profile(), r.error().message().c_str());
        QCOMPARE(r.profile().display_name(), std::string("Pamela Ng")); // trimmed
        QCOMPARE(r.profile().status(), std::string("out for lunch"));
        QCOMPARE(r.profile().contact().state(), proto::CONTACT_FRIEND);
        QVERIFY(r.profile().presence().online());

        bool own = false;
        const proto::Envelope feed = pam.c->call(feedPullReq(0));
        for (const proto::FeedEntry &e : feed.feed_response().entries())
            own = own || (e.has_profile() && e.profile().display_name() == "Pamela Ng");
        QVERIFY(own);
        QCOMPARE(lastFeedContact(user("p_pal"), "p_pam")->display_name(), std::string("Pamela Ng"));
        // Those with a request pending either way learn it too; one she
        // only blocked does not.
        user("p_asked");
        user("p_asker");
        User &blocked = user("p_blocked");
        QVERIFY(ask(pam, "p_asked").has_ok());
        QVERIFY(ask(user("p_asker"), "p_pam").has_ok());
        QVERIFY(friendAct(pam, "p_blocked", [](auto *a) { a->mutable_block(); }).has_ok());
        const qsizetype blockedFeed
            = blocked.c->call(feedPullReq(0)).feed_response().entries_size();
        QVERIFY(setProfile(pam, "Pam", "back").has_ok());
        QCOMPARE(lastFeedContact(user("p_asked"), "p_pam")->status(), std::string("back"));
        QCOMPARE(lastFeedContact(user("p_asker"), "p_pam")->display_name(), std::string("Pam"));
        QCOMPARE(blocked.c->call(feedPullReq(0)).feed_response().entries_size(), blockedFeed);

        QCOMPARE(errorOf(setProfile(pam, "bell\aname", "")), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(setProfile(pam, std::string(65, 'x'), "")), proto::TOO_LARGE);
        QCOMPARE(errorOf(setProfile(pam, "ok", std::string(141, 'y'))), proto::TOO_LARGE);
        req.mutable_profile_request()->set_user("nobody_here");
        QCOMPARE(errorOf(pam.c->call(req)), proto::NOT_FOUND);
    }

    // Search: a prefix of the name or display name (case folded), at least
    // two characters, no one who opted out or blocked the asker; limited.
    void userSearch()
    {
        User &me = user("s_me");
        user("s_alpha");
        user("s_alps");
        User &hidden = user("s_alpine");
        User &blocker = user("s_alto");
        User &zed = user("s_zed");
        QVERIFY(setProfile(zed, "Álpaca Zed", "").has_ok());
        QVERIFY(settings(hidden, proto::MESSAGES_EVERYONE, false, true).has_ok());
        QVERIFY(friendAct(blocker, "s_me", [](auto *a) { a->mutable_block(); }).has_ok());

        proto::Envelope r = search(me, "s_al");
        QVERIFY2(r.has_user_search(), r.error().message().c_str());
        QCOMPARE(names(r), QStringList({ "s_alpha", "s_alps" }));
        r = search(me, "S_ALP");
        QCOMPARE(names(r), QStringList({ "s_alpha", "s_alps" }));
        r = search(me, "álpaca");
        QCOMPARE(names(r), QStringList({ "s_zed" }));
        QCOMPARE(r.user_search().users(0).display_name(), std::string("Álpaca Zed"));
        QCOMPARE(names(search(me, "s_%")), QStringList()); // wildcards are text
        QCOMPARE(errorOf(search(me, "s")), proto::INVALID_ARGUMENT);
        // The bucket (burst 6, refilled once in 100 s) is empty by now.
        bool limited = false;
        for (int i = 0; i < 3 && !limited; ++i)
            limited = errorOf(search(me, "s_al")) == proto::RATE_LIMITED;
        QVERIFY(limited);
    }

    // Presence: friends only, reciprocal; last seen once a friend goes.
    void presence()
    {
        User &one = user("o_one");
        befriend("o_one", "o_two");
        QVERIFY(contactOf(one, "o_two").presence().online());
        QVERIFY(!contactOf(one, "o_two").presence().hidden());

        user("o_two").c->ws.close();
        QVERIFY(user("o_two").c->waitClosed());
        QVERIFY(QTest::qWaitFor([&] { return !contactOf(one, "o_two").presence().online(); }));
        QVERIFY(contactOf(one, "o_two").presence().last_seen_ms() > 0);

        // Hiding one's own presence hides everyone's.
        QVERIFY(settings(one, proto::MESSAGES_EVERYONE, true).has_ok());
        QVERIFY(contactOf(one, "o_two").presence().hidden());
        QVERIFY(!contactOf(one, "o_two").presence().online());
        // A stranger's profile carries no presence.
        proto::Envelope req;
        req.mutable_profile_request()->set_user("o_one");
        const proto::Envelope r = user("o_three").c->call(req);
        QVERIFY(r.has_profile());
        QVERIFY(!r.profile().has_presence());
    }

    // A group's online count: its members online now who share presence.
    void groupOnline()
    {
        User &host = user("g_host");
        user("g_on");
        user("g_shy");
        user("g_off");
        QVERIFY(settings(user("g_shy"), proto::MESSAGES_EVERYONE, true).has_ok());
        const quint64 g = createGroup(host, "online", { "g_on", "g_shy", "g_off" });
        user("g_off").c->ws.close();
        QVERIFY(user("g_off").c->waitClosed());
        QVERIFY(QTest::qWaitFor([&] {
            return host.c->call(infoReq(g)).group_info().online() == 2; // host, g_on
        }));
        const proto::Envelope info = host.c->call(infoReq(g));
        for (const proto::GroupMember &m : info.group_info().members())
            QCOMPARE(m.online(), m.user() == "g_host" || m.user() == "g_on");
        // Hiding one's own presence: no one is online to them.
        QCOMPARE(user("g_shy").c->call(infoReq(g)).group_info().online(), 0u);
    }

    void badRequests()
    {
        User &u = user("e_user");
        proto::Envelope env;
        env.mutable_friend_action()->set_user("e_other");
        QCOMPARE(errorOf(u.c->call(env)), proto::INVALID_ARGUMENT); // no action
        QCOMPARE(errorOf(ask(u, "e_nobody")), proto::NOT_FOUND);
        QCOMPARE(errorOf(ask(u, "e_user")), proto::INVALID_ARGUMENT); // oneself
        QCOMPARE(errorOf(ask(u, "Not A Name")), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(ask(u, "e_other2", std::string(201, 'n'))), proto::TOO_LARGE);
        // The server is still fine.
        QVERIFY(friendsOf(u).has_friends());
    }
};

QTEST_GUILESS_MAIN(TestNatterdPeople)
#include "tst_natterd_people.moc"
