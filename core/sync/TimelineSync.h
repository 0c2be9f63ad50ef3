// TimelineSync: fills each conversation's timeline up to the server's head.
// A notify raises the head and triggers a (coalesced) pull; a notify for an
// unknown conversation is the feed's business. Pulls ask for the missing
// ranges of the most recent conversations first, with a bounded answer;
// events are stored by (conversation, seq) and the contiguous prefix only
// grows over consecutive events, so history may be "not loaded yet", never
// silently skipped. No progress ends the round (never spins). A failed pull
// or store write is retried with backoff. Lives on the engine's thread;
// writes events and conversation heads.
#pragma once

#include "store/Store.h"
#include "sync/Backoff.h"
#include "sync/Connection.h"

#include <QObject>

namespace natter {

class TimelineSync : public QObject
{
    Q_OBJECT
public:
    explicit TimelineSync(Store &store, QObject *parent = nullptr);

    void attach(Connection *session);
    void pullMissing();
    void onNotify(quint64 conversationId, quint64 seq);
    bool isBusy() const { return m_inFlight || m_retry.isPending(); }

signals:
    void messagesChanged(quint64 conversationId);
    void conversationsChanged();
    // A notify named a conversation this store does not know yet.
    void unknownConversation();
    // Nothing more to pull for now.
    void settled();

private:
    void store(const proto::PullResponse &response);

    Store &m_store;
    Connection *m_session = nullptr;
    bool m_inFlight = false;
    bool m_again = false;
    Backoff m_retry;
};

} // namespace natter
