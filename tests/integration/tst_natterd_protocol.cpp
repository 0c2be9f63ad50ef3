// Black-box tests of the real natterd binary: started on an ephemeral port
// with a temporary data directory, spoken to over QWebSocket, stopped by
// its own QProcess (SIGTERM), never by name.
#include "protocol/Frame.h"
#include "protocol/Snowflake.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace natter;

namespace {

// One natterd process owned by the test.
class Natterd
{
public:
    ~Natterd() { kill(); }

    bool start(const QString &dataDir, const QString &configText = {})
    {
        QStringList args { "--listen", "127.0.0.1:0", "--data", dataDir };
        if (!configText.isEmpty()) {
            m_configPath = dataDir + "-natterd.ini";
            QFile f(m_configPath);
            if (!f.open(QIODevice::WriteOnly))
                return false;
            f.write(configText.toUtf8());
            f.close();
            args << "--config" << m_configPath;
        }
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(NATTERD_PATH, args);
        if (!m_process->waitForStarted(5000))
            return false;
        QByteArray line;
        QElapsedTimer timer;
        timer.start();
        while (!line.contains('\n') && timer.elapsed() < 10000) {
            if (m_process->state() == QProcess::NotRunning)
                return false;
            m_process->waitForReadyRead(100);
            line += m_process->readAllStandardOutput();
        }
        const QByteArray prefix = "listening on ws://";
        if (!line.startsWith(prefix))
            return false;
        m_url = QUrl(QString::fromLatin1(line.mid(prefix.size() - 5).trimmed()));
        return m_url.port() > 0;
    }

    // SIGTERM; returns the exit code (-1 on crash or timeout).
    int stop()
    {
        if (!m_process)
            return -1;
        m_process->terminate();
        if (!m_process->waitForFinished(15000))
            return -1;
        const int code
            = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
        m_process.reset();
        return code;
    }

    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        m_process.reset();
    }

    QUrl url() const { return m_url; }
    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    QByteArray stderrText() { return m_process ? m_process->readAllStandardError() : QByteArray(); }

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_configPath;
};

// A protocol client on a QWebSocket; collects every envelope it receives.
class Client
{
public:
    Client()
    {
        QObject::connect(&ws, &QWebSocket::binaryMessageReceived, [this](const QByteArray &m) {
            proto::Envelope env;
            if (env.ParseFromArray(m.constData(), int(m.size())))
                received.append(env);
        });
    }

    bool open(const QUrl &url)
    {
        QSignalSpy connected(&ws, &QWebSocket::connected);
        ws.open(url);
        return connected.wait(5000) || ws.state() == QAbstractSocket::ConnectedState;
    }

    quint64 post(proto::Envelope env)
    {
        env.set_version(kProtocolVersion);
        env.set_request_id(++lastId);
        ws.sendBinaryMessage(encodeEnvelope(env));
        return lastId;
    }

    // Sends a request and waits for its response.
    proto::Envelope call(const proto::Envelope &request, int timeoutMs = 10000)
    {
        const quint64 id = post(request);
        return waitFor(id, timeoutMs);
    }

