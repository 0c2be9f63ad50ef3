// OutboxSender: replays the outbox to the server in order, one entry in
// flight at a time (the server assigns seqs in arrival order, so a retried
// entry cannot be overtaken). A message goes to its conversation's id; to a
// local conversation (a direct chat the server has not created yet) it goes
// by the peer's name, and the ack that creates the chat gives the local
// conversation its server id. Transient errors (RATE_LIMITED, INTERNAL, a
// lost connection) retry with backoff; refusals mark the entry failed,
// visible to the user, retryable. Lives on the engine's thread; writes the
// outbox (and, through its acknowledge, the timeline).
#pragma once

#include "store/Store.h"
#include "sync/Backoff.h"
#include "sync/Connection.h"

#include <QObject>

namespace natter {

class OutboxSender : public QObject
{
    Q_OBJECT
public:
    explicit OutboxSender(Store &store, QObject *parent = nullptr);

    void attach(Connection *session);
    void flush();
    bool isBusy() const { return m_inFlight || m_retry.isPending(); }

signals:
    void outboxStateChanged();
    void messagesChanged(quint64 conversationId);
    void conversationsChanged();
    // A local conversation got its id from the server (its first ack).
    void conversationCreated(quint64 localId, quint64 conversationId);
    // An ack that means the user's feed has new entries, committed before
    // it: a group action (a join, a request, a remark) or the first
    // message of a direct chat (the server created it).
    void feedGrew();
    void acknowledged(); // the ack may reveal a new conversation or a gap before our seq
    void sendFailed(const QString &clientId, const QString &error);
    void settled(); // nothing pending

private:
    proto::Envelope requestFor(const OutboxEntry &entry);
    void onReply(const OutboxEntry &entry, const proto::Envelope &reply);

    Store &m_store;
    Connection *m_session = nullptr;
    bool m_inFlight = false;
    Backoff m_retry;
};

} // namespace natter
