#include "XmppLoad.h"

#include "Throttled.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>

#include <cmath>
#include <cstdio>

namespace natter::bench {

namespace {

QString randomHex(int chars)
{
    QString s;
    for (int i = 0; i < chars; ++i)
        s += QLatin1Char("0123456789abcdef"[QRandomGenerator::global()->bounded(16)]);
    return s;
}

} // namespace

XmppLoad::XmppLoad(const XmppLoadOptions &options, QObject *parent)
    : QObject(parent)
    , m_opt(options)
{
    std::string text = "natter-xmpp-load ";
    text.resize(static_cast<size_t>(std::max(1, m_opt.textBytes)), 'x');
    m_body = QByteArray::fromStdString(text);
}

void XmppLoad::start()
{
    m_clock.start();
    if (m_opt.prefix.isEmpty())
        m_opt.prefix = QStringLiteral("x") + randomHex(8);
    std::fprintf(stderr, "natter-xmpp-load: %s: connecting %d users as %s-* to %s:%d\n",
        qPrintable(m_opt.label), m_opt.pairs * 2, qPrintable(m_opt.prefix),
        qPrintable(m_opt.server.host), m_opt.server.port);

    XmppClient::Options clientOptions;
    clientOptions.registerFirst = m_opt.registerUsers;
    clientOptions.streamManagement = m_opt.ackedWindow;
    const auto pairs = static_cast<size_t>(m_opt.pairs);
    for (size_t i = 0; i < 2 * pairs; ++i) {
        XmppAccount a = m_opt.server;
        a.user = QStringLiteral("%1-%2%3")
                     .arg(m_opt.prefix, i < pairs ? QStringLiteral("s") : QStringLiteral("r"))
                     .arg(i % pairs);
        a.password = m_opt.password;
        // Stream management only where the window needs it: on the senders.
        XmppClient::Options o = clientOptions;
        o.streamManagement = clientOptions.streamManagement && i < pairs;
        m_clients.push_back(new XmppClient(a, o, this));
    }
    m_senders.resize(pairs);
    for (size_t i = 0; i < pairs; ++i) {
        Sender &s = m_senders[i];
        s.client = m_clients[i];
        s.partner = m_clients[pairs + i]->bareJid();
        s.idPrefix = QByteArray::number(static_cast<qulonglong>(i)) + '-';
        s.client->onAck = [this, i](quint64 h) { onAck(i, h); };
        m_clients[pairs + i]->onMessage
            = [this](const QByteArray &id, const QByteArray &type) { onReceived(id, type); };
        s.client->onMessage = [this](const QByteArray &, const QByteArray &type) {
            if (type == "error")
                m_errors.add(QStringLiteral("message bounced to sender"));
        };
    }
    for (XmppClient *c : m_clients)
        c->onError = [this](const QString &reason) {
            if (m_phase != Phase::Done)
                m_errors.add(reason);
        };
    runThrottled(
        m_clients.size(), static_cast<size_t>(m_opt.connectConcurrency),
        [this](size_t i, StepDone done) { m_clients[i]->start(std::move(done)); },
        [this](const QString &error) { onSignedIn(error); });
}

void XmppLoad::onSignedIn(const QString &error)
{
    if (!error.isEmpty()) {
        failSetup(error);
        return;
    }
    m_setupS = m_clock.nsecsElapsed() / 1e9;
    std::fprintf(stderr, "natter-xmpp-load: %s: %d users signed in after %.2f s\n",
        qPrintable(m_opt.label), m_opt.pairs * 2, m_setupS);
    // Let the initial presences settle before the load starts.
    QTimer::singleShot(200, this, &XmppLoad::beginLoad);
}

void XmppLoad::failSetup(const QString &error)
{
    std::fprintf(stderr, "natter-xmpp-load: setup failed: %s\n", qPrintable(error));
    QJsonObject o { { QStringLiteral("scenario"), QStringLiteral("xmpp-p2p") },
        { QStringLiteral("system"), m_opt.label }, { QStringLiteral("error"), error } };
    printJson(o);
    m_phase = Phase::Done;
    for (XmppClient *c : m_clients)
        c->close();
    Q_EMIT finished(1);
}

void XmppLoad::printJson(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

void XmppLoad::beginLoad()
{
    m_phase = m_opt.warmupS > 0 ? Phase::Warmup : Phase::Measure;
    for (Sender &s : m_senders)
        s.smBase = s.client->stanzasOut();
    if (m_phase == Phase::Measure)
        beginMeasure();
    else
        QTimer::singleShot(static_cast<int>(m_opt.warmupS * 1000), Qt::PreciseTimer, this,
            &XmppLoad::beginMeasure);
    for (size_t i = 0; i < m_senders.size(); ++i)
        fillWindow(i);
}

void XmppLoad::beginMeasure()
{
    m_phase = Phase::Measure;
    m_atMeasureStart = m_total;
    m_measureStartNs = m_clock.nsecsElapsed();
    m_cpuStart = CpuTime::now();
    m_serverCpuStart = ProcessProbe::cpuSeconds(m_opt.serverPid);
    std::fprintf(stderr, "natter-xmpp-load: %s: measuring\n", qPrintable(m_opt.label));
    QTimer::singleShot(
        static_cast<int>(m_opt.durationS * 1000), Qt::PreciseTimer, this, &XmppLoad::finish);
}

void XmppLoad::finish()
{
    const qint64 endNs = m_clock.nsecsElapsed();
    const CpuTime cpu = CpuTime::now() - m_cpuStart;
    const double serverCpuEnd = ProcessProbe::cpuSeconds(m_opt.serverPid);
    m_atMeasureEnd = m_total;
    m_phase = Phase::Done;

    const double seconds = (endNs - m_measureStartNs) / 1e9;
    const auto perSecond
        = [seconds](quint64 a, quint64 b) { return round2(static_cast<double>(b - a) / seconds); };
    QJsonObject o;
    o[QStringLiteral("scenario")] = QStringLiteral("xmpp-p2p");
    o[QStringLiteral("system")] = m_opt.label;
    o[QStringLiteral("pairs")] = m_opt.pairs;
    o[QStringLiteral("window")] = m_opt.window;
    o[QStringLiteral("window_mode")]
        = m_opt.ackedWindow ? QStringLiteral("acked") : QStringLiteral("e2e");
    o[QStringLiteral("warmup_s")] = m_opt.warmupS;
    o[QStringLiteral("measured_s")] = round2(seconds);
    o[QStringLiteral("sent")] = static_cast<qint64>(m_atMeasureEnd.sent - m_atMeasureStart.sent);
    o[QStringLiteral("delivered")]
        = static_cast<qint64>(m_atMeasureEnd.delivered - m_atMeasureStart.delivered);
    o[QStringLiteral("sent_per_s")] = perSecond(m_atMeasureStart.sent, m_atMeasureEnd.sent);
    o[QStringLiteral("delivered_per_s")]
        = perSecond(m_atMeasureStart.delivered, m_atMeasureEnd.delivered);
    if (m_opt.ackedWindow) {
        o[QStringLiteral("acks")]
            = static_cast<qint64>(m_atMeasureEnd.acked - m_atMeasureStart.acked);
        o[QStringLiteral("acks_per_s")] = perSecond(m_atMeasureStart.acked, m_atMeasureEnd.acked);
    }
    o[QStringLiteral("latency_ms")] = m_latency.summary();
    o[QStringLiteral("errors")] = m_errors.total();
    o[QStringLiteral("error_kinds")] = m_errors.toJson();
    o[QStringLiteral("load_cpu_s")] = round2(cpu.total());
    o[QStringLiteral("load_cpu_pct")] = round2(100.0 * cpu.total() / seconds);
    if (m_opt.serverPid > 0 && m_serverCpuStart >= 0 && serverCpuEnd >= 0) {
        o[QStringLiteral("server_cpu_s")] = round2(serverCpuEnd - m_serverCpuStart);
        o[QStringLiteral("server_cpu_pct")]
            = round2(100.0 * (serverCpuEnd - m_serverCpuStart) / seconds);
    }
    o[QStringLiteral("setup_s")] = round2(m_setupS);
    printJson(o);

    for (XmppClient *c : m_clients)
        c->close();
    // Give the closing stream tags a moment to leave.
    QTimer::singleShot(100, this, [this] { Q_EMIT finished(0); });
}

void XmppLoad::fillWindow(size_t senderIndex)
{
    Sender &s = m_senders[senderIndex];
    if (m_phase == Phase::Done || !s.client->isReady())
        return;
    bool sent = false;
    while (s.inFlight < m_opt.window) {
        QByteArray id = s.idPrefix + QByteArray::number(++s.counter);
        m_sendTimes.emplace(id.toStdString(), m_clock.nsecsElapsed());
        s.client->sendChat(s.partner, id, m_body);
        ++s.inFlight;
        ++m_total.sent;
        sent = true;
    }
    if (sent && m_opt.ackedWindow)
        s.client->requestAck(); // one <r/> per burst; the <a h/> covers all of it
}

void XmppLoad::onReceived(const QByteArray &id, const QByteArray &type)
{
    if (type == "error") {
        m_errors.add(QStringLiteral("message error"));
        return;
    }
    auto it = m_sendTimes.find(id.toStdString());
    if (it == m_sendTimes.end())
        return; // not one of ours, or received twice
    const qint64 now = m_clock.nsecsElapsed();
    ++m_total.delivered;
    if (m_phase == Phase::Measure)
        m_latency.add((now - it->second) / 1e6);
    m_sendTimes.erase(it);
    if (m_opt.ackedWindow)
        return;
    // e2e window: the sender's slot frees when its partner has the message.
    const qsizetype dash = id.indexOf('-');
    bool ok = false;
    const qulonglong senderIndex = id.left(dash).toULongLong(&ok);
    if (!ok || senderIndex >= m_senders.size())
        return;
    --m_senders[senderIndex].inFlight;
    fillWindow(senderIndex);
}

void XmppLoad::onAck(size_t senderIndex, quint64 h)
{
    Sender &s = m_senders[senderIndex];
    // h counts every stanza since <enable/>; the messages are those after smBase.
    if (h < s.smBase)
        return;
    const quint64 acked = h - s.smBase;
    if (acked <= s.ackedTotal)
        return;
    const quint64 fresh = acked - s.ackedTotal;
    s.ackedTotal = acked;
    m_total.acked += fresh;
    s.inFlight -= static_cast<int>(fresh);
    if (s.inFlight < 0)
        s.inFlight = 0;
    fillWindow(senderIndex);
}

} // namespace natter::bench
