#include "FanoutScenario.h"

#include "protocol/Frame.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace natter::bench {

namespace {

constexpr int kCreateBatch = 199; // members named at creation (200 with the creator)
constexpr int kInviteBatch = 200; // limits::kMaxGroupInvites

QString unexpected(const char *what, const proto::Envelope &r)
{
    return QLatin1String(what) + QStringLiteral(": ")
        + (r.has_error() ? QLatin1String(errorCodeName(r.error().code()))
                         : QLatin1String("unexpected response"));
}

} // namespace

FanoutScenario::FanoutScenario(const FanoutOptions &options, QObject *parent)
    : Scenario(parent)
    , m_opt(options)
{
    proto::EventBody body;
    std::string text = "natter-bench fanout ";
    text.resize(static_cast<size_t>(std::max(1, m_opt.textBytes)), 'x');
    body.mutable_text()->set_text(text);
    m_body = body.SerializeAsString();
    m_pacer.setTimerType(Qt::PreciseTimer);
    m_pacer.setInterval(1);
    connect(&m_pacer, &QTimer::timeout, this, &FanoutScenario::onPacingTick);
    m_drainTimer.setInterval(10);
    connect(&m_drainTimer, &QTimer::timeout, this, &FanoutScenario::onDrainTick);
}

FanoutScenario::~FanoutScenario()
{
    m_pools.stop();
}

void FanoutScenario::start()
{
    m_clock.start();
    const QString prefix = QStringLiteral("f") + UserSetup::randomPrefix(8);
    for (int i = 0; i < m_opt.members; ++i)
        m_names << QStringLiteral("%1-m%2").arg(prefix).arg(i);
    const int threads = std::max(1, std::min(m_opt.threads, m_opt.members - 1));
    std::fprintf(stderr, "natter-bench: fanout: registering %d members as %s-* on %d threads\n",
        m_opt.members, qPrintable(prefix), threads);
    // Members 1.. in contiguous shares, one pool per thread.
    const int others = m_opt.members - 1;
    for (int t = 0; t < threads; ++t) {
        const int from = 1 + others * t / threads;
        const int to = 1 + others * (t + 1) / threads;
        FanoutMembers *members
            = m_pools.add(new FanoutMembers(m_clock), QStringLiteral("fanout-%1").arg(t));
        connect(members, &FanoutMembers::registered, this, &FanoutScenario::onRegistered);
        const QStringList names = m_names.mid(from, to - from);
        const QUrl server = m_opt.server;
        const int concurrency = m_opt.registerConcurrency;
        QMetaObject::invokeMethod(members, [members, server, names, concurrency] {
            members->registerMembers(server, names, concurrency);
        });
        ++m_pending;
    }
    m_setup = new UserSetup(this);
    ++m_pending;
    m_setup->start(m_opt.server, { m_names.first() }, 1,
        [this](const QString &error) { onRegistered(error); });
}

void FanoutScenario::onRegistered(const QString &error)
{
    if (m_failed)
        return;
    if (!error.isEmpty())
        return failSetup(error);
    if (--m_pending > 0)
        return;
    m_sender = m_setup->clients().front();
    connect(m_sender, &BenchClient::disconnected, this, [this](const QString &reason) {
        if (m_phase != Phase::Done)
            m_errors.add(QStringLiteral("sender disconnected: ") + reason);
    });
    createGroup();
}

void FanoutScenario::failSetup(const QString &error)
{
    m_failed = true;
    std::fprintf(stderr, "natter-bench: fanout setup failed: %s\n", qPrintable(error));
    const QJsonObject o { { QStringLiteral("scenario"), QStringLiteral("fanout") },
        { QStringLiteral("error"), error } };
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    m_phase = Phase::Done;
    m_pools.stop();
    Q_EMIT finished(1);
}

