#include "SyncScenarios.h"

#include "protocol/Frame.h"
#include "store/KeyVault.h"
#include "store/Store.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace natter::bench {

// --- MessagePump -------------------------------------------------------------

MessagePump::MessagePump(std::vector<BenchClient *> senders, QString recipient, QObject *parent)
    : QObject(parent)
    , m_recipient(recipient.toStdString())
{
    for (BenchClient *c : senders) {
        Sender s;
        s.client = c;
        s.idPrefix
            = c->userName.toStdString() + "-" + UserSetup::randomPrefix(6).toStdString() + "-";
        m_senders.push_back(std::move(s));
    }
    proto::EventBody body;
    std::string text = "natter-bench sync ";
    text.resize(100, 'x');
    body.mutable_text()->set_text(text);
    m_body = body.SerializeAsString();
}

void MessagePump::start(quint64 total, int window, std::function<void(const QString &)> done)
{
    m_onDone = std::move(done);
    m_window = std::max(1, window);
    m_outstanding = total;
    m_done = false;
    const quint64 n = m_senders.size();
    for (size_t i = 0; i < m_senders.size(); ++i) {
        m_senders[i].quota = total / n + (i < total % n ? 1 : 0);
        m_senders[i].inFlight = 0;
    }
    if (total == 0) {
        m_done = true;
        m_onDone(QString());
        return;
    }
    for (size_t i = 0; i < m_senders.size(); ++i)
        fill(i);
}

void MessagePump::fill(size_t index)
{
    Sender &s = m_senders[index];
    while (!m_done && s.quota > 0 && s.inFlight < m_window) {
        if (!s.client->isOpen())
            return fail(QStringLiteral("sender %1 disconnected").arg(s.client->userName));
        --s.quota;
        sendOne(index, s.idPrefix + std::to_string(++s.counter));
    }
}

void MessagePump::sendOne(size_t index, std::string clientId)
{
    Sender &s = m_senders[index];
    proto::Envelope e;
    auto *send = e.mutable_send();
    send->set_client_id(clientId);
    if (s.conversationId)
        send->set_conversation_id(s.conversationId);
    else
        send->set_to_user(m_recipient);
    send->set_body(m_body);
    ++s.inFlight;
    s.client->request(std::move(e), [this, index, clientId](const proto::Envelope &r) {
        if (m_done)
            return;
        Sender &s = m_senders[index];
        if (r.has_error() && r.error().code() == proto::RATE_LIMITED) {
            // Same client_id: the send is idempotent. Retry after a pause.
            ++m_retries;
            QTimer::singleShot(20, this, [this, index, clientId] {
                if (m_done)
                    return;
                --m_senders[index].inFlight;
                sendOne(index, clientId);
            });
            return;
        }
        --s.inFlight;
        if (r.has_ack())
            s.conversationId = r.ack().conversation_id();
        if (!r.has_ack())
            return fail(r.has_error() ? QStringLiteral("send: %1 %2")
                                            .arg(QLatin1String(errorCodeName(r.error().code())),
                                                QString::fromStdString(r.error().message()))
                                      : QStringLiteral("send: unexpected response"));
        if (--m_outstanding == 0) {
            m_done = true;
            m_onDone(QString());
            return;
        }
        fill(index);
    });
}

void MessagePump::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_onDone(error);
}

// --- SyncScenarioBase ----------------------------------------------------------

SyncScenarioBase::SyncScenarioBase(const QString &name, const SyncOptions &options, QObject *parent)
    : Scenario(parent)
    , m_name(name)
    , m_opt(options)
    , m_profile(QDir::tempPath() + QStringLiteral("/natter-bench-profile-XXXXXX"))
{
    m_timeout.setSingleShot(true);
}

SyncScenarioBase::~SyncScenarioBase()
{
    delete m_engine; // before the store it writes to
    m_engine = nullptr;
    m_store.reset();
}

