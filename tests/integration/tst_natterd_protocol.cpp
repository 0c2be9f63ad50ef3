// Black-box tests of the real natterd binary: accounts, devices, messaging,
// feed, malformed input. Started on an ephemeral port with a temporary data
// directory; stopped by its own QProcess (SIGTERM), never by name.
#include "tst_natterd_harness.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

class TestNatterdProtocol : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    Natterd m_server;
    int m_userCounter = 0;

    // Registers a fresh user on its own connection.
    std::unique_ptr<Client> newUser(const std::string &name, proto::AuthResponse *auth = nullptr)
    {
        auto c = std::make_unique<Client>();
        if (!c->open(m_server.url()))
            return nullptr;
        const proto::Envelope r = c->call(registerReq(name));
        if (r.body_case() != proto::Envelope::kAuth)
            return nullptr;
        if (auth)
            *auth = r.auth();
        return c;
    }
    std::unique_ptr<Client> loggedIn(const std::string &name, proto::AuthResponse *auth = nullptr)
    {
        auto c = std::make_unique<Client>();
        if (!c->open(m_server.url()))
            return nullptr;
        const proto::Envelope r = c->call(loginReq(name));
        if (r.body_case() != proto::Envelope::kAuth)
            return nullptr;
        if (auth)
            *auth = r.auth();
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // Three network threads, whatever the machine: connections land on
        // different threads round robin, so notifies and replies cross threads.
        QVERIFY2(m_server.start(m_tmp.filePath("main"), kFastConfig + "[network]\nthreads=3\n"),
            m_server.stderrText());
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

    void registerLoginResume()
    {
        Client c;
        QVERIFY(c.open(m_server.url()));
        proto::Envelope r = c.call(registerReq("alice", "password123", "laptop"));
        QCOMPARE(r.body_case(), proto::Envelope::kAuth);
        QCOMPARE(r.auth().user(), std::string("alice"));
        QVERIFY(r.auth().user_id() != 0);
        QVERIFY(r.auth().device_id() != 0);
        const std::string token = r.auth().token();
        const quint64 aliceId = r.auth().user_id();
        QVERIFY(!token.empty());

        Client d;
        QVERIFY(d.open(m_server.url()));
        QCOMPARE(errorOf(d.call(registerReq("alice"))), proto::USER_EXISTS);
        QCOMPARE(errorOf(d.call(registerReq("Bad Name"))), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(d.call(registerReq("shortpw", "short"))), proto::INVALID_ARGUMENT);
        const proto::Envelope wrongPw = d.call(loginReq("alice", "wrong-password"));
        const proto::Envelope noUser = d.call(loginReq("nobody", "password123"));
        QCOMPARE(errorOf(wrongPw), proto::AUTH_FAILED);
        QCOMPARE(errorOf(noUser), proto::AUTH_FAILED);
        QCOMPARE(wrongPw.error().message(), noUser.error().message());
        QCOMPARE(errorOf(d.call(devicesReq())), proto::UNAUTHENTICATED);

        r = d.call(loginReq("alice"));
        QCOMPARE(r.body_case(), proto::Envelope::kAuth);
        QCOMPARE(r.auth().user_id(), aliceId);
        QVERIFY(!r.auth().token().empty());
        QVERIFY(r.auth().token() != token);

        Client e;
        QVERIFY(e.open(m_server.url()));
        QCOMPARE(errorOf(e.call(resumeReq("123.bogus"))), proto::AUTH_FAILED);
        QCOMPARE(errorOf(e.call(resumeReq("garbage"))), proto::AUTH_FAILED);
        r = e.call(resumeReq(token));
        QCOMPARE(r.body_case(), proto::Envelope::kAuth);
        QCOMPARE(r.auth().user(), std::string("alice"));
        QVERIFY(r.auth().token().empty());
        QCOMPARE(e.call(devicesReq()).body_case(), proto::Envelope::kDevices);
    }

    void unauthenticatedRequests()
    {
        Client c;
        QVERIFY(c.open(m_server.url()));
        QCOMPARE(errorOf(c.call(pullReq(1, 0))), proto::UNAUTHENTICATED);
        QCOMPARE(errorOf(c.call(sendTo("alice", "x", "hi"))), proto::UNAUTHENTICATED);
        QCOMPARE(errorOf(c.call(feedPullReq(0))), proto::UNAUTHENTICATED);
    }

    void devicesRevokeLogout()
    {
        proto::AuthResponse a1, a2, a3;
        auto c1 = newUser("dora", &a1);
        QVERIFY(c1);
        auto c2 = loggedIn("dora", &a2);
        QVERIFY(c2);
        auto c3 = loggedIn("dora", &a3);
        QVERIFY(c3);

        proto::Envelope r = c1->call(devicesReq());
        QCOMPARE(r.body_case(), proto::Envelope::kDevices);
        QCOMPARE(r.devices().devices_size(), 3);
        int current = 0;
        for (const auto &d : r.devices().devices()) {
            QVERIFY(d.created_ms() > 0);
            QVERIFY(!d.revoked());
            if (d.current()) {
                ++current;
                QCOMPARE(d.id(), a1.device_id());
            }
        }
        QCOMPARE(current, 1);

        // Revoke c2 from c1: c2 is cut off at once and its token is dead.
        proto::Envelope revoke;
        revoke.mutable_revoke_device()->set_device_id(a2.device_id());
        QCOMPARE(c1->call(revoke).body_case(), proto::Envelope::kOk);
        QVERIFY(c2->waitClosed());
        Client again;
        QVERIFY(again.open(m_server.url()));
        QCOMPARE(errorOf(again.call(resumeReq(a2.token()))), proto::AUTH_FAILED);

        revoke.mutable_revoke_device()->set_device_id(12345);
        QCOMPARE(errorOf(c1->call(revoke)), proto::NOT_FOUND);
        proto::AuthResponse other;
        auto stranger = newUser("ernie", &other);
        QVERIFY(stranger);
        revoke.mutable_revoke_device()->set_device_id(other.device_id());
        QCOMPARE(errorOf(c1->call(revoke)), proto::NOT_FOUND);

        r = c1->call(devicesReq());
        int revoked = 0;
        for (const auto &d : r.devices().devices())
            revoked += d.revoked() ? 1 : 0;
        QCOMPARE(revoked, 1);

        // Logout revokes the calling device and closes its socket.
        proto::Envelope logout;
        logout.mutable_logout();
        QCOMPARE(c3->call(logout).body_case(), proto::Envelope::kOk);
        QVERIFY(c3->waitClosed());
        QCOMPARE(errorOf(again.call(resumeReq(a3.token()))), proto::AUTH_FAILED);
        // The first device is untouched.
        QCOMPARE(c1->call(devicesReq()).body_case(), proto::Envelope::kDevices);
    }

    void sendAckNotifyPullFeed()
    {
        proto::AuthResponse b1auth, b2auth, carolAuth;
        auto bob1 = newUser("bob", &b1auth);
        QVERIFY(bob1);
        auto bob2 = loggedIn("bob", &b2auth);
        QVERIFY(bob2);
        auto carol = newUser("carol", &carolAuth);
        QVERIFY(carol);

        const QString text = QString::fromUtf8("hello Carol \xF0\x9F\x91\x8B");
        const proto::Envelope send = sendTo("carol", "m-1", text);
        proto::Envelope r = bob1->call(send);
        QCOMPARE(r.body_case(), proto::Envelope::kAck);
        const proto::SendAck ack = r.ack();
        QCOMPARE(ack.client_id(), std::string("m-1"));
        QCOMPARE(ack.seq(), 2u); // seq 1 is the creation event
        QVERIFY(ack.id() != 0);
        QVERIFY(ack.time_ms() > 0);
        const quint64 conv = ack.conversation_id();

        // A retry returns the original ack.
        r = bob1->call(send);
        QCOMPARE(r.body_case(), proto::Envelope::kAck);
        QCOMPARE(r.ack().seq(), ack.seq());
        QCOMPARE(r.ack().id(), ack.id());
        QCOMPARE(r.ack().time_ms(), ack.time_ms());
        QCOMPARE(r.ack().conversation_id(), conv);

        // Notify reaches carol and bob's other device, not the sending device.
        auto notified = [&](Client &c) {
            for (const auto &e : c.pushes(proto::Envelope::kNotify))
                if (e.notify().conversation_id() == conv && e.notify().seq() == 2)
                    return true;
            return false;
        };
        QTRY_VERIFY(notified(*carol));
        QTRY_VERIFY(notified(*bob2));
        QTRY_VERIFY(!carol->pushes(proto::Envelope::kFeedNotify).isEmpty());
        QTest::qWait(200);
        QVERIFY(bob1->pushes(proto::Envelope::kNotify).isEmpty());
        QVERIFY(encodeEnvelope(carol->pushes(proto::Envelope::kNotify).first()).size() < 64);

        // The same direct conversation is reused in both directions.
        r = carol->call(sendTo("bob", "c-1", "hi bob"));
        QCOMPARE(r.ack().conversation_id(), conv);
        QCOMPARE(r.ack().seq(), 3u);
        for (int i = 0; i < 5; ++i) {
            r = bob2->call(sendIn(conv, "b2-" + std::to_string(i), QString("msg %1").arg(i)));
            QCOMPARE(r.ack().seq(), 4u + i);
        }

        // Pull: gapless, ascending, bodies byte-for-byte.
        r = carol->call(pullReq(conv, 0));
        QCOMPARE(r.body_case(), proto::Envelope::kPullResponse);
        const auto &events = r.pull_response().events();
        QCOMPARE(events.size(), 8);
        for (int i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].seq(), quint64(i + 1));
        QCOMPARE(events[0].kind(), proto::EVENT_CREATED);
        QCOMPARE(events[1].kind(), proto::EVENT_MESSAGE);
        QCOMPARE(events[1].body(), send.send().body());
        QCOMPARE(events[1].sender_id(), b1auth.user_id());
        QCOMPARE(events[1].sender_device(), b1auth.device_id());
        QCOMPARE(events[1].client_id(), std::string("m-1"));
        QCOMPARE(events[1].id(), ack.id());
        QCOMPARE(r.pull_response().heads_size(), 1);
        QCOMPARE(r.pull_response().heads(0).last_seq(), 8u);
        r = carol->call(pullReq(conv, 5, 2));
        QCOMPARE(r.pull_response().events_size(), 2);
        QCOMPARE(r.pull_response().events(0).seq(), 6u);

        // Feed: the conversation joined, then a read position.
        r = carol->call(feedPullReq(0));
        QCOMPARE(r.body_case(), proto::Envelope::kFeedResponse);
        QCOMPARE(r.feed_response().entries_size(), 1);
        const auto &joined = r.feed_response().entries(0).joined();
        QCOMPARE(joined.conversation_id(), conv);
        QCOMPARE(joined.kind(), proto::DIRECT);
        QCOMPARE(joined.members_size(), 2);
        QCOMPARE(r.feed_response().heads_size(), 1);
        QCOMPARE(r.feed_response().heads(0).last_seq(), 8u);
        const quint64 feedSeq = r.feed_response().feed_seq();

        auto carol2 = loggedIn("carol");
        QVERIFY(carol2);
        proto::Envelope mark;
        mark.mutable_mark_read()->set_conversation_id(conv);
        mark.mutable_mark_read()->set_seq(1000); // clamped to the head
        QCOMPARE(carol->call(mark).body_case(), proto::Envelope::kOk);
        QTRY_VERIFY(!carol2->pushes(proto::Envelope::kFeedNotify).isEmpty());
        r = carol2->call(feedPullReq(feedSeq));
        QCOMPARE(r.feed_response().entries_size(), 1);
        QCOMPARE(r.feed_response().entries(0).read().conversation_id(), conv);
        QCOMPARE(r.feed_response().entries(0).read().seq(), 8u);
        QCOMPARE(r.feed_response().feed_seq(), feedSeq + 1);
        // Marking an older position changes nothing.
        mark.mutable_mark_read()->set_seq(3);
        QCOMPARE(carol->call(mark).body_case(), proto::Envelope::kOk);
        QCOMPARE(carol2->call(feedPullReq(feedSeq + 1)).feed_response().entries_size(), 0);

        // Errors.
        QCOMPARE(
            errorOf(bob1->call(sendTo("carol", "long", QString(8001, 'x')))), proto::TOO_LARGE);
        QCOMPARE(errorOf(bob1->call(sendTo("carol", "empty", ""))), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(bob1->call(sendTo("bob", "self", "me"))), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(bob1->call(sendTo("nobody-here", "nf", "x"))), proto::NOT_FOUND);
        QCOMPARE(errorOf(bob1->call(sendTo("carol", "", "x"))), proto::INVALID_ARGUMENT);
        QCOMPARE(errorOf(bob1->call(sendIn(999, "nf2", "x"))), proto::NOT_FOUND);
        proto::Envelope noText = sendTo("carol", "nt", "x");
        noText.mutable_send()->set_body("\x0a\x00", 2); // text field set but empty
        QCOMPARE(errorOf(bob1->call(noText)), proto::INVALID_ARGUMENT);

        auto dave = newUser("dave");
        QVERIFY(dave);
        QCOMPARE(errorOf(dave->call(pullReq(conv, 0))), proto::FORBIDDEN);
        QCOMPARE(errorOf(dave->call(sendIn(conv, "d-1", "let me in"))), proto::FORBIDDEN);
        mark.mutable_mark_read()->set_seq(1);
        QCOMPARE(errorOf(dave->call(mark)), proto::FORBIDDEN);
        // Nothing leaked into the conversation.
        r = carol->call(pullReq(conv, 0));
        QCOMPARE(r.pull_response().events_size(), 8);
    }

    void malformedAndVersion()
    {
        auto c = newUser("frank");
        QVERIFY(c);
        c->ws.sendBinaryMessage(QByteArray("\xff\xff\xff\xff\xff", 5));
        proto::Envelope r = c->waitFor(0);
        QCOMPARE(errorOf(r), proto::BAD_REQUEST);
        proto::Envelope wrong = devicesReq();
        wrong.set_version(kProtocolVersion + 1);
        wrong.set_request_id(77);
        c->ws.sendBinaryMessage(encodeEnvelope(wrong));
        r = c->waitFor(77);
        QCOMPARE(errorOf(r), proto::UNSUPPORTED_VERSION);
        proto::Envelope notARequest;
        notARequest.mutable_ok();
        QCOMPARE(errorOf(c->call(notARequest)), proto::BAD_REQUEST);

        // Random bytes and mutated valid frames: answered or ignored, never a crash.
        QRandomGenerator rng(20260101);
        const QByteArray valid = encodeEnvelope(sendTo("frank", "fuzz", "fuzz"));
        for (int i = 0; i < 300; ++i) {
            QByteArray frame = valid;
            if (i % 2) {
                frame.resize(rng.bounded(1, 200));
                for (char &ch : frame)
                    ch = char(rng.bounded(256));
            } else {
                for (int k = 0; k < 3; ++k)
                    frame[rng.bounded(int(frame.size()))] = char(rng.bounded(256));
            }
            c->ws.sendBinaryMessage(frame);
        }
        // Still served.
        QCOMPARE(c->call(devicesReq()).body_case(), proto::Envelope::kDevices);
        QCOMPARE(c->ws.state(), QAbstractSocket::ConnectedState);
    }

    void textFrameCloses()
    {
        auto c = newUser("gina");
        QVERIFY(c);
        c->ws.sendTextMessage("hello");
        QVERIFY(c->waitClosed());
        QCOMPARE(c->ws.closeCode(), QWebSocketProtocol::CloseCodeDatatypeNotSupported);
    }

    void oversizedFrameCloses()
    {
        auto big = newUser("hank");
        QVERIFY(big);
        auto other = newUser("ivy");
        QVERIFY(other);
        big->ws.sendBinaryMessage(QByteArray(70 * 1024, 'x'));
        QVERIFY(big->waitClosed());
        QCOMPARE(big->ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QCOMPARE(other->call(sendTo("hank", "after-big", "still here")).body_case(),
            proto::Envelope::kAck);
    }
};

QTEST_GUILESS_MAIN(TestNatterdProtocol)
#include "tst_natterd_protocol.moc"