void FanoutScenario::createGroup()
{
    proto::Envelope e;
    auto *create = e.mutable_group_create();
    create->set_client_id("fanout-create");
    create->set_name("natter-bench fanout");
    const int named = std::min<int>(kCreateBatch, int(m_names.size()) - 1);
    for (int i = 1; i <= named; ++i)
        create->add_members(m_names.at(i).toStdString());
    m_sender->request(std::move(e), [this, named](const proto::Envelope &r) {
        if (!r.has_ack())
            return failSetup(unexpected("group create", r));
        m_group = r.ack().conversation_id();
        inviteFrom(named + 1);
    });
}

void FanoutScenario::inviteFrom(int next)
{
    if (next >= int(m_names.size())) {
        m_setupS = m_clock.nsecsElapsed() / 1e9;
        std::fprintf(stderr, "natter-bench: fanout: a group of %d after %.2f s\n",
            int(m_names.size()), m_setupS);
        // The members follow the group from its last setup event on; the
        // invitations' notifies settle before the load starts.
        proto::Envelope info;
        info.mutable_group_info_request()->set_conversation_id(m_group);
        m_sender->request(std::move(info), [this](const proto::Envelope &r) {
            if (!r.has_group_info())
                return failSetup(unexpected("group info", r));
            const quint64 head = r.group_info().last_seq();
            const quint64 group = m_group;
            m_pools.post([group, head](FanoutMembers &m) { m.follow(group, head); });
            QTimer::singleShot(500, this, &FanoutScenario::beginLoad);
        });
        return;
    }
    proto::Envelope e;
    auto *action = e.mutable_group_action();
    action->set_client_id("fanout-invite-" + std::to_string(next));
    action->set_conversation_id(m_group);
    const int last = std::min<int>(next + kInviteBatch, int(m_names.size()));
    for (int i = next; i < last; ++i)
        action->mutable_invite()->add_users(m_names.at(i).toStdString());
    m_sender->request(std::move(e), [this, last](const proto::Envelope &r) {
        if (!r.has_ack())
            return failSetup(unexpected("group invite", r));
        inviteFrom(last);
    });
}

void FanoutScenario::beginLoad()
{
    m_phase = m_opt.warmupS > 0 ? Phase::Warmup : Phase::Measure;
    m_loadStartNs = m_clock.nsecsElapsed();
    if (m_phase == Phase::Measure)
        beginMeasure();
    else
        QTimer::singleShot(
            int(m_opt.warmupS * 1000), Qt::PreciseTimer, this, &FanoutScenario::beginMeasure);
    if (m_opt.rate > 0)
        m_pacer.start();
    else
        fillWindow();
}

void FanoutScenario::beginMeasure()
{
    m_phase = Phase::Measure;
    m_measureStartNs = m_clock.nsecsElapsed();
    m_firstMeasured = quint32(m_sentNs.size());
    m_cpuStart = CpuTime::now();
    m_serverCpuStart = ProcessProbe::cpuSeconds(m_opt.serverPid);
    QTimer::singleShot(
        int(m_opt.durationS * 1000), Qt::PreciseTimer, this, &FanoutScenario::endMeasure);
}

void FanoutScenario::endMeasure()
{
    m_measureEndNs = m_clock.nsecsElapsed();
    m_lastMeasured = quint32(m_sentNs.size() - 1);
    m_cpuEnd = CpuTime::now();
    m_serverCpuEnd = ProcessProbe::cpuSeconds(m_opt.serverPid);
    m_pacer.stop();
    m_phase = Phase::Drain;
    m_drainStartNs = m_clock.nsecsElapsed();
    m_drainTimer.start();
}

quint64 FanoutScenario::deliveredSoFar() const
{
    quint64 n = 0;
    m_pools.read([&n](const FanoutMembers &m) { n += m.deliveries(); });
    return n;
}

void FanoutScenario::onDrainTick()
{
    // Every acked message to every member but the sender, or time is up.
    const quint64 expected = m_ackedTotal * quint64(m_names.size() - 1);
    if ((m_inFlight == 0 && deliveredSoFar() >= expected)
        || m_clock.nsecsElapsed() - m_drainStartNs > m_opt.drainS * 1e9) {
        m_drainTimer.stop();
        report();
    }
}

