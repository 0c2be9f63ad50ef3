// Mailbox: cross-thread delivery into one network thread. Any thread posts;
// the owning network thread takes everything in one go. The wake callback
// runs only when the mailbox goes from empty to non-empty, so a burst of
// acks and notifies costs the network thread one wake-up. Notifies are
// coalesced here: per session and conversation only the highest seq stays.
#pragma once

#include <QHash>

#include <functional>
#include <mutex>
#include <vector>

namespace natter::server {

class Session;

class Mailbox
{
public:
    using Task = std::function<void(Session &)>;

    struct Batch
    {
        std::vector<std::pair<quint64, Task>> tasks; // in posting order
        QHash<std::pair<quint64, quint64>, quint64> notifies; // (session, conversation) -> seq
        QHash<quint64, quint64> feedNotifies; // session -> feed seq
        QHash<std::pair<quint64, quint64>, quint64> receipts; // (session, conversation) -> seq
        std::vector<quint64> closes; // sessions to cut off
        bool isEmpty() const
        {
            return tasks.empty() && notifies.isEmpty() && feedNotifies.isEmpty()
                && receipts.isEmpty() && closes.empty();
        }
    };

    explicit Mailbox(std::function<void()> wake);

    void postTask(quint64 sessionId, Task task);
    void postNotify(quint64 sessionId, quint64 conversationId, quint64 seq);
    void postFeedNotify(quint64 sessionId, quint64 seq);
    void postReceiptNotify(quint64 sessionId, quint64 conversationId, quint64 seq);
    void postClose(quint64 sessionId);

    Batch take(); // owning network thread only
    // Entries waiting (tasks, coalesced notifies, closes): any thread.
    qsizetype pending();

private:
    template<class F> void post(F &&mutate);

    std::function<void()> m_wake;
    std::mutex m_mutex; // guards m_batch
    Batch m_batch;
};

} // namespace natter::server
