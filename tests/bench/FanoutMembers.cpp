#include "FanoutMembers.h"

#include "protocol/Frame.h"

#include <algorithm>
#include <cstdlib>

namespace natter::bench {

namespace {

// "fanout-123" -> 123 (0 for anything else: the create and invites are not messages).
quint32 messageNumber(const std::string &clientId)
{
    constexpr char kPrefix[] = "fanout-";
    if (clientId.compare(0, sizeof(kPrefix) - 1, kPrefix) != 0)
        return 0;
    return static_cast<quint32>(std::strtoul(clientId.c_str() + sizeof(kPrefix) - 1, nullptr, 10));
}

} // namespace

FanoutMembers::FanoutMembers(const QElapsedTimer &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

void FanoutMembers::registerMembers(const QUrl &server, const QStringList &names, int concurrency)
{
    m_setup = new UserSetup(this);
    m_setup->start(server, names, concurrency, [this](const QString &error) {
        if (error.isEmpty()) {
            const auto &clients = m_setup->clients();
            m_members.resize(clients.size());
            for (size_t i = 0; i < clients.size(); ++i) {
                m_members[i].client = clients[i];
                connect(
                    clients[i], &BenchClient::disconnected, this, [this](const QString &reason) {
                        if (!m_closed)
                            m_errors.add(QStringLiteral("disconnected: ") + reason);
                    });
                connect(clients[i], &BenchClient::protocolError, this,
                    [this](const QString &reason) { m_errors.add(reason); });
                clients[i]->setPushHandler([this, i](const proto::Envelope &e) {
                    if (e.has_notify())
                        onNotify(i, e.notify().conversation_id(), e.notify().seq());
                });
            }
            m_recorded.reserve(1 << 20);
        }
        Q_EMIT registered(error);
    });
}

void FanoutMembers::follow(quint64 groupId, quint64 fromSeq)
{
    m_group = groupId;
    for (Member &m : m_members) {
        m.lastSeq = std::max(m.lastSeq, fromSeq);
        m.wantSeq = std::max(m.wantSeq, m.lastSeq);
    }
}

void FanoutMembers::closeAll()
{
    m_closed = true;
    for (Member &m : m_members)
        m.client->close();
}

void FanoutMembers::onNotify(size_t member, quint64 conversationId, quint64 seq)
{
    if (conversationId != m_group || m_group == 0 || m_closed)
        return;
    Member &m = m_members[member];
    m.wantSeq = std::max<quint64>(m.wantSeq, seq);
    if (!m.pulling && m.wantSeq > m.lastSeq)
        pull(member);
}

void FanoutMembers::pull(size_t member)
{
    Member &m = m_members[member];
    m.pulling = true;
    m_pulls.fetch_add(1, std::memory_order_relaxed);
    proto::Envelope e;
    auto *range = e.mutable_pull()->add_ranges();
    range->set_conversation_id(m_group);
    range->set_after_seq(m.lastSeq);
    range->set_limit(limits::kDefaultPullLimit);
    m.client->request(std::move(e), [this, member](const proto::Envelope &r) {
        Member &m = m_members[member];
        m.pulling = false;
        if (!r.has_pull_response()) {
            m_errors.add(QStringLiteral("pull: ")
                + (r.has_error() ? QLatin1String(errorCodeName(r.error().code()))
                                 : QLatin1String("unexpected response")));
            return;
        }
        const qint64 now = m_clock.nsecsElapsed();
        for (const proto::Event &ev : r.pull_response().events()) {
            m.lastSeq = std::max<quint64>(m.lastSeq, ev.seq());
            if (ev.kind() != proto::EVENT_MESSAGE)
                continue;
            if (const quint32 n = messageNumber(ev.client_id())) {
                m_recorded.push_back({ n, now });
                m_count.fetch_add(1, std::memory_order_relaxed);
            }
        }
        for (const auto &h : r.pull_response().heads())
            m.wantSeq = std::max<quint64>(m.wantSeq, h.last_seq());
        if (m.wantSeq > m.lastSeq && !m_closed)
            pull(member);
    });
}

} // namespace natter::bench
