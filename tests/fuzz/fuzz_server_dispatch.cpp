// fuzz_server_dispatch: one client frame through the server's real request
// path. The harness starts a ServerCore — what Server::start() builds minus
// the sockets: the storage backend on a temporary SQLite database, the
// writer thread, the Argon2id hash pool (cheapest parameters), the modules
// and their routes — plus a mailbox and a ReadConnection for "network
// thread" 0, which is this thread: reads run inline here and the harness
// drains the mailbox the way NetworkWorker::drainMailbox() does. Each input goes to handleFrame() —
// what NetworkWorker calls for every binary message — once for a fresh
// unauthenticated session and once for a session signed in as alice (bob
// exists too); after each, the harness waits until the hash pool and the
// writer have finished what the frame started and runs the replies on the
// session. Sessions write to a Link that drops what it
// gets, so replies are encoded and dropped.
//
// Conversation ids are snowflakes a fuzzer cannot guess, so for alice's
// session a conversation_id of 1..N in Send, Pull ranges, MarkRead or a
// group request is rewritten to the id of alice's N-th conversation (set-up
// creates a direct one and a group with bob; Sends and creates add more).
#include "ServerCore.h"
#include "gateway/GatewayContext.h"
#include "gateway/Mailbox.h"
#include "gateway/RequestHandler.h"
#include "gateway/Session.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <vector>

using namespace natter;
using namespace natter::server;

namespace {

class Harness
{
public:
    Harness()
    {
        static int argc = 1;
        static char arg0[] = "fuzz_server_dispatch";
        static char *argv[] = { arg0, nullptr };
        if (!QCoreApplication::instance())
            new QCoreApplication(argc, argv);
        if (!m_dir.isValid())
            die("set-up failed");
        ServerConfig cfg;
        cfg.dataDir = m_dir.path();
        cfg.networkThreads = 1;
        cfg.synchronous = QStringLiteral("OFF");
        cfg.deviceRate = cfg.deviceBurst = 1e9;
        cfg.ipRate = cfg.ipBurst = 1e9;
        cfg.pwhashOps = 1; // crypto_pwhash_OPSLIMIT_MIN
        cfg.pwhashMemBytes = 8192; // crypto_pwhash_MEMLIMIT_MIN
        m_core = std::make_unique<ServerCore>(cfg);
        if (!m_core->start().isEmpty())
            die("the server core did not start");
        m_ctx = &m_core->gateway();
        m_reads = std::make_unique<ReadConnection>(m_core->storage());
        m_ctx->readers.push_back(m_reads.get());
        m_ctx->services.hashPool.setMaxThreadCount(2);
        m_ctx->mailboxes.push_back(&m_mailbox);

        Session *bob = newSession();
        signIn(*bob, true, "bob");
        endSession(bob);
        m_alice = newSession();
        signIn(*m_alice, true, "alice");
        proto::Envelope hello;
        hello.set_version(kProtocolVersion);
        hello.set_request_id(2);
        hello.mutable_send()->set_client_id("setup-1");
        hello.mutable_send()->set_to_user("bob");
        proto::EventBody body;
        body.mutable_text()->set_text("hello bob");
        hello.mutable_send()->set_body(body.SerializeAsString());
        handleFrame(*m_ctx, *m_alice, encodeEnvelope(hello));
        settle();
        // And a group of the two, alice its owner.
        proto::Envelope group;
        group.set_version(kProtocolVersion);
        group.set_request_id(3);
        group.mutable_group_create()->set_client_id("setup-2");
        group.mutable_group_create()->set_name("fuzz");
        group.mutable_group_create()->add_members("bob");
        handleFrame(*m_ctx, *m_alice, encodeEnvelope(group));
        settle();
        refreshConversations();
        if (m_conversations.size() < 2)
            die("set-up: alice lacks the chat or the group with bob");
    }

    ~Harness()
    {
        m_ctx->services.draining = true;
        m_ctx->services.hashPool.waitForDone();
        m_core->stopWriter();
        while (!m_sessions.empty())
            endSession(m_sessions.begin()->second);
    }

    void run(const QByteArray &frame)
    {
        Session *anon = newSession();
        handleFrame(*m_ctx, *anon, frame);
        settle();
        endSession(anon);

        handleFrame(*m_ctx, *m_alice, withConversationAliases(frame));
        settle();
        refreshConversations();
        if (!m_alice->isAuthenticated() || m_alice->isClosing()) {
            // Logged out, revoked or closed by the frame: sign in again.
            endSession(m_alice);
            m_alice = newSession();
            signIn(*m_alice, false, "alice");
        }
    }

private:
    [[noreturn]] static void die(const char *why)
    {
        std::fprintf(stderr, "fuzz_server_dispatch: %s\n", why);
        std::abort();
    }

