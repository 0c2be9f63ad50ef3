#include "P2pScenario.h"

#include "protocol/Frame.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

namespace natter::bench {

namespace {

// How long a sender waits after RATE_LIMITED before it fills its window again.
constexpr int kRateLimitedBackoffMs = 10;

// "send: RATE_LIMITED", "pull: unexpected response", ...: an answer that is
// not the expected one, as an error kind.
QString unexpectedAnswer(const char *what, const proto::Envelope &r)
{
    return QLatin1String(what) + QStringLiteral(": ")
        + (r.has_error() ? QLatin1String(errorCodeName(r.error().code()))
                         : QLatin1String("unexpected response"));
}

} // namespace

P2pScenario::P2pScenario(const P2pOptions &options, QObject *parent)
    : Scenario(parent)
    , m_opt(options)
{
    proto::EventBody body;
    std::string text = "natter-bench p2p ";
    text.resize(static_cast<size_t>(std::max(1, m_opt.textBytes)), 'x');
    body.mutable_text()->set_text(text);
    m_body = body.SerializeAsString();

    m_pacer.setTimerType(Qt::PreciseTimer);
    m_pacer.setInterval(1);
    connect(&m_pacer, &QTimer::timeout, this, &P2pScenario::onPacingTick);
    m_floodTimer.setTimerType(Qt::PreciseTimer);
    m_floodTimer.setInterval(1);
    connect(&m_floodTimer, &QTimer::timeout, this, &P2pScenario::onFloodTick);
    m_drainTimer.setInterval(10);
    connect(&m_drainTimer, &QTimer::timeout, this, &P2pScenario::onDrainTick);
}

void P2pScenario::start()
{
    m_clock.start();
    const QString prefix = QStringLiteral("b") + UserSetup::randomPrefix(8);
    QStringList names;
    for (int i = 0; i < m_opt.pairs; ++i)
        names << QStringLiteral("%1-s%2").arg(prefix).arg(i);
    for (int i = 0; i < m_opt.pairs; ++i)
        names << QStringLiteral("%1-r%2").arg(prefix).arg(i);
    for (int i = 0; i < m_opt.flooders; ++i)
        names << QStringLiteral("%1-f%2").arg(prefix).arg(i);
    for (int i = 0; i < m_opt.flooders; ++i)
        names << QStringLiteral("%1-k%2").arg(prefix).arg(i);
    std::fprintf(stderr, "natter-bench: p2p: registering %d users as %s-*\n",
        static_cast<int>(names.size()), qPrintable(prefix));
    m_setup = new UserSetup(this);
    m_setup->start(m_opt.server, names, m_opt.registerConcurrency,
        [this](const QString &error) { onSetupDone(error); });
}

void P2pScenario::onSetupDone(const QString &error)
{
    if (!error.isEmpty()) {
        std::fprintf(stderr, "natter-bench: setup failed: %s\n", qPrintable(error));
        QJsonObject o { { QStringLiteral("scenario"), QStringLiteral("p2p") },
            { QStringLiteral("error"), error } };
        if (m_opt.onResult) {
            m_opt.onResult(o);
        } else {
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        }
        m_phase = Phase::Done;
        Q_EMIT finished(1);
        return;
    }
    m_setupS = m_setup->elapsedSeconds();
    std::fprintf(stderr, "natter-bench: p2p: %d users signed in after %.2f s\n",
        static_cast<int>(m_setup->clients().size()), m_setupS);

    const auto &clients = m_setup->clients();
    const size_t pairs = static_cast<size_t>(m_opt.pairs);
    m_senders.resize(pairs);
    m_recipients.resize(pairs);
    for (size_t i = 0; i < pairs; ++i) {
        Sender &s = m_senders[i];
        s.client = clients[i];
        s.partner = clients[pairs + i]->userName.toStdString();
        s.idPrefix = s.client->userName.toStdString() + "-";
        m_recipients[i].client = clients[pairs + i];
        m_recipients[i].client->setPushHandler([this, i](const proto::Envelope &e) {
            if (e.has_notify())
                onNotify(i, e.notify().conversation_id(), e.notify().seq());
        });
    }
    const size_t flooders = static_cast<size_t>(m_opt.flooders);
    m_flooders.resize(flooders);
    for (size_t i = 0; i < flooders; ++i) {
        Flooder &f = m_flooders[i];
        f.client = clients[2 * pairs + i];
        f.sink = clients[2 * pairs + flooders + i]->userName.toStdString();
        f.idPrefix = f.client->userName.toStdString() + "-";
    }
    for (size_t i = 0; i < clients.size(); ++i) {
        BenchClient *c = clients[i];
        ErrorCounter *errors = i < 2 * pairs ? &m_errors : &m_floodErrors;
        connect(c, &BenchClient::disconnected, this, [this, errors](const QString &reason) {
            if (m_phase != Phase::Done)
                errors->add(QStringLiteral("disconnected: ") + reason);
        });
        connect(c, &BenchClient::protocolError, this,
            [errors](const QString &reason) { errors->add(reason); });
    }

    m_phase = m_opt.warmupS > 0 ? Phase::Warmup : Phase::Measure;
    m_loadStartNs = m_clock.nsecsElapsed();
    if (m_phase == Phase::Measure)
        beginMeasure();
    else
        QTimer::singleShot(static_cast<int>(m_opt.warmupS * 1000), Qt::PreciseTimer, this,
            &P2pScenario::beginMeasure);

    if (m_opt.rate > 0)
        m_pacer.start();
    else
        for (size_t i = 0; i < m_senders.size(); ++i)
            fillWindow(i);
    if (!m_flooders.empty())
        m_floodTimer.start();
}

void P2pScenario::beginMeasure()
{
    m_phase = Phase::Measure;
    m_atMeasureStart = m_total;
    m_floodAtMeasureStart = m_flood;
    m_measureStartNs = m_clock.nsecsElapsed();
    m_cpuAtMeasureStart = CpuTime::now();
    QTimer::singleShot(
        static_cast<int>(m_opt.durationS * 1000), Qt::PreciseTimer, this, &P2pScenario::endMeasure);
}

void P2pScenario::endMeasure()
{
    m_measureEndNs = m_clock.nsecsElapsed();
    m_cpuAtMeasureEnd = CpuTime::now();
    m_atMeasureEnd = m_total;
    m_floodAtMeasureEnd = m_flood;
    m_pacer.stop();
    m_floodTimer.stop();
    if (m_opt.drainS <= 0) {
        report();
        return;
    }
    m_phase = Phase::Drain;
    m_drainStartNs = m_clock.nsecsElapsed();
    m_drainTimer.start();
}

void P2pScenario::onDrainTick()
{
    bool idle = m_sendTimes.empty();
    for (const Sender &s : m_senders)
        idle = idle && s.inFlight == 0;
    if (idle || m_clock.nsecsElapsed() - m_drainStartNs > m_opt.drainS * 1e9) {
        m_drainTimer.stop();
        report();
    }
}

void P2pScenario::report()
{
    const qint64 drainNs = m_phase == Phase::Drain ? m_clock.nsecsElapsed() - m_drainStartNs : 0;
    m_phase = Phase::Done;

    const double seconds = (m_measureEndNs - m_measureStartNs) / 1e9;
    const auto perSecond
        = [seconds](quint64 a, quint64 b) { return round2(static_cast<double>(b - a) / seconds); };
    const CpuTime cpu = m_cpuAtMeasureEnd - m_cpuAtMeasureStart;

    QJsonObject o;
    o[QStringLiteral("scenario")] = QStringLiteral("p2p");
    o[QStringLiteral("pairs")] = m_opt.pairs;
    o[QStringLiteral("window")] = m_opt.window;
    o[QStringLiteral("rate_target")] = m_opt.rate > 0 ? QJsonValue(m_opt.rate) : QJsonValue();
    o[QStringLiteral("warmup_s")] = m_opt.warmupS;
    o[QStringLiteral("measured_s")] = round2(seconds);
    o[QStringLiteral("sent")] = static_cast<qint64>(m_atMeasureEnd.sent - m_atMeasureStart.sent);
    o[QStringLiteral("acks")] = static_cast<qint64>(m_atMeasureEnd.acked - m_atMeasureStart.acked);
    o[QStringLiteral("delivered")]
        = static_cast<qint64>(m_atMeasureEnd.delivered - m_atMeasureStart.delivered);
    o[QStringLiteral("sent_per_s")] = perSecond(m_atMeasureStart.sent, m_atMeasureEnd.sent);
    o[QStringLiteral("acks_per_s")] = perSecond(m_atMeasureStart.acked, m_atMeasureEnd.acked);
    o[QStringLiteral("delivered_per_s")]
        = perSecond(m_atMeasureStart.delivered, m_atMeasureEnd.delivered);
    o[QStringLiteral("latency_ms")] = m_latency.summary();
    o[QStringLiteral("errors")] = m_errors.total();
    o[QStringLiteral("error_kinds")] = m_errors.toJson();
    if (m_opt.rate > 0)
        o[QStringLiteral("window_full_ticks")] = static_cast<qint64>(m_windowFullTicks);
    o[QStringLiteral("bench_cpu_s")] = round2(cpu.total());
    o[QStringLiteral("bench_cpu_pct")] = round2(100.0 * cpu.total() / seconds);
    o[QStringLiteral("setup_s")] = round2(m_setupS);
    if (m_opt.drainS > 0) {
        o[QStringLiteral("drain_s")] = round2(drainNs / 1e9);
        o[QStringLiteral("undelivered")] = static_cast<qint64>(m_total.sent - m_total.delivered);
    }
    if (!m_flooders.empty()) {
        const Counters &a = m_floodAtMeasureStart;
        const Counters &b = m_floodAtMeasureEnd;
        const auto count = [](quint64 from, quint64 to) { return static_cast<qint64>(to - from); };
        o[QStringLiteral("flood")] = QJsonObject {
            { QStringLiteral("flooders"), m_opt.flooders },
            { QStringLiteral("rate_target_per_flooder"), m_opt.floodRate },
            { QStringLiteral("sent"), count(a.sent, b.sent) },
            { QStringLiteral("accepted"), count(a.acked, b.acked) },
            { QStringLiteral("rate_limited"), count(a.rateLimited, b.rateLimited) },
            { QStringLiteral("other_errors"), count(a.otherErrors, b.otherErrors) },
            { QStringLiteral("sent_per_s"), perSecond(a.sent, b.sent) },
            { QStringLiteral("accepted_per_s"), perSecond(a.acked, b.acked) },
            { QStringLiteral("accepted_per_s_per_flooder"),
                round2(perSecond(a.acked, b.acked) / m_opt.flooders) },
            { QStringLiteral("error_kinds"), m_floodErrors.toJson() },
        };
    }
    if (m_opt.onResult) {
        m_opt.onResult(o);
    } else {
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }

    for (BenchClient *c : m_setup->clients())
        c->close();
    Q_EMIT finished(0);
}

void P2pScenario::sendOne(size_t senderIndex)
{
    Sender &s = m_senders[senderIndex];
    std::string clientId = s.idPrefix + std::to_string(++s.counter);

    proto::Envelope e;
    auto *send = e.mutable_send();
    send->set_client_id(clientId);
    if (s.conversationId)
        send->set_conversation_id(s.conversationId);
    else
        send->set_to_user(s.partner);
    send->set_body(m_body);

    ++s.inFlight;
    ++m_total.sent;
    m_sendTimes.emplace(clientId, m_clock.nsecsElapsed());
    s.client->request(std::move(e),
        [this, senderIndex, clientId = std::move(clientId)](const proto::Envelope &r) {
            Sender &s = m_senders[senderIndex];
            --s.inFlight;
            const bool limited = r.has_error() && r.error().code() == proto::RATE_LIMITED;
            if (r.has_ack()) {
                ++m_total.acked;
                s.conversationId = r.ack().conversation_id();
            } else {
                countError(unexpectedAnswer("send", r));
                m_sendTimes.erase(clientId);
            }
            if (m_phase == Phase::Done || m_phase == Phase::Drain || m_opt.rate > 0)
                return;
            if (!limited) {
                fillWindow(senderIndex);
            } else if (!s.backingOff) {
                // Refilling at once would turn the limit into a storm of
                // refused sends; wait for the bucket to refill a little.
                s.backingOff = true;
                QTimer::singleShot(kRateLimitedBackoffMs, this, [this, senderIndex] {
                    m_senders[senderIndex].backingOff = false;
                    if (m_phase == Phase::Warmup || m_phase == Phase::Measure)
                        fillWindow(senderIndex);
                });
            }
        });
}

void P2pScenario::fillWindow(size_t senderIndex)
{
    Sender &s = m_senders[senderIndex];
    while (s.inFlight < m_opt.window && !s.backingOff && s.client->isOpen())
        sendOne(senderIndex);
}

void P2pScenario::onPacingTick()
{
    const double elapsed = (m_clock.nsecsElapsed() - m_loadStartNs) / 1e9;
    const auto due = static_cast<quint64>(m_opt.rate * elapsed);
    const size_t n = m_senders.size();
    while (m_total.sent < due) {
        // Round robin over the senders that have room in their window.
        size_t tried = 0;
        while (tried < n
            && (m_senders[m_nextSender].inFlight >= m_opt.window
                || !m_senders[m_nextSender].client->isOpen())) {
            m_nextSender = (m_nextSender + 1) % n;
            ++tried;
        }
        if (tried == n) {
            ++m_windowFullTicks; // behind schedule; catch up on a later tick
            return;
        }
        sendOne(m_nextSender);
        m_nextSender = (m_nextSender + 1) % n;
    }
}

void P2pScenario::onFloodTick()
{
    const double elapsed = (m_clock.nsecsElapsed() - m_loadStartNs) / 1e9;
    const auto due = static_cast<quint64>(m_opt.floodRate * elapsed);
    for (Flooder &f : m_flooders) {
        while (f.counter < due && f.client->isOpen()) {
            proto::Envelope e;
            auto *send = e.mutable_send();
            send->set_client_id(f.idPrefix + std::to_string(++f.counter));
            send->set_to_user(f.sink);
            send->set_body(m_body);
            ++m_flood.sent;
            f.client->request(std::move(e), [this](const proto::Envelope &r) {
                if (r.has_ack()) {
                    ++m_flood.acked;
                } else if (r.has_error() && r.error().code() == proto::RATE_LIMITED) {
                    ++m_flood.rateLimited;
                } else {
                    ++m_flood.otherErrors;
                    m_floodErrors.add(unexpectedAnswer("send", r));
                }
            });
        }
    }
}

void P2pScenario::onNotify(size_t recipientIndex, quint64 conversationId, quint64 seq)
{
    ConversationState &c = m_recipients[recipientIndex].conversations[conversationId];
    c.wantSeq = std::max<quint64>(c.wantSeq, seq);
    maybePull(recipientIndex, conversationId);
}

void P2pScenario::maybePull(size_t recipientIndex, quint64 conversationId)
{
    Recipient &r = m_recipients[recipientIndex];
    ConversationState &c = r.conversations[conversationId];
    if (c.pulling || c.wantSeq <= c.lastSeq || m_phase == Phase::Done || !r.client->isOpen())
        return;
    c.pulling = true;
    proto::Envelope e;
    auto *range = e.mutable_pull()->add_ranges();
    range->set_conversation_id(conversationId);
    range->set_after_seq(c.lastSeq);
    range->set_limit(0); // server default
    r.client->request(
        std::move(e), [this, recipientIndex, conversationId](const proto::Envelope &resp) {
            onPulled(recipientIndex, conversationId, resp);
        });
}

void P2pScenario::onPulled(
    size_t recipientIndex, quint64 conversationId, const proto::Envelope &response)
{
    ConversationState &c = m_recipients[recipientIndex].conversations[conversationId];
    c.pulling = false;
    if (!response.has_pull_response()) {
        countError(unexpectedAnswer("pull", response));
        return; // the next Notify pulls again
    }
    const qint64 now = m_clock.nsecsElapsed();
    const bool measuring = m_phase == Phase::Measure;
    for (const proto::Event &ev : response.pull_response().events()) {
        if (ev.conversation_id() != conversationId)
            continue;
        c.lastSeq = std::max<quint64>(c.lastSeq, ev.seq());
        if (ev.kind() != proto::EVENT_MESSAGE)
            continue;
        auto it = m_sendTimes.find(ev.client_id());
        if (it == m_sendTimes.end())
            continue; // not one of ours, or pulled twice
        ++m_total.delivered;
        if (measuring)
            m_latency.add((now - it->second) / 1e6);
        m_sendTimes.erase(it);
    }
    for (const proto::ConversationHead &h : response.pull_response().heads())
        if (h.conversation_id() == conversationId)
            c.wantSeq = std::max<quint64>(c.wantSeq, h.last_seq());
    maybePull(recipientIndex, conversationId);
}

void P2pScenario::countError(const QString &what)
{
    m_errors.add(what);
}

} // namespace natter::bench