void SyncScenarioBase::start()
{
    m_clock.start();
    if (!m_profile.isValid())
        return fail(QStringLiteral("cannot create a temporary profile directory"));
    const QString prefix = QStringLiteral("c") + UserSetup::randomPrefix(8);
    QStringList names { prefix + QStringLiteral("-r") };
    for (int i = 0; i < m_opt.peers; ++i)
        names << QStringLiteral("%1-s%2").arg(prefix).arg(i);
    std::fprintf(stderr, "natter-bench: %s: registering %d users as %s-*\n", qPrintable(m_name),
        static_cast<int>(names.size()), qPrintable(prefix));
    m_setup = new UserSetup(this);
    m_setup->start(m_opt.server, names, 8, [this](const QString &error) {
        if (!error.isEmpty())
            return fail(QStringLiteral("setup: ") + error);
        const auto &clients = m_setup->clients();
        m_receiver = clients.front();
        m_senders.assign(clients.begin() + 1, clients.end());
        for (BenchClient *c : m_senders)
            connect(c, &BenchClient::disconnected, this, [this, c](const QString &reason) {
                if (m_pump)
                    fail(QStringLiteral("sender %1 disconnected: %2").arg(c->userName, reason));
            });
        // The receiver's first device goes offline for good.
        m_receiver->close();
        m_pump = new MessagePump(m_senders, m_receiver->userName, this);
        onAccountsReady();
    });
}

void SyncScenarioBase::pump(quint64 n, std::function<void()> next)
{
    m_pump->start(n, m_opt.window, [this, next = std::move(next)](const QString &error) {
        if (!error.isEmpty())
            return fail(error);
        next();
    });
}

void SyncScenarioBase::loginFreshDevice(std::function<void()> next)
{
    try {
        m_store = std::make_unique<Store>(m_profile.path(), KeyVault::randomKey());
    } catch (const StoreError &e) {
        return fail(QStringLiteral("store: ") + e.message());
    }
    m_engine = new SyncEngine(*m_store);
    QElapsedTimer t;
    t.start();
    m_engine->account().login(m_opt.server, m_receiver->userName, m_receiver->password,
        QStringLiteral("natter-bench %1").arg(m_name),
        [this, t, next = std::move(next)](const QString &error) {
            if (!error.isEmpty())
                return fail(QStringLiteral("login: ") + error);
            m_loginS = t.nsecsElapsed() / 1e9;
            next();
        });
}

void SyncScenarioBase::syncUntilIdle(std::function<void(double)> next)
{
    auto conn = std::make_shared<QMetaObject::Connection>();
    auto timeoutConn = std::make_shared<QMetaObject::Connection>();
    auto t0 = std::make_shared<qint64>(0);
    *conn = connect(m_engine, &SyncEngine::idle, this, [this, conn, timeoutConn, t0, next] {
        const double s = (m_clock.nsecsElapsed() - *t0) / 1e9;
        disconnect(*conn);
        disconnect(*timeoutConn);
        m_timeout.stop();
        next(s);
    });
    *timeoutConn = connect(&m_timeout, &QTimer::timeout, this, [this, conn, timeoutConn] {
        disconnect(*conn);
        disconnect(*timeoutConn);
        bool complete = false;
        const quint64 stored = storedMessages(&complete);
        fail(QStringLiteral("no idle() within %1 s (%2 messages stored)")
                 .arg(m_opt.timeoutS)
                 .arg(stored));
    });
    m_timeout.start(static_cast<int>(m_opt.timeoutS * 1000));
    *t0 = m_clock.nsecsElapsed();
    m_engine->start();
}

void SyncScenarioBase::measuredSync(std::function<void(const SyncRun &)> next)
{
    const CpuTime cpu0 = CpuTime::now();
    const double srv0 = ProcessProbe::cpuSeconds(m_opt.serverPid);
    syncUntilIdle([this, cpu0, srv0, next](double seconds) {
        SyncRun run;
        run.seconds = seconds;
        run.clientCpuS = (CpuTime::now() - cpu0).total();
        if (m_opt.serverPid > 0)
            run.serverCpuS = round3(ProcessProbe::cpuSeconds(m_opt.serverPid) - srv0);
        run.stored = storedMessages(&run.complete);
        next(run);
    });
}

quint64 SyncScenarioBase::storedMessages(bool *complete)
{
    quint64 total = 0;
    try {
        // Message lines only: each conversation also holds its EVENT_CREATED.
        total = m_store->timeline().lineCount();
        *complete = m_store->conversations().missingRanges().isEmpty();
    } catch (const StoreError &e) {
        std::fprintf(stderr, "natter-bench: reading the store: %s\n", qPrintable(e.message()));
        *complete = false;
    }
    return total;
}

