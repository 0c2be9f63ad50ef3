#include "storage/RecentEvents.h"

#include <algorithm>
#include <iterator>

namespace natter::server {

qsizetype RecentEvents::sizeOf(const EventRow &e)
{
    return qsizetype(sizeof(EventRow)) + e.body.size()
        + (e.clientId.size() + e.relation.key.size()) * 2;
}

void RecentEvents::append(const EventRow &event, const QList<quint64> &members)
{
    std::lock_guard lock(m_mutex);
    auto it = m_runs.find(event.conversationId);
    if (it != m_runs.end() && (it->events.empty() || it->events.back().seq + 1 != event.seq)) {
        // Not the next seq: whatever it held is no longer known to be
        // contiguous with the head. Start over.
        erase(it);
        it = m_runs.end();
    }
    if (it == m_runs.end()) {
        m_byAge.push_back(event.conversationId);
        it = m_runs.insert(event.conversationId, Run {});
        it->members = members;
        it->age = std::prev(m_byAge.end());
    } else {
        m_byAge.splice(m_byAge.end(), m_byAge, it->age); // now the youngest
    }
    Run &run = *it;
    run.events.push_back(event);
    const qsizetype size = sizeOf(event);
    run.bytes += size;
    m_bytes += size;
    if (run.events.size() > kEventsPerConversation)
        dropOldest(run);
    while (m_bytes > kBudgetBytes && m_byAge.size() > 1)
        erase(m_runs.find(m_byAge.front()));
}

void RecentEvents::forget(quint64 conversationId)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_runs.find(conversationId); it != m_runs.end())
        erase(it);
}

std::optional<RecentEvents::Slice> RecentEvents::after(
    quint64 conversationId, quint64 userId, quint64 afterSeq, int limit) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_runs.constFind(conversationId);
    if (it == m_runs.cend() || !it->members.contains(userId))
        return std::nullopt;
    const std::deque<EventRow> &events = it->events;
    const quint64 first = events.front().seq;
    const quint64 last = events.back().seq;
    Slice slice;
    slice.lastSeq = last;
    if (afterSeq >= last)
        return slice; // up to date (or ahead: the database path says the same)
    if (afterSeq + 1 < first)
        return std::nullopt; // older events needed
    const auto from = events.begin() + qsizetype(afterSeq + 1 - first);
    const auto to = from + std::min<qsizetype>(events.end() - from, limit);
    slice.events.reserve(to - from);
    std::copy(from, to, std::back_inserter(slice.events));
    return slice;
}

qsizetype RecentEvents::bytes() const
{
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

int RecentEvents::conversations() const
{
    std::lock_guard lock(m_mutex);
    return int(m_runs.size());
}

void RecentEvents::dropOldest(Run &run)
{
    const qsizetype size = sizeOf(run.events.front());
    run.events.pop_front();
    run.bytes -= size;
    m_bytes -= size;
}

void RecentEvents::erase(QHash<quint64, Run>::iterator it)
{
    m_bytes -= it->bytes;
    m_byAge.erase(it->age);
    m_runs.erase(it);
}

} // namespace natter::server