    proto::Envelope waitFor(quint64 requestId, int timeoutMs = 10000)
    {
        proto::Envelope out;
        QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < received.size(); ++i) {
                    if (received[i].request_id() == requestId) {
                        out = received.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return out;
    }

    QList<proto::Envelope> pushes(proto::Envelope::BodyCase kind) const
    {
        QList<proto::Envelope> out;
        for (const auto &e : received)
            if (e.request_id() == 0 && e.body_case() == kind)
                out.append(e);
        return out;
    }

    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [&] { return ws.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

    QWebSocket ws;
    QList<proto::Envelope> received;
    quint64 lastId = 0;
};

proto::Envelope registerReq(const std::string &user, const std::string &password = "password123",
    const std::string &device = "dev")
{
    proto::Envelope env;
    auto *r = env.mutable_register_request();
    r->set_user(user);
    r->set_password(password);
    r->set_device_name(device);
    return env;
}

proto::Envelope loginReq(const std::string &user, const std::string &password = "password123",
    const std::string &device = "dev2")
{
    proto::Envelope env;
    auto *r = env.mutable_login();
    r->set_user(user);
    r->set_password(password);
    r->set_device_name(device);
    return env;
}

proto::Envelope resumeReq(const std::string &token)
{
    proto::Envelope env;
    env.mutable_resume()->set_token(token);
    return env;
}

std::string textBody(const QString &text)
{
    proto::EventBody body;
    body.mutable_text()->set_text(text.toStdString());
    return body.SerializeAsString();
}

proto::Envelope sendTo(const std::string &user, const std::string &clientId, const QString &text)
{
    proto::Envelope env;
    auto *s = env.mutable_send();
    s->set_client_id(clientId);
    s->set_to_user(user);
    s->set_body(textBody(text));
    return env;
}

proto::Envelope sendIn(quint64 conversationId, const std::string &clientId, const QString &text)
{
    proto::Envelope env;
    auto *s = env.mutable_send();
    s->set_client_id(clientId);
    s->set_conversation_id(conversationId);
    s->set_body(textBody(text));
    return env;
}

proto::Envelope pullReq(quint64 conversationId, quint64 afterSeq, quint32 limit = 0)
{
    proto::Envelope env;
    auto *r = env.mutable_pull()->add_ranges();
    r->set_conversation_id(conversationId);
    r->set_after_seq(afterSeq);
    r->set_limit(limit);
    return env;
}

proto::Envelope feedPullReq(quint64 afterSeq)
{
    proto::Envelope env;
    env.mutable_feed_pull()->set_after_seq(afterSeq);
    return env;
}

proto::Envelope devicesReq()
{
    proto::Envelope env;
    env.mutable_devices_request();
    return env;
}

proto::ErrorCode errorOf(const proto::Envelope &env)
{
    return env.body_case() == proto::Envelope::kError ? env.error().code() : proto::ERROR_NONE;
}

// Cheap Argon2id parameters keep the suite fast; production uses INTERACTIVE.
const QString kFastConfig = QStringLiteral("[auth]\npwhash_ops=1\npwhash_mem_bytes=1048576\n"
                                           "[limits]\nip_rate=1000\nip_burst=1000\n");

} // namespace

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
        QVERIFY2(m_server.start(m_tmp.filePath("main"), kFastConfig), m_server.stderrText());
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

    void idDecode()
    {
        const quint64 id = Snowflake::compose({ 1767225600123, 7, 42 });
        QProcess p;
        p.start(NATTERD_PATH, { "id", "decode", QString::number(id) });
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o.value("node").toInt(), 7);
        QCOMPARE(o.value("seq").toInt(), 42);
        QCOMPARE(o.value("time").toString(), QString("2026-01-01T00:00:00.123Z"));

        QProcess bad;
        bad.start(NATTERD_PATH, { "id", "decode", "not-a-number" });
        QVERIFY(bad.waitForFinished(5000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(!bad.readAllStandardError().isEmpty());
    }

    void helpDocumentsFlags()
    {
        QProcess p;
        p.start(NATTERD_PATH, { "--help" });
        QVERIFY(p.waitForFinished(5000));
        const QByteArray help = p.readAllStandardOutput();
        for (const char *flag : { "--listen", "--data", "--config", "--node-id", "device_rate" })
            QVERIFY2(help.contains(flag), flag);
    }

    void unopenableDatabaseExits1()
    {
        const QString dir = m_tmp.filePath("broken");
        QVERIFY(QDir().mkpath(dir + "/natterd.sqlite")); // a directory where the file should be
        QProcess p;
        p.start(NATTERD_PATH, { "--listen", "127.0.0.1:0", "--data", dir });
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("natterd:"));
    }

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
        // Still served.
        QCOMPARE(c->call(devicesReq()).body_case(), proto::Envelope::kDevices);
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

