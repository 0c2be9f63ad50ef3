// The server's account and conversation rules on a real database (the
// writer's connection, cache included): idempotent send, gapless seqs,
// direct conversation reuse, feed entries, relations and who may use them,
// the content rules, devices and tokens, passwords.
#include "ServerTestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/Credentials.h"
#include "common/Requester.h"
#include "conversations/ConversationService.h"
#include "storage/TransactionGuard.h"

#include <QTest>

using namespace natter;
using namespace natter::server;
using namespace natter::server::test;

class TestServerServices : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StorageBackend> m_backend;
    std::unique_ptr<WriterStorage> m_db;
    Snowflake m_ids { 1 };
    Actor m_alice, m_bob, m_carol;
    const ContentRules m_rules = ContentRules::standard();
    const ContentLimits m_limits { 8000 };

    Actor makeUser(const char *name)
    {
        const AuthResult r = Accounts::createAccount(
            *m_db, m_ids, name, "hash", "dev", Credentials::hashSecret("secret"), 1000);
        return { r.userId, r.deviceId };
    }
    SendResult send(const Actor &who, const proto::SendRequest &request, qint64 now = 1)
    {
        return ConversationService::send(*m_db, m_ids, who, request, now);
    }
    ServiceError validate(const proto::SendRequest &request)
    {
        return ConversationService::validateSend(request, m_rules, m_limits);
    }
    static proto::SendRequest related(quint64 conversation, const char *clientId,
        proto::RelationType type, quint64 seq, const char *text = "re", const char *key = "")
    {
        proto::SendRequest r = sendIn(conversation, clientId, text);
        if (!*text)
            r.clear_body();
        r.mutable_relates_to()->set_type(type);
        r.mutable_relates_to()->set_seq(seq);
        r.mutable_relates_to()->set_key(key);
        return r;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_backend = freshBackend(m_dir);
        m_db = m_backend->openWriter();
        m_alice = makeUser("alice");
        m_bob = makeUser("bob");
        m_carol = makeUser("carol");
    }
    void cleanup()
    {
        m_db.reset();
        m_backend.reset();
    }

    void userExists()
    {
        const AuthResult r = Accounts::createAccount(*m_db, m_ids, "alice", "h", "d", "t", 1);
        QCOMPARE(r.error.code, proto::USER_EXISTS);
    }

    void sendCreatesDirectConversationOnce()
    {
        const SendResult first = send(m_alice, sendTo("bob", "c1"), 2000);
        QVERIFY(!first.error);
        QCOMPARE(first.ack.seq(), 2u);
        QCOMPARE(first.fanout.feedNotifies.size(), 2); // both members joined
        QCOMPARE(first.fanout.notifies.size(), 1);
        QCOMPARE(first.fanout.notifies[0].exceptDevice, m_alice.deviceId);
        QCOMPARE(first.fanout.notifies[0].userIds.size(), 2);
        const quint64 conv = first.ack.conversation_id();

        // The same client id from another sender is another message.
        const SendResult back = send(m_bob, sendTo("alice", "c1"), 2001);
        QVERIFY(!back.error);
        QCOMPARE(back.ack.conversation_id(), conv);
        QCOMPARE(back.ack.seq(), 3u);
        QVERIFY(back.fanout.feedNotifies.isEmpty());
        // Later messages name the conversation.
        QCOMPARE(send(m_bob, sendIn(conv, "c2")).ack.seq(), 4u);

        const QList<EventRow> events = m_db->events().after(conv, 0, 100);
        QCOMPARE(events.size(), 4);
        QCOMPARE(events[0].kind, int(proto::EVENT_CREATED));
        QCOMPARE(events[0].senderId, m_alice.userId);
        QCOMPARE(m_db->conversations().members(conv).size(), 2);
    }

    void sendIsIdempotent()
    {
        const SendResult a = send(m_alice, sendTo("bob", "same"), 2000);
        const SendResult b = send(m_alice, sendTo("bob", "same", "different text"), 9999);
        QVERIFY(b.duplicate);
        QCOMPARE(b.ack.seq(), a.ack.seq());
        QCOMPARE(b.ack.id(), a.ack.id());
        QCOMPARE(b.ack.time_ms(), a.ack.time_ms());
        QVERIFY(b.fanout.isEmpty());
        QCOMPARE(m_db->events().after(a.ack.conversation_id(), 0, 100).size(), 2);
    }

    void seqsAreGapless()
    {
        const quint64 conv = send(m_alice, sendTo("bob", "g0")).ack.conversation_id();
        for (int i = 1; i <= 50; ++i) {
            const QByteArray cid = "g" + QByteArray::number(i);
            const SendResult r
                = send(i % 2 ? m_bob : m_alice, sendIn(conv, cid.constData()), 1 + i);
            QVERIFY(!r.error);
            QCOMPARE(r.ack.seq(), quint64(i + 2));
        }
        const QList<EventRow> events = m_db->events().after(conv, 0, 1000);
        QCOMPARE(events.size(), 52);
        for (int i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].seq, quint64(i + 1));
        QCOMPARE(m_db->conversations().byId(conv)->lastSeq, 52u);

        proto::PullRequest pull;
        auto *range = pull.add_ranges();
        range->set_conversation_id(conv);
        range->set_after_seq(10);
        range->set_limit(5);
        const PullResult p = ConversationService::pull(*m_db, m_alice, pull);
        QVERIFY(!p.error);
        QCOMPARE(p.response.events_size(), 5);
        QCOMPARE(p.response.events(0).seq(), 11u);
        QCOMPARE(p.response.heads(0).last_seq(), 52u);
    }

    void errors()
    {
        QCOMPARE(send(m_alice, sendTo("nobody", "e1")).error.code, proto::NOT_FOUND);
        QCOMPARE(send(m_alice, sendTo("alice", "e2")).error.code, proto::INVALID_ARGUMENT);
        QCOMPARE(send(m_alice, sendIn(42, "e3")).error.code, proto::NOT_FOUND);
        const quint64 conv = send(m_alice, sendTo("bob", "e4")).ack.conversation_id();
        const SendResult outsider = send(m_carol, sendIn(conv, "e5"));
        QCOMPARE(outsider.error.code, proto::FORBIDDEN);
        QCOMPARE(outsider.error.message, QStringLiteral("not a member"));
        proto::PullRequest pull;
        pull.add_ranges()->set_conversation_id(conv);
        QCOMPARE(ConversationService::pull(*m_db, m_carol, pull).error.code, proto::FORBIDDEN);
        pull.mutable_ranges(0)->set_conversation_id(43);
        QCOMPARE(ConversationService::pull(*m_db, m_alice, pull).error.code, proto::NOT_FOUND);

        QCOMPARE(validate(sendTo("bob", "")).code, proto::INVALID_ARGUMENT);
        QCOMPARE(validate(sendTo("bob", "x", "")).code, proto::INVALID_ARGUMENT);
        const std::string longText(8001, 'x');
        QCOMPARE(validate(sendTo("bob", "x", longText.c_str())).code, proto::TOO_LARGE);
        proto::SendRequest garbage = sendTo("bob", "x");
        garbage.set_body("\xff\xff\xff");
        QCOMPARE(validate(garbage).code, proto::INVALID_ARGUMENT);
        proto::SendRequest nowhere = sendTo("bob", "x");
        nowhere.clear_target();
        QCOMPARE(validate(nowhere).code, proto::INVALID_ARGUMENT);
        QVERIFY(!validate(sendTo("bob", "x", "ok")));
    }

    // Each kind of body needs a validator; without one it is refused.
    void contentRules()
    {
        proto::EventBody text;
        text.mutable_text()->set_text("hello");
        QVERIFY(!m_rules.validate(text, m_limits));
        QVERIFY(m_rules.accepts(proto::EventBody::kText));
        QVERIFY(!m_rules.accepts(proto::EventBody::CONTENT_NOT_SET));
        QCOMPARE(m_rules.validate(proto::EventBody(), m_limits).code, proto::INVALID_ARGUMENT);
        const ContentRules none;
        QCOMPARE(none.validate(text, m_limits).code, proto::INVALID_ARGUMENT);
        QCOMPARE(m_rules.validate(text, ContentLimits { 3 }).code, proto::TOO_LARGE);
    }

    void relations()
    {
        const quint64 conv = send(m_alice, sendTo("bob", "m1", "alice's")).ack.conversation_id();
        QCOMPARE(send(m_bob, sendIn(conv, "m2", "bob's")).ack.seq(), 3u);
        // Any member replies to and reacts on any message...
        const SendResult reply = send(m_bob, related(conv, "r1", proto::RELATION_REPLY, 2));
        QVERIFY(!reply.error);
        QCOMPARE(
            send(m_alice, related(conv, "r2", proto::RELATION_ANNOTATE, 3, "", "👍")).error.code,
            proto::ERROR_NONE);
        // ...but edits and recalls only their own.
        QVERIFY(!send(m_alice, related(conv, "r3", proto::RELATION_REPLACE, 2, "edited")).error);
        const SendResult notMine = send(m_alice, related(conv, "r4", proto::RELATION_REPLACE, 3));
        QCOMPARE(notMine.error.code, proto::FORBIDDEN);
        QCOMPARE(send(m_alice, related(conv, "r5", proto::RELATION_REDACT, 3, "")).error.code,
            proto::FORBIDDEN);
        QVERIFY(!send(m_bob, related(conv, "r6", proto::RELATION_REDACT, 3, "")).error);
        // Targets are message lines of this conversation.
        QCOMPARE(send(m_alice, related(conv, "r7", proto::RELATION_REPLY, 1)).error.code,
            proto::NOT_FOUND); // the "created" event
        QCOMPARE(send(m_alice, related(conv, "r8", proto::RELATION_REPLY, 99)).error.code,
            proto::NOT_FOUND);
        QCOMPARE(send(m_bob, related(conv, "r9", proto::RELATION_REPLY, 5)).error.code,
            proto::NOT_FOUND); // 5 is a reaction
        QCOMPARE(send(m_carol, related(conv, "r10", proto::RELATION_REPLY, 2)).error.code,
            proto::FORBIDDEN);
        // What was stored is what a pull returns.
        proto::PullRequest pull;
        pull.add_ranges()->set_conversation_id(conv);
        const PullResult p = ConversationService::pull(*m_db, m_bob, pull);
        const proto::Event &stored = p.response.events(int(reply.ack.seq()) - 1);
        QCOMPARE(stored.relates_to().type(), proto::RELATION_REPLY);
        QCOMPARE(stored.relates_to().seq(), 2u);
        QCOMPARE(p.response.events(4).relates_to().key(), std::string("👍"));
        QVERIFY(!p.response.events(1).has_relates_to());

        // The relation's shape is checked before the database.
        QCOMPARE(
            validate(related(conv, "v1", proto::RELATION_REPLY, 0)).code, proto::INVALID_ARGUMENT);
        QCOMPARE(validate(related(conv, "v2", proto::RELATION_ANNOTATE, 2, "")).code,
            proto::INVALID_ARGUMENT); // no key
        QCOMPARE(validate(related(conv, "v3", proto::RELATION_ANNOTATE, 2, "text", "👍")).code,
            proto::INVALID_ARGUMENT); // a body
        QCOMPARE(validate(related(conv, "v4", proto::RELATION_REDACT, 2, "why")).code,
            proto::INVALID_ARGUMENT);
        QCOMPARE(validate(related(conv, "v5", proto::RELATION_REPLY, 2, "re", "k")).code,
            proto::INVALID_ARGUMENT);
        QCOMPARE(validate(related(conv, "v6", proto::RelationType(77), 2)).code,
            proto::INVALID_ARGUMENT);
        QVERIFY(!validate(related(conv, "v7", proto::RELATION_REDACT, 2, "")));
    }

    void feedEntries()
    {
        const quint64 conv = send(m_alice, sendTo("bob", "f1"), 5000).ack.conversation_id();
        proto::FeedPullResponse feed
            = ConversationService::feedPull(*m_db, m_bob, proto::FeedPullRequest());
        QCOMPARE(feed.entries_size(), 1);
        QCOMPARE(feed.entries(0).seq(), 1u);
        QCOMPARE(feed.entries(0).joined().conversation_id(), conv);
        QCOMPARE(feed.entries(0).joined().members_size(), 2);
        QCOMPARE(feed.feed_seq(), 1u);
        QCOMPARE(feed.heads_size(), 1);
        QCOMPARE(feed.heads(0).last_seq(), 2u);

        proto::MarkReadRequest mark;
        mark.set_conversation_id(conv);
        mark.set_seq(100);
        MarkReadResult m = ConversationService::markRead(*m_db, m_bob, mark, 6000);
        QVERIFY(!m.error);
        QCOMPARE(m.fanout.feedNotifies.size(), 1);
        QCOMPARE(m.fanout.feedNotifies[0].seq, 2u);
        m = ConversationService::markRead(*m_db, m_bob, mark, 6001); // no change
        QVERIFY(m.fanout.isEmpty());
        QCOMPARE(
            ConversationService::markRead(*m_db, m_carol, mark, 1).error.code, proto::FORBIDDEN);
        mark.set_conversation_id(44);
        QCOMPARE(ConversationService::markRead(*m_db, m_bob, mark, 1).error.code, proto::NOT_FOUND);

        proto::FeedPullRequest after;
        after.set_after_seq(1);
        feed = ConversationService::feedPull(*m_db, m_bob, after);
        QCOMPARE(feed.entries_size(), 1);
        QCOMPARE(feed.entries(0).read().seq(), 2u); // clamped to the head
        QCOMPARE(feed.entries(0).time_ms(), 6000);
    }

    // A refused or failed op is rolled back to its savepoint; the writer's
    // cache must not remember what it wrote.
    void rolledBackSendsLeaveNoTrace()
    {
        m_db->begin();
        m_db->savepoint();
        const SendResult lost = send(m_alice, sendTo("bob", "r1"));
        QVERIFY(!lost.error);
        const quint64 lostConversation = lost.ack.conversation_id();
        m_db->rollbackToSavepoint();
        m_db->releaseSavepoint();
        QVERIFY(!m_db->conversations().byId(lostConversation));
        QVERIFY(!m_db->conversations().directByKey(
            ConversationService::directKey(m_alice.userId, m_bob.userId)));
        const SendResult first = send(m_alice, sendTo("bob", "r2"));
        QVERIFY(first.ack.conversation_id() != lostConversation);
        QCOMPARE(first.ack.seq(), quint64(2)); // 1 is the "created" event
        m_db->commit();

        const quint64 conversation = first.ack.conversation_id();
        m_db->begin();
        m_db->savepoint();
        QCOMPARE(send(m_alice, sendIn(conversation, "r3")).ack.seq(), 3u);
        m_db->rollbackToSavepoint();
        m_db->releaseSavepoint();
        QCOMPARE(send(m_bob, sendIn(conversation, "r4")).ack.seq(), 3u);
        m_db->commit();
    }

    void devicesAndTokens()
    {
        const QByteArray secret = Credentials::newSecret();
        const AuthResult d = Accounts::addDevice(
            *m_db, m_ids, m_alice.userId, "phone", Credentials::hashSecret(secret), {}, 10);
        QVERIFY(!d.error);
        const QString token = Credentials::makeToken(d.deviceId, secret);
        quint64 id = 0;
        QByteArray parsed;
        QVERIFY(Credentials::parseToken(token, &id, &parsed));
        QCOMPARE(id, d.deviceId);
        QVERIFY(!Accounts::resume(*m_db, id, Credentials::hashSecret(parsed), 20).error);
        QCOMPARE(Accounts::resume(*m_db, id, Credentials::hashSecret("nope"), 20).error.code,
            proto::AUTH_FAILED);
        QCOMPARE(m_db->devices().byId(id)->lastSeenMs, 20);

        Fanout fanout;
        QCOMPARE(Accounts::revoke(*m_db, m_bob.userId, id, &fanout).code, proto::NOT_FOUND);
        QVERIFY(!Accounts::revoke(*m_db, m_alice.userId, id, &fanout));
        QCOMPARE(fanout.closeDevices, QList<quint64> { id });
        QCOMPARE(Accounts::resume(*m_db, id, Credentials::hashSecret(parsed), 30).error.code,
            proto::AUTH_FAILED);
        const proto::DevicesResponse list = Accounts::devices(*m_db, m_alice.userId, id);
        QCOMPARE(list.devices_size(), 2);
        QVERIFY(list.devices(1).revoked());
        QVERIFY(list.devices(1).current());
    }

    // A storage failure reaches the client as what it is.
    void storageFailuresAreTyped()
    {
        struct Recorder final : ReplyChannel
        {
            QList<proto::Envelope> replies;
            void reply(int, quint64, proto::Envelope e) override { replies.append(e); }
            void signIn(int, quint64, quint64, const SignIn &) override { }
            void replyAndClose(int, quint64, proto::Envelope, const QString &) override { }
            void read(int, const DbOp &) override { }
        } channel;
        const Requester who { &channel, 0, 1, 77 };
        who.storageFailure(StorageError(StorageError::Kind::Duplicate, "UNIQUE constraint"));
        who.onStorageFailure()(StorageError(StorageError::Kind::Full, "disk"));
        who.storageFailure(StorageError("a bug"));
        QCOMPARE(channel.replies.size(), 3);
        QCOMPARE(channel.replies[0].request_id(), 77u);
        QCOMPARE(channel.replies[0].error().code(), proto::CONFLICT);
        QCOMPARE(channel.replies[1].error().code(), proto::INTERNAL);
        QVERIFY(QString::fromStdString(channel.replies[1].error().message()).contains("full"));
        QCOMPARE(channel.replies[2].error().code(), proto::INTERNAL);
    }

    void passwords()
    {
        QVERIFY(Credentials::init());
        const PwhashParams cheap { 1, 1 << 20 };
        const QByteArray hash = Credentials::hashPassword("correct horse", cheap);
        QVERIFY(hash.startsWith("$argon2id$"));
        QVERIFY(Credentials::verifyPassword(hash, "correct horse"));
        QVERIFY(!Credentials::verifyPassword(hash, "wrong horse"));
        QVERIFY(!Credentials::needsRehash(hash, cheap));
        QVERIFY(Credentials::needsRehash(hash, PwhashParams { 2, 2 << 20 }));
    }
};

QTEST_GUILESS_MAIN(TestServerServices)
#include "tst_server_services.moc"
