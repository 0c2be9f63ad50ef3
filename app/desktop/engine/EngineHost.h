// EngineHost: the engine thread's side of the desktop app. It owns the sync
// engine's Store and SyncEngine on the natter-sync thread, so the GUI thread
// never waits on the network or writes to the store. Only EngineProxy calls
// it (queued, on this thread); its signals reach the GUI thread queued.
// Conversations are named by id; the one call that takes a user name starts
// a direct chat.
#pragma once

#include "groups/GroupRequests.h"
#include "store/Store.h"
#include "sync/SyncEngine.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace natter {

class EngineHost : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~EngineHost() override;

    QString open(const QString &profileDir, const QByteArray &key); // an error, or ""
    // trustedPem: certificates to trust for this server (saved in the
    // profile first), or empty. Answers with authFinished.
    void authenticate(bool registerNew, const QUrl &server, const QString &user,
        const QString &password, const QString &device, const QByteArray &trustedPem);
    void start();
    // Saves the certificates to trust (empty: none) and reconnects with them.
    void trustCertificates(const QByteArray &pem);
    // The direct conversation with this user: the one there is, or a local
    // one until the server creates it. 0 with an error.
    quint64 startDirect(const QString &userName, QString *error);
    void send(quint64 conversationId, const QString &text);
    void retry(const QString &clientId);
    void markRead(quint64 conversationId);
    void saveDraft(quint64 conversationId, const QString &text);
    void fetchDevices();
    void revokeDevice(quint64 deviceId);
    void logout();
    // Asks the server about the receipts of a conversation's own messages.
    void refreshReceipts(quint64 conversationId);

    // --- people and settings (EnginePeople.cpp): changes queued in the
    // outbox (their client id, or "" with the reason in *error; a refusal
    // comes later as sendFailed), reads online through the engine's
    // PeopleRequests (the answers come to `done` on this thread).
    QString queueSettings(const PrivacySettings &settings, int change, QString *error);
    QString queueFriendAction(
        const QString &user, PeopleRequests::Action action, const QString &note, QString *error);
    QString queueProfile(const OwnProfile &profile, QString *error);
    void fetchFriends(PeopleRequests::FriendsDone done);
    void fetchProfile(const QString &user, PeopleRequests::ProfileDone done);
    void searchUsers(const QString &query, PeopleRequests::SearchDone done);

    // --- groups (EngineGroups.cpp): the server's answers come to `done`
    // on this thread; changes go through the outbox. A create makes a local
    // group at once (its id; 0 with *error), the server's later.
    quint64 createGroup(const QString &name, const QStringList &members, const QString &join,
        const QString &history, QString *error);
    void fetchGroupInfo(quint64 conversationId, GroupRequests::InfoDone done);
    void searchGroups(const QString &text, GroupRequests::SearchDone done);
    void fetchJoinRequests(quint64 conversationId, GroupRequests::RequestsDone done);
    // Queues a change to a group (or a join: action.join set); its client
    // id, or "" with the reason in *error.
    QString queueGroupAction(
        quint64 conversationId, const proto::GroupActionRequest &action, QString *error);

    static QString notOpen() { return tr("the local store is not open"); }

    // Stops the engine and closes the store; call before the thread ends.
    void close();

signals:
    void authFinished(const QString &error);
    void stateChanged(int state); // SyncEngine::State
    void outboxPendingChanged(int pending);
    void conversationsChanged();
    void messagesChanged(quint64 conversationId);
    void conversationCreated(quint64 localId, quint64 conversationId);
    // The message could not be written to the outbox (e.g. the disk is full).
    void sendRejected(quint64 conversationId, const QString &text, const QString &error);
    void devicesFetched(const QList<natter::DeviceInfo> &devices, const QString &error);
    void loggedOut(const QString &reason);
    void failed(const QString &message);
    // The server refused a queued entry (a group action: it left the queue).
    void sendFailed(const QString &clientId, const QString &error);
    void joinRequestsChanged();
    void settingsChanged(); // from the feed (another device changed them)
    void contactsChanged(); // friends, requests, blocks (from the feed)
    void profileChanged(); // the user's own profile (from the feed)

private:
    void reportOutbox();

    std::unique_ptr<Store> m_store;
    std::unique_ptr<SyncEngine> m_engine;
};

} // namespace natter
