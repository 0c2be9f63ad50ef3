// fuzz_client_responses: the client's handling of what the server sends.
// A SyncEngine on a temporary SQLCipher Store connects over loopback to a
// QWebSocketServer in this harness, which answers the engine's Resume (as
// alice, user 1, device 10) and keeps every later request outstanding. Each
// input that decodes is sent to the engine as a server frame: with request
// id 0 it is a push, otherwise its request id is rewritten to one of the
// outstanding requests (request_id modulo their number), so it answers a
// real pending FeedPull, Pull, Send, ... After sending, the harness pings and
// waits for the pong: the client has then handled the frame and everything
// it did synchronously (store writes, new requests). When a response finds
// nothing outstanding, or the engine dropped
// the connection (logged out, protocol error), the engine is restarted
// (stop/start, with the account's token restored).
//
// Inputs that do not decode are skipped: the client would only close the
// socket, and the decoder itself is fuzz_frame's job.
#include "protocol/Frame.h"
#include "store/Store.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <memory>

using namespace natter;

namespace {

class Harness
{
public:
    Harness()
    {
        if (!m_dir.isValid())
            die("no temporary directory");
        m_server = std::make_unique<QWebSocketServer>(
            QStringLiteral("fuzz"), QWebSocketServer::NonSecureMode);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            die("cannot listen");
        QObject::connect(m_server.get(), &QWebSocketServer::newConnection, [this] {
            while (QWebSocket *ws = m_server->nextPendingConnection())
                adopt(ws);
        });
        m_store = std::make_unique<Store>(m_dir.path(), QByteArray(32, '\x2a'));
        m_account.serverUrl = QStringLiteral("ws://127.0.0.1:%1").arg(m_server->serverPort());
        m_account.user = QStringLiteral("alice");
        m_account.userId = 1;
        m_account.deviceId = 10;
        m_account.token = QStringLiteral("10.fuzz-token");
        m_account.deviceName = QStringLiteral("fuzz");
        m_store->saveAccount(m_account);
        m_engine = std::make_unique<SyncEngine>(*m_store);
        m_store->outbox().enqueueMessage(
            m_store->conversations().startDirect(QStringLiteral("bob"), 1),
            QStringLiteral("hello bob"));
        restart();
    }

    ~Harness()
    {
        m_engine.reset();
        delete m_peer;
        m_server.reset();
    }

    void run(const QByteArray &frame)
    {
        if (!m_peer || m_peer->state() != QAbstractSocket::ConnectedState)
            restart();
        if (!m_peer)
            return;
        proto::Envelope env;
        if (decodeEnvelope(frame, &env) != DecodeResult::Ok)
            return;
        if (env.request_id() != 0 && m_outstanding.empty()) {
            // Nothing to answer (the engine backs off after errors): reconnect,
            // which asks for the feed again.
            restart();
            if (!m_peer)
                return;
        }
        QByteArray out = frame;
        if (env.request_id() != 0 && !m_outstanding.empty()) {
            const auto it = m_outstanding.begin() + env.request_id() % m_outstanding.size();
            env.set_request_id(*it);
            m_outstanding.erase(it);
            out = encodeEnvelope(env);
        }
        m_pongs = 0;
        m_peer->sendBinaryMessage(out);
        m_peer->ping();
        pumpUntil([this] { return m_pongs > 0 || !connected(); }, 5000);
        // Zero-timer follow-ups (coalesced pulls, idle checks).
        QCoreApplication::processEvents();
    }

private:
    [[noreturn]] static void die(const char *why)
    {
        std::fprintf(stderr, "fuzz_client_responses: %s\n", why);
        std::abort();
    }

    static bool ensureApp()
    {
        static int argc = 1;
        static char arg0[] = "fuzz_client_responses";
        static char *argv[] = { arg0, nullptr };
        if (!QCoreApplication::instance())
            new QCoreApplication(argc, argv);
        return true;
    }

    bool connected() const { return m_peer && m_peer->state() == QAbstractSocket::ConnectedState; }

    void adopt(QWebSocket *ws)
    {
        delete m_peer;
        m_peer = ws;
        m_outstanding.clear();
        ws->setMaxAllowedIncomingFrameSize(limits::kMaxClientFrameBytes);
        QObject::connect(ws, &QWebSocket::binaryMessageReceived, [this, ws](const QByteArray &m) {
            proto::Envelope req;
            if (decodeEnvelope(m, &req) != DecodeResult::Ok)
                die("the client sent an undecodable frame");
            if (req.body_case() == proto::Envelope::kResume) {
                proto::Envelope reply;
                reply.set_version(kProtocolVersion);
                reply.set_request_id(req.request_id());
                reply.mutable_auth()->set_user_id(m_account.userId);
                reply.mutable_auth()->set_user(m_account.user.toStdString());
                reply.mutable_auth()->set_device_id(m_account.deviceId);
                ws->sendBinaryMessage(encodeEnvelope(reply));
            } else {
                m_outstanding.push_back(req.request_id());
            }
            m_loop.quit();
        });
        QObject::connect(ws, &QWebSocket::pong, [this] {
            ++m_pongs;
            m_loop.quit();
        });
        QObject::connect(ws, &QWebSocket::disconnected, [this] { m_loop.quit(); });
        m_loop.quit();
    }

    // (Re)connects the engine and waits for its first request after Resume.
    void restart()
    {
        m_engine->stop();
        if (!m_store->account().isLoggedIn())
            m_store->saveAccount(m_account);
        delete m_peer;
        m_peer = nullptr;
        m_outstanding.clear();
        m_engine->start();
        if (!pumpUntil([this] { return connected() && !m_outstanding.empty(); }, 5000))
            std::fprintf(stderr, "fuzz_client_responses: the engine did not reconnect\n");
    }

    bool pumpUntil(const std::function<bool()> &done, int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QTimer::singleShot(deadline.remainingTime(), &m_loop, &QEventLoop::quit);
            m_loop.exec();
        }
        return true;
    }

    bool m_app = ensureApp(); // first: the members below need it
    QTemporaryDir m_dir;
    std::unique_ptr<QWebSocketServer> m_server;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SyncEngine> m_engine;
    Account m_account;
    QWebSocket *m_peer = nullptr;
    std::deque<quint64> m_outstanding; // request ids the engine waits on
    int m_pongs = 0;
    QEventLoop m_loop;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Harness harness;
    harness.run(QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    return 0;
}
