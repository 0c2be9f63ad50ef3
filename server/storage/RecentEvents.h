// RecentEvents: the latest events of recently active conversations, in
// memory. The writer adds what it committed (after the commit, before the
// notifies go out), so the pull that follows a notify — nearly every pull —
// is answered by the network thread without a database transaction.
//
// What it holds per conversation is a contiguous run of events ending at
// the conversation's newest committed seq, and the member user ids. Every
// event the writer commits passes through here (the writer collects them
// per transaction; a rolled-back one never arrives), so the run's end is the
// conversation's last_seq; a membership change forgets the conversation
// (the next event starts a fresh run with the new members). A lookup that
// needs anything older than the run, or a conversation it does not hold,
// or a user who is not a member by its list, is a miss: the caller reads the
// database instead, which also produces the errors.
//
// Bounded: at most kEventsPerConversation events per conversation and about
// kBudgetBytes in all; the least recently appended conversations go first.
//
// Threads: append() and forget() on the writer thread; after() from any
// thread. One mutex; what is copied out under it is implicitly shared.
#pragma once

#include "storage/Rows.h"

#include <QHash>
#include <QList>

#include <deque>
#include <list>
#include <mutex>
#include <optional>

namespace natter::server {

class RecentEvents
{
public:
    static constexpr int kEventsPerConversation = 64;
    static constexpr qsizetype kBudgetBytes = qsizetype(32) * 1024 * 1024;

    // Writer thread, in commit order. members: the conversation's member
    // user ids now (used when the run starts).
    void append(const EventRow &event, const QList<quint64> &members);
    void forget(quint64 conversationId);

    struct Slice
    {
        QList<EventRow> events; // seq > afterSeq, ascending, at most limit
        quint64 lastSeq = 0; // the conversation's head
    };
    // Any thread: std::nullopt on a miss (see above).
    std::optional<Slice> after(
        quint64 conversationId, quint64 userId, quint64 afterSeq, int limit) const;

    qsizetype bytes() const;
    int conversations() const;

private:
    struct Run
    {
        QList<quint64> members;
        std::deque<EventRow> events; // contiguous seqs
        qsizetype bytes = 0;
        std::list<quint64>::iterator age; // in m_byAge
    };

    static qsizetype sizeOf(const EventRow &e);
    void dropOldest(Run &run); // its first event
    void erase(QHash<quint64, Run>::iterator it);

    mutable std::mutex m_mutex; // guards everything below
    QHash<quint64, Run> m_runs; // by conversation id
    std::list<quint64> m_byAge; // conversation ids, least recently appended first
    qsizetype m_bytes = 0;
};

} // namespace natter::server
