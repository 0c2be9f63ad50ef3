// The outbox: every user action is written here first, with its client id,
// and replayed to the server in order when connected. Rows survive crashes
// and restarts; a row leaves the outbox in the same transaction that stores
// the acknowledged event. Lives on the thread of the Store it is given.
#pragma once

#include "store/Store.h"

#include <optional>

namespace natter {

struct OutboxEntry
{
    enum Kind { Message = 1, Read = 2 };
    enum State { Pending = 0, Failed = 2 };
    qint64 ord = 0;
    QString clientId;
    Kind kind = Message;
    QString peer;
    quint64 conversationId = 0;
    QByteArray body;
    quint64 readSeq = 0;
    int attempts = 0;
};

class Outbox
{
public:
    explicit Outbox(Store &store);

    // Queues a text message to a user (direct conversation). Returns the
    // client id. Throws StoreError(Sql) for an empty or too long text.
    QString enqueueMessage(const QString &peer, const QString &text);
    // Marks the direct conversation with `peer` read up to its newest event,
    // locally at once and on the server through the outbox.
    // Returns false when there is no such conversation.
    bool enqueueRead(const QString &peer);

    std::optional<OutboxEntry> nextPending();
    int pendingCount(); // every kind: what the engine still has to send
    int pendingMessageCount(); // messages only: what the user waits for

    // Stores the acknowledged message as an event and removes the entry, in
    // one transaction.
    void acknowledge(
        const OutboxEntry &entry, quint64 conversationId, quint64 seq, quint64 id, qint64 timeMs);
    void remove(const QString &clientId);
    void fail(const QString &clientId, const QString &error);
    void noteAttempt(const QString &clientId);
    // Puts a failed entry back in the queue, at its original place.
    bool retry(const QString &clientId);

private:
    Store &m_store;
};

} // namespace natter
