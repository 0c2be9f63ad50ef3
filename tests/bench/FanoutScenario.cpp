#include "FanoutScenario.h"

#include "protocol/Frame.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
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

void FanoutScenario::start()
{
    m_clock.start();
    const QString prefix = QStringLiteral("f") + UserSetup::randomPrefix(8);
    QStringList names;
    for (int i = 0; i < m_opt.members; ++i)
        names << QStringLiteral("%1-m%2").arg(prefix).arg(i);
    std::fprintf(stderr, "natter-bench: fanout: registering %d members as %s-*\n", m_opt.members,
        qPrintable(prefix));
    m_setup = new UserSetup(this);
    m_setup->start(m_opt.server, names, m_opt.registerConcurrency,
        [this](const QString &error) { onSetupDone(error); });
}

void FanoutScenario::failSetup(const QString &error)
{
    std::fprintf(stderr, "natter-bench: fanout setup failed: %s\n", qPrintable(error));
    const QJsonObject o { { QStringLiteral("scenario"), QStringLiteral("fanout") },
        { QStringLiteral("error"), error } };
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    m_phase = Phase::Done;
    Q_EMIT finished(1);
}

void FanoutScenario::onSetupDone(const QString &error)
{
    if (!error.isEmpty())
        return failSetup(error);
    const auto &clients = m_setup->clients();
    m_members.resize(clients.size());
    for (size_t i = 0; i < clients.size(); ++i) {
        m_members[i].client = clients[i];
        connect(clients[i], &BenchClient::disconnected, this, [this](const QString &reason) {
            if (m_phase != Phase::Done)
                m_errors.add(QStringLiteral("disconnected: ") + reason);
        });
        connect(clients[i], &BenchClient::protocolError, this,
            [this](const QString &reason) { m_errors.add(reason); });
        if (i > 0)
            clients[i]->setPushHandler([this, i](const proto::Envelope &e) {
                if (e.has_notify())
                    onNotify(i, e.notify().conversation_id(), e.notify().seq());
            });
    }
    createGroup();
}

void FanoutScenario::createGroup()
{
    proto::Envelope e;
    auto *create = e.mutable_group_create();
    create->set_client_id("fanout-create");
    create->set_name("natter-bench fanout");
    const int named = std::min<int>(kCreateBatch, int(m_members.size()) - 1);
    for (int i = 1; i <= named; ++i)
        create->add_members(m_members[size_t(i)].client->userName.toStdString());
    m_members[0].client->request(std::move(e), [this, named](const proto::Envelope &r) {
        if (!r.has_ack())
            return failSetup(unexpected("group create", r));
        m_group = r.ack().conversation_id();
        for (Member &m : m_members)
            m.lastSeq = m.wantSeq = r.ack().seq();
        inviteFrom(named + 1);
    });
}

void FanoutScenario::inviteFrom(int next)
{
    if (next >= int(m_members.size())) {
        m_setupS = m_clock.nsecsElapsed() / 1e9;
        std::fprintf(stderr, "natter-bench: fanout: a group of %d after %.2f s\n",
            int(m_members.size()), m_setupS);
        // Let the invitations' notifies settle before the load starts.
        QTimer::singleShot(500, this, &FanoutScenario::beginLoad);
        return;
    }
    proto::Envelope e;
    auto *action = e.mutable_group_action();
    action->set_client_id("fanout-invite-" + std::to_string(next));
    action->set_conversation_id(m_group);
    const int last = std::min<int>(next + kInviteBatch, int(m_members.size()));
    for (int i = next; i < last; ++i)
        action->mutable_invite()->add_users(m_members[size_t(i)].client->userName.toStdString());
    m_members[0].client->request(std::move(e), [this, last](const proto::Envelope &r) {
        if (!r.has_ack())
            return failSetup(unexpected("group invite", r));
        inviteFrom(last);
    });
}

void FanoutScenario::beginLoad()
{
    // Everyone starts from the group's head as it is now.
    for (Member &m : m_members)
        m.lastSeq = std::max<quint64>(m.lastSeq, m.wantSeq);
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
    m_deliveriesAtStart = m_deliveriesTotal;
    m_cpuStart = CpuTime::now();
    m_serverCpuStart = ProcessProbe::cpuSeconds(m_opt.serverPid);
    QTimer::singleShot(
        int(m_opt.durationS * 1000), Qt::PreciseTimer, this, &FanoutScenario::endMeasure);
}

void FanoutScenario::endMeasure()
{
    m_measureEndNs = m_clock.nsecsElapsed();
    m_deliveriesAtEnd = m_deliveriesTotal;
    m_cpuEnd = CpuTime::now();
    m_serverCpuEnd = ProcessProbe::cpuSeconds(m_opt.serverPid);
    m_pacer.stop();
    m_phase = Phase::Drain;
    m_drainStartNs = m_clock.nsecsElapsed();
    m_drainTimer.start();
}

void FanoutScenario::onDrainTick()
{
    bool measuredLeft = false;
    for (const auto &[id, s] : m_sent)
        measuredLeft = measuredLeft || s.measured;
    if (!measuredLeft || m_clock.nsecsElapsed() - m_drainStartNs > m_opt.drainS * 1e9) {
        m_drainTimer.stop();
        report();
    }
}

