#include "gateway/Mailbox.h"

#include <QtGlobal>

namespace natter::server {

Mailbox::Mailbox(std::function<void()> wake)
    : m_wake(std::move(wake))
{
}

template<class F> void Mailbox::post(F &&mutate)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        wake = m_batch.isEmpty();
        mutate(m_batch);
    }
    if (wake)
        m_wake();
}

void Mailbox::postTask(quint64 sessionId, Task task)
{
    post([&](Batch &b) { b.tasks.emplace_back(sessionId, std::move(task)); });
}

void Mailbox::postNotify(quint64 sessionId, quint64 conversationId, quint64 seq)
{
    post([&](Batch &b) {
        quint64 &slot = b.notifies[{ sessionId, conversationId }];
        slot = qMax(slot, seq);
    });
}

void Mailbox::postFeedNotify(quint64 sessionId, quint64 seq)
{
    post([&](Batch &b) {
        quint64 &slot = b.feedNotifies[sessionId];
        slot = qMax(slot, seq);
    });
}

void Mailbox::postReceiptNotify(quint64 sessionId, quint64 conversationId, quint64 seq)
{
    post([&](Batch &b) {
        quint64 &slot = b.receipts[{ sessionId, conversationId }];
        slot = qMax(slot, seq);
    });
}

void Mailbox::postClose(quint64 sessionId)
{
    post([&](Batch &b) { b.closes.push_back(sessionId); });
}

Mailbox::Batch Mailbox::take()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_batch, Batch {});
}

qsizetype Mailbox::pending()
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_batch.tasks.size()) + m_batch.notifies.size() + m_batch.feedNotifies.size()
        + m_batch.receipts.size() + qsizetype(m_batch.closes.size());
}

} // namespace natter::server