void FanoutScenario::onPacingTick()
{
    // Sends due by now at the target rate (several per tick above 1,000/s).
    const double due = (m_clock.nsecsElapsed() - m_loadStartNs) / 1e9 * m_opt.rate;
    while (double(m_sentNs.size() - 1) < due && m_sender->isOpen())
        sendOne();
}

void FanoutScenario::fillWindow()
{
    while (m_inFlight < m_opt.window && m_sender->isOpen())
        sendOne();
}

void FanoutScenario::sendOne()
{
    const auto n = quint32(m_sentNs.size());
    proto::Envelope e;
    auto *send = e.mutable_send();
    send->set_client_id("fanout-" + std::to_string(n));
    send->set_conversation_id(m_group);
    send->set_body(m_body);
    ++m_inFlight;
    m_sentNs.push_back(m_clock.nsecsElapsed());
    m_acked.push_back(false);
    m_sender->request(std::move(e), [this, n](const proto::Envelope &r) {
        --m_inFlight;
        if (r.has_ack()) {
            m_acked[n] = true;
            ++m_ackedTotal;
        } else {
            m_errors.add(unexpected("send", r));
        }
        if (m_opt.rate <= 0 && (m_phase == Phase::Warmup || m_phase == Phase::Measure))
            fillWindow();
    });
}

void FanoutScenario::report()
{
    const double drainS = (m_clock.nsecsElapsed() - m_drainStartNs) / 1e9;
    m_phase = Phase::Done;
    // Copy what the pools recorded (their threads are stopped first).
    FanoutTally tally(
        m_sentNs, m_acked, m_firstMeasured, m_lastMeasured, m_measureStartNs, m_measureEndNs);
    quint64 pulls = 0;
    // Taken on each pool's thread, once its members are closed.
    m_pools.each([&](FanoutMembers &m) {
        m.closeAll();
        tally.add(m.recorded());
        pulls += m.pulls();
        m_errors.merge(m.errors());
    });
    const double seconds = (m_measureEndNs - m_measureStartNs) / 1e9;
    const CpuTime cpu = m_cpuEnd - m_cpuStart;
    QJsonObject o;
    o[QStringLiteral("scenario")] = QStringLiteral("fanout");
    o[QStringLiteral("members")] = int(m_names.size());
    o[QStringLiteral("threads")] = int(m_pools.size());
    o[QStringLiteral("rate_target")] = m_opt.rate > 0 ? QJsonValue(m_opt.rate) : QJsonValue();
    if (m_opt.rate <= 0)
        o[QStringLiteral("window")] = m_opt.window;
    o[QStringLiteral("warmup_s")] = m_opt.warmupS;
    o[QStringLiteral("measured_s")] = round2(seconds);
    const quint64 inWindow = tally.report(o, int(m_names.size()) - 1);
    o[QStringLiteral("pulls")] = qint64(pulls);
    o[QStringLiteral("errors")] = m_errors.total();
    o[QStringLiteral("error_kinds")] = m_errors.toJson();
    o[QStringLiteral("drain_s")] = round2(drainS);
    o[QStringLiteral("bench_cpu_s")] = round2(cpu.total());
    o[QStringLiteral("bench_cpu_pct")] = round2(100.0 * cpu.total() / seconds);
    if (m_serverCpuStart >= 0 && m_serverCpuEnd >= 0) {
        const double serverCpu = m_serverCpuEnd - m_serverCpuStart;
        o[QStringLiteral("server_cpu_s")] = round2(serverCpu);
        o[QStringLiteral("server_cpu_pct")] = round2(100.0 * serverCpu / seconds);
        o[QStringLiteral("server_cpu_us_per_delivery")]
            = inWindow ? QJsonValue(round3(serverCpu * 1e6 / double(inWindow))) : QJsonValue();
    }
    o[QStringLiteral("setup_s")] = round2(m_setupS);
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    m_sender->close();
    m_pools.stop();
    Q_EMIT finished(0);
}

} // namespace natter::bench