    void refreshConversations()
    {
        const quint64 user = m_alice->userId();
        m_conversations.clear();
        m_reads->run({ [this, user](Storage &st) {
                          for (const HeadRow &h : st.conversations().headsOfUser(user))
                              m_conversations.push_back(h.conversationId);
                          return DbOutcome {};
                      },
            {} });
        std::sort(m_conversations.begin(), m_conversations.end());
    }

    quint64 alias(quint64 id) const
    {
        return id >= 1 && id <= m_conversations.size() ? m_conversations[id - 1] : id;
    }

    QByteArray withConversationAliases(const QByteArray &frame) const
    {
        proto::Envelope env;
        if (decodeEnvelope(frame, &env) != DecodeResult::Ok)
            return frame;
        switch (env.body_case()) {
        case proto::Envelope::kSend:
            if (env.send().target_case() != proto::SendRequest::kConversationId)
                return frame;
            env.mutable_send()->set_conversation_id(alias(env.send().conversation_id()));
            break;
        case proto::Envelope::kMarkRead:
            env.mutable_mark_read()->set_conversation_id(alias(env.mark_read().conversation_id()));
            break;
        case proto::Envelope::kPull:
            for (auto &r : *env.mutable_pull()->mutable_ranges())
                r.set_conversation_id(alias(r.conversation_id()));
            break;
        case proto::Envelope::kGroupAction:
            env.mutable_group_action()->set_conversation_id(
                alias(env.group_action().conversation_id()));
            break;
        case proto::Envelope::kGroupInfoRequest:
            env.mutable_group_info_request()->set_conversation_id(
                alias(env.group_info_request().conversation_id()));
            break;
        default: return frame;
        }
        return encodeEnvelope(env);
    }

    Session *newSession()
    {
        auto *s = new Session(m_nextId++, 0, &m_dropLink, QStringLiteral("127.0.0.1"), m_metrics);
        m_sessions[s->id()] = s;
        return s;
    }

    void endSession(Session *s)
    {
        if (s->isAuthenticated())
            m_ctx->registry.remove(s->ref());
        m_sessions.erase(s->id());
        delete s;
    }

    void signIn(Session &s, bool create, const char *user)
    {
        proto::Envelope env;
        env.set_version(kProtocolVersion);
        env.set_request_id(1);
        auto fill = [user](auto *req) {
            req->set_user(user);
            req->set_password("password1");
            req->set_device_name("fuzz");
        };
        if (create)
            fill(env.mutable_register_request());
        else
            fill(env.mutable_login());
        handleFrame(*m_ctx, s, encodeEnvelope(env));
        settle();
        if (!s.isAuthenticated())
            die("cannot sign in");
    }

    static void barrier(DbWorker *worker)
    {
        auto done = std::make_shared<std::promise<void>>();
        std::future<void> f = done->get_future();
        worker->submit({ [done](Storage &) {
                            return DbOutcome { false, [done] { done->set_value(); } };
                        },
            [done](const StorageError &) { done->set_value(); } });
        f.wait();
    }

    // Waits for the work the last frame started (hash pool -> writer ->
    // mailbox) and delivers the mailbox like NetworkWorker does.
    void settle()
    {
        for (int round = 0; round < 4; ++round) {
            m_ctx->services.hashPool.waitForDone();
            barrier(m_ctx->services.writer);
            Mailbox::Batch batch = m_mailbox.take();
            if (batch.isEmpty() && round > 0)
                return;
            deliverBatch(*m_ctx, batch, [this](quint64 id) { return find(id); });
        }
    }

    Session *find(quint64 id) const
    {
        auto it = m_sessions.find(id);
        return it == m_sessions.end() ? nullptr : it->second;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerCore> m_core;
    GatewayContext *m_ctx = nullptr;
    std::unique_ptr<ReadConnection> m_reads; // "network thread" 0: this one
    Mailbox m_mailbox { [] {} };
    struct DropLink : Link
    {
        void sendBinary(QByteArrayView) override { }
        void close(CloseCode, QByteArrayView) override { }
    } m_dropLink;
    std::map<quint64, Session *> m_sessions;
    quint64 m_nextId = 1;
    metrics::NetworkMetrics m_metrics; // what the sessions count (nobody reads it)
    Session *m_alice = nullptr;
    std::vector<quint64> m_conversations; // alice's, ascending
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Harness harness;
    // Frames above the limit never reach handleFrame: the socket closes with 1009.
    if (size > static_cast<size_t>(limits::kMaxClientFrameBytes))
        return 0;
    harness.run(QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    return 0;
}