void FanoutScenario::onPacingTick()
{
    // Sends due by now at the target rate (several per tick above 1,000/s).
    const double due = (m_clock.nsecsElapsed() - m_loadStartNs) / 1e9 * m_opt.rate;
    while (double(m_sentTotal) < due && m_members[0].client->isOpen())
        sendOne();
}

void FanoutScenario::fillWindow()
{
    while (m_inFlight < m_opt.window && m_members[0].client->isOpen())
        sendOne();
}

void FanoutScenario::sendOne()
{
    std::string clientId = "fanout-" + std::to_string(++m_counter);
    proto::Envelope e;
    auto *send = e.mutable_send();
    send->set_client_id(clientId);
    send->set_conversation_id(m_group);
    send->set_body(m_body);
    ++m_inFlight;
    ++m_sentTotal;
    const bool measured = m_phase == Phase::Measure;
    m_measuredSent += measured ? 1 : 0;
    m_sent.emplace(clientId, Sent { m_clock.nsecsElapsed(), 0, measured });
    m_members[0].client->request(std::move(e), [this, clientId](const proto::Envelope &r) {
        --m_inFlight;
        if (!r.has_ack()) {
            m_errors.add(unexpected("send", r));
            m_sent.erase(clientId);
        }
        if (m_opt.rate <= 0 && (m_phase == Phase::Warmup || m_phase == Phase::Measure))
            fillWindow();
    });
}

void FanoutScenario::onNotify(size_t member, quint64 conversationId, quint64 seq)
{
    if (conversationId != m_group)
        return;
    Member &m = m_members[member];
    m.wantSeq = std::max<quint64>(m.wantSeq, seq);
    if (!m.pulling && m.wantSeq > m.lastSeq)
        pull(member);
}

void FanoutScenario::pull(size_t member)
{
    Member &m = m_members[member];
    m.pulling = true;
    ++m_pulls;
    proto::Envelope e;
    auto *range = e.mutable_pull()->add_ranges();
    range->set_conversation_id(m_group);
    range->set_after_seq(m.lastSeq);
    range->set_limit(limits::kDefaultPullLimit);
    m.client->request(std::move(e), [this, member](const proto::Envelope &r) {
        Member &m = m_members[member];
        m.pulling = false;
        if (!r.has_pull_response()) {
            m_errors.add(unexpected("pull", r));
            return;
        }
        const qint64 now = m_clock.nsecsElapsed();
        for (const proto::Event &ev : r.pull_response().events()) {
            m.lastSeq = std::max<quint64>(m.lastSeq, ev.seq());
            if (ev.kind() == proto::EVENT_MESSAGE)
                delivered(ev.client_id(), now);
        }
        for (const auto &h : r.pull_response().heads())
            m.wantSeq = std::max<quint64>(m.wantSeq, h.last_seq());
        if (m.wantSeq > m.lastSeq && m_phase != Phase::Done)
            pull(member);
    });
}

void FanoutScenario::delivered(const std::string &clientId, qint64 nowNs)
{
    ++m_deliveriesTotal;
    const auto it = m_sent.find(clientId);
    if (it == m_sent.end())
        return;
    Sent &s = it->second;
    const double ms = (nowNs - s.sentNs) / 1e6;
    if (s.measured)
        m_eachLatency.add(ms);
    if (++s.delivered < int(m_members.size()) - 1)
        return;
    if (s.measured)
        m_allLatency.add(ms);
    m_sent.erase(it);
}

void FanoutScenario::report()
{
    const double drainS = (m_clock.nsecsElapsed() - m_drainStartNs) / 1e9;
    m_phase = Phase::Done;
    const double seconds = (m_measureEndNs - m_measureStartNs) / 1e9;
    const quint64 deliveries = m_deliveriesAtEnd - m_deliveriesAtStart;
    qint64 incomplete = 0;
    for (const auto &[id, s] : m_sent)
        incomplete += s.measured ? 1 : 0;
    const CpuTime cpu = m_cpuEnd - m_cpuStart;
    QJsonObject o;
    o[QStringLiteral("scenario")] = QStringLiteral("fanout");
    o[QStringLiteral("members")] = int(m_members.size());
    o[QStringLiteral("rate_target")] = m_opt.rate > 0 ? QJsonValue(m_opt.rate) : QJsonValue();
    if (m_opt.rate <= 0)
        o[QStringLiteral("window")] = m_opt.window;
    o[QStringLiteral("warmup_s")] = m_opt.warmupS;
    o[QStringLiteral("measured_s")] = round2(seconds);
    o[QStringLiteral("sent")] = qint64(m_measuredSent);
    o[QStringLiteral("sent_per_s")] = round2(double(m_measuredSent) / seconds);
    o[QStringLiteral("deliveries")] = qint64(deliveries);
    o[QStringLiteral("deliveries_per_s")] = round2(double(deliveries) / seconds);
    o[QStringLiteral("latency_ms")] = m_allLatency.summary(); // until every member has it
    o[QStringLiteral("delivery_latency_ms")] = m_eachLatency.summary();
    o[QStringLiteral("incomplete")] = incomplete; // measured messages someone still lacks
    o[QStringLiteral("pulls")] = qint64(m_pulls);
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
            = deliveries ? QJsonValue(round3(serverCpu * 1e6 / double(deliveries))) : QJsonValue();
    }
    o[QStringLiteral("setup_s")] = round2(m_setupS);
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    for (BenchClient *c : m_setup->clients())
        c->close();
    Q_EMIT finished(0);
}

} // namespace natter::bench
