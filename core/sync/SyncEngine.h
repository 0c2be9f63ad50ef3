// The sync engine: the small state machine that wires the parts of the
// client's sync together —
//   ConnectionSupervisor  one signed-in connection, reconnects with backoff
//   AccountRequests       register, log in, log out, devices, trusted certificate
//   FeedSync              the user's feed: conversations, read positions, heads
//   TimelineSync          notifies and pulls: each conversation's events
//   OutboxSender          the outbox, replayed in order
//   ReceiptSync           the receipts of the user's own messages
//   GroupRequests, PeopleRequests  requests that need the server there and then
// It writes only to its own Store and lives on the thread that created it
// (the CLI's main thread; a worker thread in the desktop app). UI code
// learns about changes through its signals and reads its own Store.
#pragma once

#include "groups/GroupRequests.h"
#include "people/PeopleRequests.h"
#include "sync/AccountRequests.h"
#include "sync/ConnectionSupervisor.h"
#include "sync/FeedSync.h"
#include "sync/OutboxSender.h"
#include "sync/ReceiptSync.h"
#include "sync/TimelineSync.h"

#include <QObject>

namespace natter {

class SyncEngine : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Syncing, Online, LoggedOut };
    Q_ENUM(State)

    using Done = AccountRequests::Done;

    explicit SyncEngine(Store &store, QObject *parent = nullptr);
    ~SyncEngine() override;

    State state() const { return m_state; }
    AccountRequests &account() { return m_account; }
    GroupRequests &groups() { return m_groups; }
    PeopleRequests &people() { return m_people; }
    ReceiptSync &receipts() { return m_receipts; }
    // Why the last connection closed or failed ("" before any).
    QString lastDisconnectReason() const { return m_supervisor.lastDisconnectReason(); }

    // Connects with the saved account and keeps the connection up.
    void start();
    void stop();
    // Something was written to the outbox: send it when possible.
    void outboxChanged();

    // True when connected, caught up with the server and the outbox has
    // nothing pending.
    bool isIdle() const;

signals:
    void stateChanged(natter::SyncEngine::State state);
    void conversationsChanged();
    void joinRequestsChanged(); // see FeedSync
    void settingsChanged(); // the user's settings came from the feed
    void contactsChanged(); // see FeedSync
    void profileChanged(); // the user's own profile came from the feed
    void messagesChanged(quint64 conversationId); // events or receipts
    // A local conversation (a direct chat started before the server had one)
    // is the server's conversation now: by the ack of its first message, or
    // because the feed told of the peer's conversation first.
    void conversationCreated(quint64 localId, quint64 conversationId);
    void outboxStateChanged();
    void idle();
    // The server refused our token (logged out or revoked elsewhere).
    void authLost(const QString &reason);
    void sendFailed(const QString &clientId, const QString &error);
    // The server's certificate was refused (untrusted, wrong host, expired);
    // the engine keeps retrying, a user has to act.
    void certificateRefused(const QString &reason);
    // The server's administrator disabled the account; the engine keeps
    // retrying (and the token), the administrator has to act.
    void accountDisabled(const QString &reason);

private:
    void setState(State s);
    void attach(Connection *session);
    void onPush(const proto::Envelope &push);
    void checkIdle();

    Store &m_store;
    ConnectionSupervisor m_supervisor;
    AccountRequests m_account;
    GroupRequests m_groups;
    PeopleRequests m_people;
    FeedSync m_feed;
    TimelineSync m_timeline;
    OutboxSender m_sender;
    ReceiptSync m_receipts;
    State m_state = State::Offline;
};

} // namespace natter