    void rateLimits()
    {
        Natterd limited;
        QVERIFY(limited.start(m_tmp.filePath("limited"),
            "[auth]\npwhash_ops=1\npwhash_mem_bytes=1048576\n"
            "[limits]\ndevice_rate=1\ndevice_burst=5\nip_rate=0.01\nip_burst=3\n"
            "[network]\nhandshake_timeout_ms=300\n"));
        Client c;
        QVERIFY(c.open(limited.url()));
        QCOMPARE(c.call(registerReq("kim")).body_case(), proto::Envelope::kAuth);
        QList<quint64> ids;
        for (int i = 0; i < 20; ++i)
            ids.append(c.post(devicesReq()));
        int limitedCount = 0;
        for (quint64 id : ids)
            limitedCount += errorOf(c.waitFor(id)) == proto::RATE_LIMITED ? 1 : 0;
        QVERIFY2(limitedCount >= 10, qPrintable(QString::number(limitedCount)));

        // Sign-ins per source address.
        Client d;
        QVERIFY(d.open(limited.url()));
        QCOMPARE(errorOf(d.call(loginReq("kim", "wrong-password"))), proto::AUTH_FAILED);
        QCOMPARE(errorOf(d.call(loginReq("kim", "wrong-password"))), proto::AUTH_FAILED);
        QCOMPARE(errorOf(d.call(loginReq("kim"))), proto::RATE_LIMITED);

        // A connection that never completes the WebSocket handshake is dropped.
        QTcpSocket raw;
        raw.connectToHost(limited.url().host(), quint16(limited.url().port()));
        QVERIFY(raw.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(raw.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(limited.stop(), 0);
    }

    void sigtermKeepsAckedData()
    {
        const QString dir = m_tmp.filePath("durable");
        Natterd first;
        QVERIFY(first.start(dir, kFastConfig));
        Client a;
        QVERIFY(a.open(first.url()));
        QCOMPARE(a.call(registerReq("leo")).body_case(), proto::Envelope::kAuth);
        Client b;
        QVERIFY(b.open(first.url()));
        QCOMPARE(b.call(registerReq("mia")).body_case(), proto::Envelope::kAuth);
        proto::Envelope r = a.call(sendTo("mia", "first", "first"));
        QCOMPARE(r.body_case(), proto::Envelope::kAck);
        const proto::SendAck firstAck = r.ack();
        const quint64 conv = firstAck.conversation_id();

        // A burst still in flight when SIGTERM arrives: every ack we get must be durable.
        const int burst = 300;
        for (int i = 0; i < burst; ++i)
            a.post(sendIn(conv, "burst-" + std::to_string(i), QString("burst %1").arg(i)));
        QTest::qWait(20);
        QCOMPARE(first.stop(), 0);
        QTest::qWait(100); // let the last frames arrive
        QSet<quint64> ackedSeqs;
        for (const auto &e : a.received)
            if (e.body_case() == proto::Envelope::kAck)
                ackedSeqs.insert(e.ack().seq());
        qInfo("%d of %d in-flight sends acked before shutdown", int(ackedSeqs.size()), burst);

        Natterd second;
        QVERIFY(second.start(dir, kFastConfig));
        Client c;
        QVERIFY(c.open(second.url()));
        QCOMPARE(c.call(loginReq("mia")).body_case(), proto::Envelope::kAuth);
        r = c.call(pullReq(conv, 0, 2000));
        QCOMPARE(r.body_case(), proto::Envelope::kPullResponse);
        QSet<quint64> stored;
        quint64 expect = 1;
        for (const auto &e : r.pull_response().events()) {
            QCOMPARE(e.seq(), expect++);
            stored.insert(e.seq());
        }
        for (quint64 s : ackedSeqs)
            QVERIFY2(stored.contains(s), qPrintable(QString::number(s)));
        QVERIFY(stored.contains(firstAck.seq()));

        // Idempotent across the restart.
        Client d;
        QVERIFY(d.open(second.url()));
        QCOMPARE(d.call(loginReq("leo")).body_case(), proto::Envelope::kAuth);
        r = d.call(sendTo("mia", "first", "first"));
        QCOMPARE(r.body_case(), proto::Envelope::kAck);
        QCOMPARE(r.ack().seq(), firstAck.seq());
        QCOMPARE(r.ack().id(), firstAck.id());
        QCOMPARE(second.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestNatterdProtocol)
#include "tst_natterd_protocol.moc"
