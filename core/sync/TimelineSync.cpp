#include "sync/TimelineSync.h"

#include "Logging.h"
#include "protocol/Frame.h"
#include "sync/Replies.h"

namespace natter {

TimelineSync::TimelineSync(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_retry(200, 10000, Backoff::Jitter::None)
{
    connect(&m_retry, &Backoff::due, this, &TimelineSync::pullMissing);
}

void TimelineSync::attach(Connection *session)
{
    m_session = session;
    m_inFlight = m_again = false;
    if (!session)
        m_retry.cancel();
}

void TimelineSync::onNotify(quint64 conversationId, quint64 seq)
{
    try {
        if (!m_store.conversations().contains(conversationId)) {
            emit unknownConversation();
            return;
        }
        if (m_store.conversations().applyHeads({ { conversationId, seq } }))
            pullMissing();
    } catch (const StoreError &e) {
        // The store refused (disk full?): catch up from the server later.
        qCCritical(lcSync) << "cannot record a notify:" << e.message();
        m_retry.schedule();
    }
}

void TimelineSync::pullMissing()
{
    if (!m_session)
        return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    QList<MissingRange> missing;
    try {
        missing = m_store.conversations().missingRanges();
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the store:" << e.message();
        m_retry.schedule();
        return;
    }
    if (missing.isEmpty()) {
        emit settled();
        return;
    }
    m_inFlight = true;
    m_again = false;
    proto::Envelope env;
    auto *pull = env.mutable_pull();
    // Most recent conversations first, and a bounded response: at most
    // kClientPullBudget events over all ranges (kMaxPullRanges / 4 ranges).
    const qsizetype ranges = std::min<qsizetype>(missing.size(), limits::kMaxPullRanges / 4);
    const quint32 perRange = std::clamp<quint32>(
        limits::kClientPullBudget / quint32(ranges), 1, limits::kDefaultPullLimit);
    for (const MissingRange &r : std::as_const(missing).first(ranges)) {
        auto *range = pull->add_ranges();
        range->set_conversation_id(r.conversationId);
        range->set_after_seq(r.afterSeq);
        range->set_limit(perRange);
    }
    Connection *session = m_session;
    session->request(env, [this, session](const proto::Envelope &reply) {
        if (session != m_session)
            return;
        m_inFlight = false;
        if (!reply.has_pull_response()) {
            if (session->isOpen()) {
                qCWarning(lcSync) << "pull failed:" << replyError(reply);
                m_retry.schedule();
            }
            return;
        }
        store(reply.pull_response());
    });
}

void TimelineSync::store(const proto::PullResponse &resp)
{
    QList<StoredEvent> events;
    events.reserve(resp.events_size());
    for (const auto &e : resp.events()) {
        StoredEvent ev;
        ev.conversationId = e.conversation_id();
        ev.seq = e.seq();
        ev.id = e.id();
        ev.senderId = e.sender_id();
        ev.senderDevice = e.sender_device();
        ev.clientId = QString::fromStdString(e.client_id());
        ev.kind = e.kind();
        ev.timeMs = e.time_ms();
        ev.body = QByteArray::fromStdString(e.body());
        ev.relation = Relation::fromProto(e.relates_to());
        events.append(std::move(ev));
    }
    QList<HeadUpdate> heads;
    for (const auto &h : resp.heads())
        heads.append({ h.conversation_id(), h.last_seq() });
    QList<quint64> changed;
    try {
        changed = m_store.insertEvents(events);
        m_store.conversations().applyHeads(heads);
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot store pulled events:" << e.message();
        m_retry.schedule();
        return;
    }
    m_retry.reset();
    for (quint64 id : std::as_const(changed))
        emit messagesChanged(id);
    if (!changed.isEmpty())
        emit conversationsChanged();
    // No progress means the server has nothing more for now: stop rather
    // than spin; a later notify or reconnect resumes.
    if (!events.isEmpty() || m_again)
        pullMissing();
    else
        emit settled();
}

} // namespace natter
