#include "MucMembers.h"

#include "Throttled.h"

namespace natter::bench {

quint32 mucMessageNumber(const QByteArray &id)
{
    if (!id.startsWith("muc-"))
        return 0;
    bool ok = false;
    const quint32 n = id.mid(4).toUInt(&ok);
    return ok ? n : 0;
}

MucMembers::MucMembers(const QElapsedTimer &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

void MucMembers::signIn(
    const std::vector<XmppAccount> &accounts, bool registerFirst, int concurrency)
{
    XmppClient::Options o;
    o.registerFirst = registerFirst;
    for (const XmppAccount &a : accounts) {
        auto *c = new XmppClient(a, o, this);
        c->onMessage
            = [this](const QByteArray &id, const QByteArray &type) { onMessage(id, type); };
        c->onError = [this](const QString &reason) {
            if (!m_closed)
                m_errors.add(reason);
        };
        m_clients.push_back(c);
    }
    m_recorded.reserve(1 << 20);
    runThrottled(
        m_clients.size(), static_cast<size_t>(concurrency),
        [this](size_t i, StepDone done) { m_clients[i]->start(std::move(done)); },
        [this](const QString &error) { Q_EMIT signedIn(error); });
}

void MucMembers::join(const QByteArray &room, int concurrency)
{
    runThrottled(
        m_clients.size(), static_cast<size_t>(concurrency),
        [this, room](size_t i, StepDone done) {
            XmppClient *c = m_clients[i];
            c->joinRoom(room, c->account().user.toUtf8(),
                [c, done = std::move(done)](const QString &error, bool) {
                    done(
                        error.isEmpty() ? error : c->account().user + QStringLiteral(": ") + error);
                });
        },
        [this](const QString &error) { Q_EMIT joined(error); });
}

void MucMembers::closeAll()
{
    m_closed = true;
    for (XmppClient *c : m_clients)
        c->close();
}

void MucMembers::onMessage(const QByteArray &id, const QByteArray &type)
{
    if (m_closed)
        return;
    if (type == "error") {
        m_errors.add(QStringLiteral("message error"));
        return;
    }
    if (type != "groupchat")
        return;
    if (const quint32 n = mucMessageNumber(id)) {
        m_recorded.push_back({ n, m_clock.nsecsElapsed() });
        m_count.fetch_add(1, std::memory_order_relaxed);
    }
}

} // namespace natter::bench
