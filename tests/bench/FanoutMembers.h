// FanoutMembers: a share of a fanout run's group members, all on one
// worker thread with its own event loop (one loop polling every member's
// socket is what limits a single-threaded bench at 2,000 members). It
// registers its members, then pulls on each Notify of the group (one pull
// in flight per member, as the client does) and records each delivery as
// (message number, when) for FanoutScenario to merge once the run is over.
// Its methods run on its thread (FanoutScenario invokes them queued or
// blocking); deliveries() and pulls() are read from any thread.
#pragma once

#include "FanoutTally.h"
#include "Scenario.h"
#include "Stats.h"

#include <QElapsedTimer>

#include <atomic>
#include <vector>

namespace natter::bench {

class FanoutMembers : public QObject
{
    Q_OBJECT
public:
    using Delivery = FanoutDelivery; // message: the n of client id "fanout-n"

    // clock: the scenario's, started before any message is sent.
    FanoutMembers(const QElapsedTimer &clock, QObject *parent = nullptr);

    void registerMembers(const QUrl &server, const QStringList &names, int concurrency);
    // From now on the members follow this group, from its seq `fromSeq` on.
    void follow(quint64 groupId, quint64 fromSeq);
    void closeAll();

    quint64 deliveries() const { return m_count.load(std::memory_order_relaxed); }
    quint64 pulls() const { return m_pulls.load(std::memory_order_relaxed); }
    // On this object's thread (after closeAll, nothing is added any more).
    const std::vector<Delivery> &recorded() const { return m_recorded; }
    const ErrorCounter &errors() const { return m_errors; }

Q_SIGNALS:
    void registered(const QString &error); // "" when every member is signed in

private:
    struct Member
    {
        BenchClient *client = nullptr;
        quint64 lastSeq = 0;
        quint64 wantSeq = 0;
        bool pulling = false;
    };
    void onNotify(size_t member, quint64 conversationId, quint64 seq);
    void pull(size_t member);

    const QElapsedTimer &m_clock;
    UserSetup *m_setup = nullptr;
    std::vector<Member> m_members;
    quint64 m_group = 0;
    bool m_closed = false;
    std::vector<Delivery> m_recorded;
    std::atomic<quint64> m_count { 0 };
    std::atomic<quint64> m_pulls { 0 };
    ErrorCounter m_errors;
};

} // namespace natter::bench