void SyncScenarioBase::fail(const QString &error)
{
    if (m_failed)
        return;
    m_failed = true;
    m_timeout.stop();
    if (m_engine)
        m_engine->stop();
    for (BenchClient *c : m_senders) {
        disconnect(c, &BenchClient::disconnected, this, nullptr);
        c->close();
    }
    std::fprintf(stderr, "natter-bench: %s failed: %s\n", qPrintable(m_name), qPrintable(error));
    QJsonObject o { { QStringLiteral("scenario"), m_name }, { QStringLiteral("error"), error } };
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    Q_EMIT finished(1);
}

void SyncScenarioBase::emitResult(QJsonObject o)
{
    if (m_engine)
        m_engine->stop();
    for (BenchClient *c : m_senders)
        disconnect(c, &BenchClient::disconnected, this, nullptr);
    for (BenchClient *c : m_senders)
        c->close();
    o[QStringLiteral("scenario")] = m_name;
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    Q_EMIT finished(0);
}

// --- coldsync --------------------------------------------------------------------

ColdsyncScenario::ColdsyncScenario(const SyncOptions &options, QObject *parent)
    : SyncScenarioBase(QStringLiteral("coldsync"), options, parent)
{
}

void ColdsyncScenario::onAccountsReady()
{
    m_setupS = m_clock.nsecsElapsed() / 1e9;
    std::fprintf(stderr, "natter-bench: coldsync: sending %llu messages from %d senders\n",
        static_cast<unsigned long long>(m_opt.messages), m_opt.peers);
    const qint64 sendStart = m_clock.nsecsElapsed();
    pump(m_opt.messages, [this, sendStart] {
        m_sendS = (m_clock.nsecsElapsed() - sendStart) / 1e9;
        std::fprintf(stderr,
            "natter-bench: coldsync: %llu messages acked in %.2f s; fresh device\n",
            static_cast<unsigned long long>(m_opt.messages), m_sendS);
        loginFreshDevice([this] {
            measuredSync([this](const SyncRun &run) {
                const double seconds = run.seconds;
                const quint64 stored = run.stored;
                const bool complete = run.complete;
                if (stored != m_opt.messages || !complete)
                    return fail(QStringLiteral("idle with %1 of %2 messages stored (complete: %3)")
                                    .arg(stored)
                                    .arg(m_opt.messages)
                                    .arg(complete));
                QJsonObject o;
                o[QStringLiteral("messages")] = static_cast<qint64>(m_opt.messages);
                o[QStringLiteral("conversations")] = m_opt.peers;
                o[QStringLiteral("stored")] = static_cast<qint64>(stored);
                o[QStringLiteral("sync_s")] = round3(seconds);
                o[QStringLiteral("rows_per_s")] = std::round(stored / seconds);
                o[QStringLiteral("client_cpu_s")] = round3(run.clientCpuS);
                o[QStringLiteral("server_cpu_s")] = run.serverCpuS;
                o[QStringLiteral("login_s")] = round3(m_loginS);
                o[QStringLiteral("prepare_s")] = round3(m_clock.nsecsElapsed() / 1e9 - seconds);
                o[QStringLiteral("register_s")] = round3(m_setupS);
                o[QStringLiteral("send_s")] = round3(m_sendS);
                o[QStringLiteral("send_per_s")] = std::round(m_opt.messages / m_sendS);
                o[QStringLiteral("send_window")] = m_opt.window;
                o[QStringLiteral("send_retries")] = static_cast<qint64>(m_pump->retries());
                const QString db = Store::databasePath(m_profile.path());
                o[QStringLiteral("store_bytes")]
                    = QFileInfo(db).size() + QFileInfo(db + QStringLiteral("-wal")).size();
                const double storeOnly = storeBaseline();
                o[QStringLiteral("store_only_s")]
                    = storeOnly >= 0 ? QJsonValue(round3(storeOnly)) : QJsonValue();
                emitResult(o);
            });
        });
    });
}

