// MucMembers: a share of a muc run's room occupants, all on one worker
// thread with its own event loop (as natter-bench fanout's FanoutMembers).
// It signs its accounts in, joins them to the room, and records each
// groupchat message it receives as (message number, when) for MucLoad to
// merge once the run is over. Its methods run on its thread (MucLoad
// invokes them queued or blocking); deliveries() is read from any thread.
#pragma once

#include "FanoutTally.h"
#include "Stats.h"
#include "XmppClient.h"

#include <QElapsedTimer>

#include <atomic>
#include <vector>

namespace natter::bench {

// "muc-123" -> 123 (0 for anything else, e.g. the room's subject).
quint32 mucMessageNumber(const QByteArray &id);

class MucMembers : public QObject
{
    Q_OBJECT
public:
    // clock: MucLoad's, started before any message is sent.
    MucMembers(const QElapsedTimer &clock, QObject *parent = nullptr);

    // Every account in `accounts` (registered first when asked); signedIn(error).
    void signIn(const std::vector<XmppAccount> &accounts, bool registerFirst, int concurrency);
    // Each enters `room` with its user name as nick; joined(error).
    void join(const QByteArray &room, int concurrency);
    void closeAll();

    quint64 deliveries() const { return m_count.load(std::memory_order_relaxed); }
    // On this object's thread (after closeAll, nothing is added any more).
    const std::vector<FanoutDelivery> &recorded() const { return m_recorded; }
    const ErrorCounter &errors() const { return m_errors; }

Q_SIGNALS:
    void signedIn(const QString &error);
    void joined(const QString &error);

private:
    void onMessage(const QByteArray &id, const QByteArray &type);

    const QElapsedTimer &m_clock;
    std::vector<XmppClient *> m_clients;
    bool m_closed = false;
    std::vector<FanoutDelivery> m_recorded;
    std::atomic<quint64> m_count { 0 };
    ErrorCounter m_errors;
};

} // namespace natter::bench
