// Writes the seed corpus of the fuzz targets: valid frames of every body
// kind, plus truncated and garbage ones. Run once by hand (it is not a test):
//   gen_corpus tests/fuzz/corpus
// The user and conversation ids match what fuzz_server_dispatch and
// fuzz_client_responses set up.
#include "protocol/Frame.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <functional>

using namespace natter;

namespace {

QString g_root;

void write(const char *target, const QString &name, const QByteArray &bytes)
{
    QDir().mkpath(g_root + '/' + target);
    QFile f(g_root + '/' + target + '/' + name);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
}

proto::Envelope env(quint64 requestId)
{
    proto::Envelope e;
    e.set_version(kProtocolVersion);
    e.set_request_id(requestId);
    return e;
}

std::string textBody(const std::string &text)
{
    proto::EventBody b;
    b.mutable_text()->set_text(text);
    return b.SerializeAsString();
}

// Writes the frame to the target and to fuzz_frame, with a truncated copy.
void frame(const char *target, const QString &name, const proto::Envelope &e)
{
    const QByteArray bytes = encodeEnvelope(e);
    write(target, name, bytes);
    write("fuzz_frame", QString::fromLatin1(target).mid(5) + '-' + name, bytes);
    if (bytes.size() > 3)
        write(target, name + "-truncated", bytes.left(bytes.size() - 2));
}

void serverRequests()
{
    const char *t = "fuzz_server_dispatch";
    auto e = env(1);
    auto *reg = e.mutable_register_request();
    reg->set_user("carol");
    reg->set_password("password1");
    reg->set_device_name("laptop");
    frame(t, "register", e);
    e = env(2);
    auto *login = e.mutable_login();
    login->set_user("alice");
    login->set_password("password1");
    login->set_device_name("phone");
    frame(t, "login", e);
    e = env(3);
    login = e.mutable_login();
    login->set_user("alice");
    login->set_password("wrong-password");
    frame(t, "login-wrong", e);
    e = env(4);
    e.mutable_resume()->set_token("1.notarealtoken");
    frame(t, "resume", e);
    e = env(5);
    e.mutable_logout();
    frame(t, "logout", e);
    e = env(6);
    e.mutable_devices_request();
    frame(t, "devices", e);
    e = env(7);
    e.mutable_revoke_device()->set_device_id(12345);
    frame(t, "revoke", e);
    e = env(8);
    auto *send = e.mutable_send();
    send->set_client_id("c-1");
    send->set_to_user("bob");
    send->set_body(textBody("hello bob"));
    frame(t, "send-to-user", e);
    e = env(9);
    send = e.mutable_send();
    send->set_client_id("c-2");
    send->set_to_user("alice");
    send->set_body(textBody("note to self"));
    frame(t, "send-to-self", e);
    e = env(10);
    send = e.mutable_send();
    send->set_client_id("c-3");
    send->set_conversation_id(1);
    send->set_body(textBody(std::string(9000, 'x')));
    frame(t, "send-too-long", e);
    e = env(11);
    send = e.mutable_send();
    send->set_client_id("c-4");
    send->set_to_user("bob");
    send->set_body("\x0a\x03\xff\xfe\x00");
    frame(t, "send-bad-body", e);
    e = env(12);
    auto *pull = e.mutable_pull();
    for (int i = 0; i < 3; ++i) {
        auto *r = pull->add_ranges();
        r->set_conversation_id(i);
        r->set_after_seq(0);
        r->set_limit(i * 1000);
    }
    frame(t, "pull", e);
    e = env(13);
    e.mutable_mark_read()->set_conversation_id(1);
    e.mutable_mark_read()->set_seq(1);
    frame(t, "mark-read", e);
    e = env(14);
    e.mutable_feed_pull()->set_after_seq(0);
    e.mutable_feed_pull()->set_limit(0);
    frame(t, "feed-pull", e);
    e = env(15);
    e.mutable_ok();
    frame(t, "not-a-request", e);
    e = env(16);
    e.set_version(2);
    e.mutable_devices_request();
    frame(t, "version-2", e);
    e = env(17);
    auto *create = e.mutable_group_create();
    create->set_client_id("g-1");
    create->set_name("team");
    create->add_members("bob");
    create->set_join(proto::JOIN_OPEN);
    create->set_history(proto::HISTORY_ALL);
    frame(t, "group-create", e);
    // Conversations 1 and 2 are alice's direct chat and group with bob.
    const auto action = [&](const char *name, quint64 id,
                            const std::function<void(proto::GroupActionRequest *)> &fill) {
        proto::Envelope a = env(18);
        a.mutable_group_action()->set_client_id(std::string("ga-") + name);
        a.mutable_group_action()->set_conversation_id(id);
        fill(a.mutable_group_action());
        frame(t, QStringLiteral("group-%1").arg(QLatin1String(name)), a);
    };
    action("invite", 2, [](auto *a) { a->mutable_invite()->add_users("bob"); });
    action("kick", 2, [](auto *a) { a->set_kick("bob"); });
    action("leave", 2, [](auto *a) { a->mutable_leave(); });
    action("dissolve", 2, [](auto *a) { a->mutable_dissolve(); });
    action("transfer", 2, [](auto *a) { a->set_transfer("bob"); });
    action("promote", 2, [](auto *a) {
        a->mutable_set_role()->set_user("bob");
        a->mutable_set_role()->set_role(proto::ROLE_ADMIN);
    });
    action("announce", 2, [](auto *a) { a->set_announce("news"); });
    action("rename-stale", 2, [](auto *a) {
        a->set_rename("new name");
        a->set_base_version(99);
    });
    action("on-direct", 1, [](auto *a) { a->set_rename("x"); });
    action("join", 2, [](auto *a) { a->set_join("let me in"); });
    action("approve", 2, [](auto *a) { a->set_approve("bob"); });
    action("decline", 2, [](auto *a) { a->set_decline("bob"); });
    action("nickname", 2, [](auto *a) { a->set_nickname("al"); });
    action("remark", 2, [](auto *a) { a->set_remark("my note"); });
    action("mention-policy", 2, [](auto *a) { a->set_mention_policy(proto::MENTION_ALL_MEMBERS); });
    action(
        "mention-policy-bad", 2, [](auto *a) { a->set_mention_policy(proto::MentionPolicy(7)); });
    e = env(19);
    e.mutable_group_info_request()->set_conversation_id(2);
    frame(t, "group-info", e);
    e = env(20);
    e.mutable_group_search_request()->set_query("te%m_");
    e.mutable_group_search_request()->set_limit(500);
    frame(t, "group-search", e);
    e = env(21);
    e.mutable_group_requests_request()->set_conversation_id(2);
    frame(t, "group-requests", e);
    e = env(22);
    e.mutable_receipts_request()->set_conversation_id(2);
    for (quint64 seq : { 1, 2, 3, 999 })
        e.mutable_receipts_request()->add_seqs(seq);
    frame(t, "receipts", e);
    e = env(23);
    e.mutable_settings_request()->mutable_settings()->set_receipts_off(true);
    frame(t, "settings", e);
    e = env(24);
    {
        proto::EventBody body;
        body.mutable_text()->set_text("@all @bob");
        body.mutable_text()->set_mention_all(true);
        body.mutable_text()->add_mentions(2);
        body.mutable_text()->add_mentions(0);
        e.mutable_send()->set_client_id("m1");
        e.mutable_send()->set_conversation_id(2);
        e.mutable_send()->set_body(body.SerializeAsString());
    }
    frame(t, "send-mentions", e);
    // People: every friend action (and none, and a long note), the lists,
    // profiles (a control character, a long name), search (too short, a
    // huge limit) and all four settings with an unknown policy.
    int id = 25;
    const auto friendAction = [&](const char *name, const std::string &user, auto fill) {
        auto fe = env(id++);
        fe.mutable_friend_action()->set_user(user);
        fill(fe.mutable_friend_action());
        frame(t, name, fe);
    };
    friendAction("friend-request", "bob", [](auto *a) { a->set_request("from the meetup"); });
    friendAction("friend-request-self", "alice", [](auto *a) { a->set_request(""); });
    friendAction(
        "friend-request-long", "bob", [](auto *a) { a->set_request(std::string(5000, 'n')); });
    friendAction("friend-accept", "bob", [](auto *a) { a->mutable_accept(); });
    friendAction("friend-decline", "bob", [](auto *a) { a->mutable_decline(); });
    friendAction("friend-cancel", "bob", [](auto *a) { a->mutable_cancel(); });
    friendAction("friend-remove", "bob", [](auto *a) { a->mutable_remove(); });
    friendAction("friend-block", "bob", [](auto *a) { a->mutable_block(); });
    friendAction("friend-unblock", "bob", [](auto *a) { a->mutable_unblock(); });
    friendAction("friend-none", "bob", [](auto *) {});
    friendAction("friend-bad-name", "Bob Smith!", [](auto *a) { a->mutable_block(); });
    e = env(id++);
    e.mutable_friends_request();
    frame(t, "friends", e);
    e = env(id++);
    e.mutable_profile_request()->set_user("bob");
    frame(t, "profile", e);
    e = env(id++);
    e.mutable_profile_request();
    frame(t, "profile-own", e);
    e = env(id++);
    e.mutable_profile_set()->set_display_name("Alice\x07");
    e.mutable_profile_set()->set_status(std::string(200, 's'));
    frame(t, "profile-set-bad", e);
    e = env(id++);
    e.mutable_profile_set()->set_display_name("Alice L.");
    frame(t, "profile-set", e);
    e = env(id++);
    e.mutable_user_search_request()->set_query("b");
    frame(t, "user-search-short", e);
    e = env(id++);
    e.mutable_user_search_request()->set_query("bo%_");
    e.mutable_user_search_request()->set_limit(100000);
    frame(t, "user-search", e);
    e = env(id++);
    {
        auto *us = e.mutable_settings_request()->mutable_settings();
        us->set_presence_off(true);
        us->set_unsearchable(true);
        us->set_message_policy(proto::MESSAGES_FRIENDS);
    }
    frame(t, "settings-all", e);
    e = env(id++);
    e.mutable_settings_request()->set_change(proto::SETTING_PRESENCE | 0x70);
    e.mutable_settings_request()->mutable_settings()->set_presence_off(true);
    frame(t, "settings-some", e);
    e = env(id++);
    e.mutable_settings_request()->mutable_settings()->set_message_policy(proto::MessagePolicy(5));
    frame(t, "settings-bad-policy", e);
    write(t, "empty", QByteArray());
    write(t, "garbage", QByteArray("\xff\xff\xff\xff\x0f\x12\x00", 7));
}

void clientResponses()
{
    // The harness answers Resume as user 1 ("alice"), device 10; peer bob is 2.
    const char *t = "fuzz_client_responses";
    auto e = env(1);
    auto *feed = e.mutable_feed_response();
    auto *entry = feed->add_entries();
    entry->set_seq(1);
    entry->set_time_ms(1700000000000);
    auto *joined = entry->mutable_joined();
    joined->set_conversation_id(100);
    joined->set_kind(proto::DIRECT);
    auto *m = joined->add_members();
    m->set_user_id(1);
    m->set_user("alice");
    m = joined->add_members();
    m->set_user_id(2);
    m->set_user("bob");
    entry = feed->add_entries();
    entry->set_seq(2);
    entry->mutable_read()->set_conversation_id(100);
    entry->mutable_read()->set_seq(2);
    feed->set_feed_seq(2);
    auto *head = feed->add_heads();
    head->set_conversation_id(100);
    head->set_last_seq(3);
    frame(t, "feed-response", e);

    e = env(1);
    auto *pr = e.mutable_pull_response();
    for (quint64 seq = 1; seq <= 3; ++seq) {
        auto *ev = pr->add_events();
        ev->set_conversation_id(100);
        ev->set_seq(seq);
        ev->set_id(1000 + seq);
        ev->set_sender_id(seq == 1 ? 1 : 2);
        ev->set_sender_device(seq == 1 ? 10 : 20);
        ev->set_client_id("c-" + std::to_string(seq));
        ev->set_kind(seq == 1 ? proto::EVENT_CREATED : proto::EVENT_MESSAGE);
        ev->set_time_ms(1700000000000 + seq);
        if (seq > 1)
            ev->set_body(textBody("hi " + std::to_string(seq)));
    }
    head = pr->add_heads();
    head->set_conversation_id(100);
    head->set_last_seq(3);
    frame(t, "pull-response", e);

    e = env(1);
    auto *ack = e.mutable_ack();
    ack->set_client_id("c-1");
    ack->set_conversation_id(100);
    ack->set_seq(4);
    ack->set_id(2000);
    ack->set_time_ms(1700000000100);
    frame(t, "send-ack", e);

    e = env(0);
    e.mutable_notify()->set_conversation_id(100);
    e.mutable_notify()->set_seq(5);
    frame(t, "notify", e);
    e = env(0);
    e.mutable_notify()->set_conversation_id(777);
    e.mutable_notify()->set_seq(1);
    frame(t, "notify-unknown", e);
    e = env(0);
    e.mutable_feed_notify()->set_seq(9);
    frame(t, "feed-notify", e);

    // A group: joined from seq 3, its events, then left at seq 5.
    e = env(1);
    feed = e.mutable_feed_response();
    entry = feed->add_entries();
    entry->set_seq(3);
    joined = entry->mutable_joined();
    joined->set_conversation_id(200);
    joined->set_kind(proto::GROUP);
    joined->set_title("team");
    joined->set_visible_from(3);
    entry = feed->add_entries();
    entry->set_seq(4);
    entry->mutable_left()->set_conversation_id(200);
    entry->mutable_left()->set_last_seq(5);
    feed->set_feed_seq(4);
    head = feed->add_heads();
    head->set_conversation_id(200);
    head->set_last_seq(5);
    frame(t, "feed-group", e);
    e = env(1);
    pr = e.mutable_pull_response();
    for (quint64 seq = 3; seq <= 5; ++seq) {
        auto *ev = pr->add_events();
        ev->set_conversation_id(200);
        ev->set_seq(seq);
        ev->set_id(3000 + seq);
        ev->set_sender_id(2);
        ev->set_kind(proto::EVENT_GROUP);
        proto::EventBody body;
        auto *g = body.mutable_group();
        g->set_op(seq == 5 ? proto::GroupChange::OP_REMOVED : proto::GroupChange::OP_RENAMED);
        g->mutable_actor()->set_user("bob");
        g->add_targets()->set_user("alice");
        g->set_text("name " + std::to_string(seq));
        g->set_version(seq);
        ev->set_body(body.SerializeAsString());
    }
    head = pr->add_heads();
    head->set_conversation_id(200);
    head->set_last_seq(5);
    frame(t, "pull-group", e);
    e = env(1);
    auto *gi = e.mutable_group_info();
    gi->set_conversation_id(200);
    gi->set_name("team");
    gi->add_members()->set_user("alice");
    gi->set_remark("mine");
    gi->set_pending_requests(1);
    frame(t, "group-info", e);
    // People on the feed: a request, a friend's new profile, a block of a
    // state this client does not know, the own profile and every setting.
    e = env(1);
    feed = e.mutable_feed_response();
    for (int i = 0; i < 3; ++i) {
        entry = feed->add_entries();
        entry->set_seq(20 + quint64(i));
        auto *c = entry->mutable_contact();
        c->mutable_user()->set_user_id(2 + quint64(i));
        c->mutable_user()->set_user(i == 0 ? "bob" : i == 1 ? "carol" : "dave");
        c->set_state(i == 0 ? proto::CONTACT_INCOMING
                : i == 1    ? proto::CONTACT_FRIEND
                            : proto::ContactState(9));
        c->set_note("hi");
        c->set_display_name("Carol C");
        c->set_blocked(i == 2);
        c->set_since_ms(1700000000000);
    }
    entry = feed->add_entries();
    entry->set_seq(23);
    entry->mutable_profile()->set_display_name("Alice L.");
    entry->mutable_profile()->set_status("away");
    entry = feed->add_entries();
    entry->set_seq(24);
    entry->mutable_settings()->set_presence_off(true);
    entry->mutable_settings()->set_message_policy(proto::MESSAGES_FRIENDS);
    feed->set_feed_seq(24);
    frame(t, "feed-people", e);
    // Requests, decisions and a remark on the feed; a nickname event.
    e = env(1);
    feed = e.mutable_feed_response();
    entry = feed->add_entries();
    entry->set_seq(5);
    auto *jr = entry->mutable_join_request();
    jr->set_conversation_id(200);
    jr->mutable_user()->set_user_id(3);
    jr->mutable_user()->set_user("carol");
    jr->set_note("hi");
    entry = feed->add_entries();
    entry->set_seq(6);
    auto *jd = entry->mutable_join_decision();
    jd->set_conversation_id(200);
    jd->mutable_user()->set_user_id(3);
    jd->set_approved(true);
    entry = feed->add_entries();
    entry->set_seq(7);
    entry->mutable_remark()->set_conversation_id(200);
    entry->mutable_remark()->set_text("note");
    feed->set_feed_seq(7);
    frame(t, "feed-joins", e);
    e = env(1);
    pr = e.mutable_pull_response();
    {
        auto *ev = pr->add_events();
        ev->set_conversation_id(200);
        ev->set_seq(6);
        ev->set_sender_id(2);
        ev->set_kind(proto::EVENT_GROUP);
        proto::EventBody body;
        body.mutable_group()->set_op(proto::GroupChange::OP_NICKNAME);
        body.mutable_group()->mutable_actor()->set_user_id(2);
        body.mutable_group()->set_text("B");
        ev->set_body(body.SerializeAsString());
    }
    frame(t, "pull-nickname", e);
    e = env(1);
    e.mutable_group_search()->add_groups()->set_name("team");
    e.mutable_group_requests()->add_requests()->set_note("x");
    frame(t, "group-search", e);
    e = env(1);
    {
        auto *r = e.mutable_receipts()->add_receipts();
        r->set_seq(3);
        r->set_read(2);
        r->set_of(1); // more read than it went to: shown as read by all
        r->add_by()->set_user("bob");
        e.mutable_receipts()->set_hidden(true);
    }
    frame(t, "receipts", e);
    e = env(0);
    e.mutable_receipt_notify()->set_conversation_id(100);
    e.mutable_receipt_notify()->set_seq(5);
    frame(t, "receipt-notify", e);
    e = env(1);
    {
        auto *entry2 = e.mutable_feed_response()->add_entries();
        entry2->set_seq(2);
        entry2->mutable_settings()->set_receipts_off(true);
    }
    frame(t, "feed-settings", e);

    e = env(1);
    auto *auth = e.mutable_auth();
    auth->set_user_id(1);
    auth->set_user("alice");
    auth->set_device_id(10);
    frame(t, "auth", e);
    e = env(1);
    auto *dev = e.mutable_devices()->add_devices();
    dev->set_id(10);
    dev->set_name("laptop");
    dev->set_current(true);
    frame(t, "devices", e);
    e = env(1);
    e.mutable_ok();
    frame(t, "ok", e);
    const proto::ErrorCode codes[] = { proto::AUTH_FAILED, proto::RATE_LIMITED, proto::INTERNAL,
        proto::NOT_FOUND, proto::TOO_LARGE, proto::UNAUTHENTICATED };
    for (proto::ErrorCode c : codes) {
        e = makeError(1, c, QStringLiteral("error"));
        frame(t, QStringLiteral("error-%1").arg(int(c)), e);
    }
    write(t, "garbage", QByteArray("\x08\x01\x10\xff\xff", 5));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_ROOT\n", argv[0]);
        return 2;
    }
    g_root = QString::fromLocal8Bit(argv[1]);
    serverRequests();
    clientResponses();
    write("fuzz_frame", "empty", QByteArray());
    write("fuzz_frame", "garbage", QByteArray("\x0a\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11));
    write("fuzz_frame", "deep-unknown", QByteArray(200, '\x0b'));
    return 0;
}
