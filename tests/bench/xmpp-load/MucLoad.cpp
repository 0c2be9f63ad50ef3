#include "MucLoad.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

namespace natter::bench {

MucLoad::MucLoad(const MucLoadOptions &options, QObject *parent)
    : QObject(parent)
    , m_opt(options)
{
    std::string text = "natter-xmpp-load muc ";
    text.resize(static_cast<size_t>(std::max(1, m_opt.textBytes)), 'x');
    m_body = QByteArray::fromStdString(text);
    m_pacer.setTimerType(Qt::PreciseTimer);
    m_pacer.setInterval(1);
    connect(&m_pacer, &QTimer::timeout, this, &MucLoad::onPacingTick);
    m_drainTimer.setInterval(10);
    connect(&m_drainTimer, &QTimer::timeout, this, &MucLoad::onDrainTick);
}

MucLoad::~MucLoad()
{
    m_pools.stop();
}

void MucLoad::start()
{
    m_clock.start();
    if (m_opt.prefix.isEmpty())
        m_opt.prefix = QStringLiteral("x%1").arg(
            QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const QString mucDomain = m_opt.mucDomain.isEmpty()
        ? QStringLiteral("conference.") + m_opt.server.domain
        : m_opt.mucDomain;
    m_room = (m_opt.prefix + QStringLiteral("-room@") + mucDomain).toUtf8();
    std::vector<XmppAccount> accounts;
    for (int i = 0; i < m_opt.members; ++i) {
        XmppAccount a = m_opt.server;
        a.user = QStringLiteral("%1-m%2").arg(m_opt.prefix).arg(i);
        a.password = m_opt.password;
        accounts.push_back(a);
    }
    const int others = m_opt.members - 1;
    const int threads = std::max(1, std::min(m_opt.threads, others));
    std::fprintf(stderr, "natter-xmpp-load: %s: %d occupants as %s-* on %d threads, room %s\n",
        qPrintable(m_opt.label), m_opt.members, qPrintable(m_opt.prefix), threads,
        m_room.constData());

    // Occupants 1.. in contiguous shares, one pool per thread.
    for (int t = 0; t < threads; ++t) {
        const auto from = static_cast<size_t>(1 + others * t / threads);
        const auto to = static_cast<size_t>(1 + others * (t + 1) / threads);
        MucMembers *members = m_pools.add(new MucMembers(m_clock), QStringLiteral("muc-%1").arg(t));
        connect(members, &MucMembers::signedIn, this,
            [this](const QString &error) { onPoolSignal(error, &MucLoad::createRoom); });
        connect(members, &MucMembers::joined, this,
            [this](const QString &error) { onPoolSignal(error, &MucLoad::beginLoad); });
        const std::vector<XmppAccount> share(
            accounts.begin() + qsizetype(from), accounts.begin() + qsizetype(to));
        const bool registerFirst = m_opt.registerUsers;
        const int concurrency = m_opt.connectConcurrency;
        QMetaObject::invokeMethod(members, [members, share, registerFirst, concurrency] {
            members->signIn(share, registerFirst, concurrency);
        });
        ++m_pending;
    }
    XmppClient::Options o;
    o.registerFirst = m_opt.registerUsers;
    m_sender = new XmppClient(accounts.front(), o, this);
    m_sender->onMessage
        = [this](const QByteArray &id, const QByteArray &type) { onSenderMessage(id, type); };
    m_sender->onError = [this](const QString &reason) {
        if (m_phase != Phase::Done)
            m_errors.add(QStringLiteral("sender: ") + reason);
    };
    ++m_pending;
    m_sender->start([this](const QString &error) { onPoolSignal(error, &MucLoad::createRoom); });
}

void MucLoad::onPoolSignal(const QString &error, void (MucLoad::*next)())
{
    if (m_failed)
        return;
    if (!error.isEmpty())
        return failSetup(error);
    if (--m_pending == 0)
        (this->*next)();
}

void MucLoad::failSetup(const QString &error)
{
    m_failed = true;
    std::fprintf(stderr, "natter-xmpp-load: muc setup failed: %s\n", qPrintable(error));
    const QJsonObject o { { QStringLiteral("scenario"), QStringLiteral("xmpp-muc") },
        { QStringLiteral("system"), m_opt.label }, { QStringLiteral("error"), error } };
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    m_phase = Phase::Done;
    if (m_sender)
        m_sender->close();
    m_pools.stop();
    Q_EMIT finished(1);
}

void MucLoad::createRoom()
{
    std::fprintf(stderr, "natter-xmpp-load: %s: %d signed in after %.2f s\n",
        qPrintable(m_opt.label), m_opt.members, m_clock.nsecsElapsed() / 1e9);
    m_sender->joinRoom(
        m_room, m_sender->account().user.toUtf8(), [this](const QString &error, bool created) {
            if (!error.isEmpty())
                return failSetup(QStringLiteral("creating the room: ") + error);
            if (!created)
                return joinOthers();
            // A new room is locked until its owner configures it.
            m_sender->configureInstantRoom(m_room, [this](const QString &error) {
                if (!error.isEmpty())
                    return failSetup(error);
                joinOthers();
            });
        });
}

void MucLoad::joinOthers()
{
    m_pending = int(m_pools.size());
    const QByteArray room = m_room;
    const int concurrency = m_opt.connectConcurrency;
    m_pools.post([room, concurrency](MucMembers &m) { m.join(room, concurrency); });
}

void MucLoad::beginLoad()
{
    m_setupS = m_clock.nsecsElapsed() / 1e9;
    std::fprintf(stderr, "natter-xmpp-load: %s: a room of %d after %.2f s\n",
        qPrintable(m_opt.label), m_opt.members, m_setupS);
    // The join presences settle before the load starts.
    QTimer::singleShot(500, this, [this] {
        m_phase = m_opt.warmupS > 0 ? Phase::Warmup : Phase::Measure;
        m_loadStartNs = m_clock.nsecsElapsed();
        if (m_phase == Phase::Measure)
            beginMeasure();
        else
            QTimer::singleShot(
                int(m_opt.warmupS * 1000), Qt::PreciseTimer, this, &MucLoad::beginMeasure);
        if (m_opt.rate > 0)
            m_pacer.start();
        else
            fillWindow();
    });
}

void MucLoad::beginMeasure()
{
    m_phase = Phase::Measure;
    m_measureStartNs = m_clock.nsecsElapsed();
    m_firstMeasured = quint32(m_sentNs.size());
    m_cpuStart = CpuTime::now();
    m_serverCpuStart = ProcessProbe::cpuSeconds(m_opt.serverPid);
    std::fprintf(stderr, "natter-xmpp-load: %s: measuring\n", qPrintable(m_opt.label));
    QTimer::singleShot(int(m_opt.durationS * 1000), Qt::PreciseTimer, this, &MucLoad::endMeasure);
}

void MucLoad::endMeasure()
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

quint64 MucLoad::deliveredSoFar() const
{
    quint64 n = 0;
    m_pools.read([&n](const MucMembers &m) { n += m.deliveries(); });
    return n;
}

void MucLoad::onDrainTick()
{
    // Every message reflected and at every other occupant, or time is up.
    const quint64 expected = quint64(m_sentNs.size() - 1) * quint64(m_opt.members - 1);
    if ((m_inFlight == 0 && deliveredSoFar() >= expected)
        || m_clock.nsecsElapsed() - m_drainStartNs > m_opt.drainS * 1e9) {
        m_drainTimer.stop();
        report();
    }
}

void MucLoad::onPacingTick()
{
    // Sends due by now at the target rate (several per tick above 1,000/s).
    const double due = (m_clock.nsecsElapsed() - m_loadStartNs) / 1e9 * m_opt.rate;
    while (double(m_sentNs.size() - 1) < due && m_sender->isReady())
        sendOne();
}

void MucLoad::fillWindow()
{
    while (m_inFlight < m_opt.window && m_sender->isReady())
        sendOne();
}

void MucLoad::sendOne()
{
    const auto n = quint32(m_sentNs.size());
    ++m_inFlight;
    m_sentNs.push_back(m_clock.nsecsElapsed());
    m_counted.push_back(true);
    m_reflected.push_back(false);
    m_sender->sendGroupchat(m_room, "muc-" + QByteArray::number(n), m_body);
}

void MucLoad::onSenderMessage(const QByteArray &id, const QByteArray &type)
{
    if (m_phase == Phase::Done)
        return;
    if (type == "error") {
        m_errors.add(QStringLiteral("message bounced to sender"));
        return;
    }
    const quint32 n = mucMessageNumber(id);
    if (type != "groupchat" || n == 0 || n >= m_reflected.size() || m_reflected[n])
        return;
    m_reflected[n] = true;
    ++m_reflectedTotal;
    --m_inFlight;
    if (m_opt.rate <= 0 && (m_phase == Phase::Warmup || m_phase == Phase::Measure))
        fillWindow();
}

void MucLoad::report()
{
    const double drainS = (m_clock.nsecsElapsed() - m_drainStartNs) / 1e9;
    m_phase = Phase::Done;
    FanoutTally tally(
        m_sentNs, m_counted, m_firstMeasured, m_lastMeasured, m_measureStartNs, m_measureEndNs);
    m_pools.each([&](MucMembers &m) {
        m.closeAll();
        tally.add(m.recorded());
        m_errors.merge(m.errors());
    });
    const double seconds = (m_measureEndNs - m_measureStartNs) / 1e9;
    const CpuTime cpu = m_cpuEnd - m_cpuStart;
    QJsonObject o;
    o[QStringLiteral("scenario")] = QStringLiteral("xmpp-muc");
    o[QStringLiteral("system")] = m_opt.label;
    o[QStringLiteral("members")] = m_opt.members;
    o[QStringLiteral("threads")] = int(m_pools.size());
    o[QStringLiteral("rate_target")] = m_opt.rate > 0 ? QJsonValue(m_opt.rate) : QJsonValue();
    if (m_opt.rate <= 0)
        o[QStringLiteral("window")] = m_opt.window;
    o[QStringLiteral("warmup_s")] = m_opt.warmupS;
    o[QStringLiteral("measured_s")] = round2(seconds);
    const quint64 inWindow = tally.report(o, m_opt.members - 1);
    o[QStringLiteral("reflected")] = qint64(m_reflectedTotal);
    o[QStringLiteral("errors")] = m_errors.total();
    o[QStringLiteral("error_kinds")] = m_errors.toJson();
    o[QStringLiteral("drain_s")] = round2(drainS);
    o[QStringLiteral("load_cpu_s")] = round2(cpu.total());
    o[QStringLiteral("load_cpu_pct")] = round2(100.0 * cpu.total() / seconds);
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
    QTimer::singleShot(100, this, [this] { Q_EMIT finished(0); });
}

} // namespace natter::bench