double ColdsyncScenario::storeBaseline()
{
    // The same rows written straight into a fresh Store in the batches the
    // engine uses (kClientPullBudget over the conversations), no network:
    // what the store alone costs.
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/natter-bench-store-XXXXXX"));
    if (!dir.isValid())
        return -1;
    try {
        Store store(dir.path(), KeyVault::randomKey());
        const int conversations = m_opt.peers;
        for (int c = 0; c < conversations; ++c)
            store.joinConversation(1000 + c, proto::DIRECT,
                { { quint64(7), QStringLiteral("peer%1").arg(c) }, { 9, QStringLiteral("me") } });
        const QByteArray body = content::textBody(QString(100, QLatin1Char('x')));
        const quint64 perConversation = m_opt.messages / conversations;
        const quint64 perBatch = std::max<quint64>(1, limits::kClientPullBudget / conversations);
        QElapsedTimer t;
        t.start();
        quint64 id = 1;
        for (quint64 from = 0; from < perConversation; from += perBatch) {
            QList<StoredEvent> events;
            QList<HeadUpdate> heads;
            for (int c = 0; c < conversations; ++c) {
                for (quint64 seq = from + 1; seq <= std::min(perConversation, from + perBatch);
                     ++seq) {
                    StoredEvent e;
                    e.conversationId = 1000 + c;
                    e.seq = seq;
                    e.id = id++;
                    e.senderId = 7;
                    e.senderDevice = 8;
                    e.clientId = QStringLiteral("sender%1-abcdef-%2").arg(c).arg(seq);
                    e.kind = proto::EVENT_MESSAGE;
                    e.timeMs = 1700000000000 + static_cast<qint64>(id);
                    e.body = body;
                    events.append(std::move(e));
                }
                heads.append({ static_cast<quint64>(1000 + c), perConversation });
            }
            store.insertEvents(events);
            store.conversations().applyHeads(heads);
            store.conversations().missingRanges(); // the engine asks after every batch
        }
        return t.nsecsElapsed() / 1e9;
    } catch (const StoreError &e) {
        std::fprintf(stderr, "natter-bench: store baseline: %s\n", qPrintable(e.message()));
        return -1;
    }
}

// --- catchup ---------------------------------------------------------------------

CatchupScenario::CatchupScenario(const SyncOptions &options, QObject *parent)
    : SyncScenarioBase(QStringLiteral("catchup"), options, parent)
{
}

void CatchupScenario::onAccountsReady()
{
    // One message per conversation first, so the device knows them all.
    m_expected = static_cast<quint64>(m_opt.peers);
    pump(m_expected, [this] {
        loginFreshDevice([this] {
            syncUntilIdle([this](double seconds) {
                m_initialSyncS = seconds;
                bool complete = false;
                if (storedMessages(&complete) != m_expected || !complete)
                    return fail(QStringLiteral("initial sync incomplete"));
                round();
            });
        });
    });
}

void CatchupScenario::round()
{
    m_engine->stop();
    std::fprintf(stderr, "natter-bench: catchup: round %d: device offline, %llu messages arrive\n",
        m_round + 1, static_cast<unsigned long long>(m_opt.messages));
    pump(m_opt.messages, [this] {
        m_expected += m_opt.messages;
        measuredSync([this](const SyncRun &r) {
            const double seconds = r.seconds;
            const quint64 stored = r.stored;
            if (stored != m_expected || !r.complete)
                return fail(QStringLiteral("round %1: idle with %2 of %3 messages stored")
                                .arg(m_round + 1)
                                .arg(stored)
                                .arg(m_expected));
            m_seconds.push_back(seconds);
            QJsonObject run { { QStringLiteral("s"), round3(seconds) },
                { QStringLiteral("client_cpu_s"), round3(r.clientCpuS) } };
            if (m_opt.serverPid > 0)
                run[QStringLiteral("server_cpu_s")] = r.serverCpuS;
            m_runs.append(run);
            if (++m_round < m_opt.rounds)
                return round();
            std::vector<double> sorted = m_seconds;
            std::sort(sorted.begin(), sorted.end());
            QJsonObject o;
            o[QStringLiteral("messages")] = static_cast<qint64>(m_opt.messages);
            o[QStringLiteral("conversations")] = m_opt.peers;
            o[QStringLiteral("rounds")] = m_opt.rounds;
            o[QStringLiteral("median_s")] = round3(sorted[sorted.size() / 2]);
            o[QStringLiteral("max_s")] = round3(sorted.back());
            o[QStringLiteral("runs")] = m_runs;
            o[QStringLiteral("stored_total")] = static_cast<qint64>(stored);
            o[QStringLiteral("initial_sync_s")] = round3(m_initialSyncS);
            o[QStringLiteral("login_s")] = round3(m_loginS);
            o[QStringLiteral("send_window")] = m_opt.window;
            o[QStringLiteral("send_retries")] = static_cast<qint64>(m_pump->retries());
            emitResult(o);
        });
    });
}

} // namespace natter::bench
