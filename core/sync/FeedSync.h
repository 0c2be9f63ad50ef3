// FeedSync: catches up with the user's feed — the conversations the user is
// in and the read positions of the user's devices — and learns every
// conversation's head on the way, so the timeline knows what to pull. One
// feed pull in flight; a notify above the cursor asks for another. A failed
// pull or store write is retried with backoff, never dropped. Lives on the
// engine's thread; writes conversations, join requests, remarks, settings,
// contacts, the own profile and the feed cursor.
#pragma once

#include "store/Store.h"
#include "sync/Backoff.h"
#include "sync/Connection.h"

#include <QObject>

namespace natter {

class FeedSync : public QObject
{
    Q_OBJECT
public:
    explicit FeedSync(Store &store, QObject *parent = nullptr);

    // The session to pull on (nullptr: none; what was in flight is forgotten).
    void attach(Connection *session);
    void pull();
    void onFeedNotify(quint64 seq);
    bool isBusy() const { return m_inFlight || m_retry.isPending(); }

signals:
    void conversationsChanged();
    // Join requests were made or decided (the user's own, or ones they decide).
    void joinRequestsChanged();
    void settingsChanged(); // the user's settings (from another device, or the server's echo)
    void contactsChanged(); // friends, requests or blocks (or a friend's profile)
    void profileChanged(); // the user's own profile
    // A page was applied (heads raised): the timeline may pull.
    void applied();
    // A local conversation waiting for this peer is the server's one now.
    void conversationCreated(quint64 localId, quint64 conversationId);

private:
    // Returns the (local, server) conversations merged on the way.
    QList<std::pair<quint64, quint64>> apply(const proto::FeedPullResponse &response);

    Store &m_store;
    Connection *m_session = nullptr;
    bool m_inFlight = false;
    bool m_again = false;
    Backoff m_retry;
};

} // namespace natter
