// EngineProxy: the GUI thread's one way into the engine thread. It owns the
// natter-sync thread and the EngineHost living there, and every queued call
// to it: each method below runs the host's work on the engine thread, and
// the ones with a callback bring the answer back to the GUI thread. The
// host's signals are re-emitted here, on the GUI thread. Typed calls only —
// no method names as strings. Lives on the GUI thread.
#pragma once

#include "engine/EngineHost.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace natter {

class EngineProxy : public QObject
{
    Q_OBJECT
public:
    explicit EngineProxy(QObject *parent = nullptr);
    ~EngineProxy() override; // closes the engine and ends its thread

    // --- the profile's key and store (slow: key derivation, opening)
    // A new key: random (for the keychain) or wrapped by the passphrase in the profile.
    void createKey(const QString &profileDir, bool forKeychain, const QString &passphrase,
        std::function<void(const QByteArray &key, const QString &error)> done);
    void unlockKey(const QString &profileDir, const QString &passphrase,
        std::function<void(const QByteArray &key, const QString &error, bool wrongPassphrase)>
            done);
    void open(const QString &profileDir, const QByteArray &key,
        std::function<void(const QString &error)> done);
    // Register or log in; trustedPem: a certificate to trust for this server.
    void authenticate(bool registerNew, const QUrl &server, const QString &user,
        const QString &password, const QString &device, const QByteArray &trustedPem,
        std::function<void(const QString &error)> done);
    void start();
    // Stops the engine and closes its store (blocks until done).
    void close();

    // --- what the user does
    void trustCertificates(const QByteArray &pem);
    void startDirect(
        const QString &userName, std::function<void(quint64 id, const QString &error)> done);
    void send(quint64 conversationId, const QString &text);
    void retry(const QString &clientId);
    void markRead(quint64 conversationId);
    void saveDraft(quint64 conversationId, const QString &text);
    void fetchDevices();
    void revokeDevice(quint64 deviceId);
    void logout();
    // Asks the server about the receipts of the user's messages there.
    void refreshReceipts(quint64 conversationId);

    // --- groups: `done` runs on the GUI thread. A create answers at once
    // with the local group's id (the server creates it when connected).
    void createGroup(const QString &name, const QStringList &members, const QString &join,
        const QString &history, std::function<void(quint64 id, const QString &error)> done);
    void fetchGroupInfo(
        quint64 conversationId, std::function<void(const GroupInfo &, const QString &)> done);
    void searchGroups(const QString &text,
        std::function<void(const QList<GroupSummary> &, const QString &)> done);
    void fetchJoinRequests(quint64 conversationId,
        std::function<void(const QList<JoinRequestInfo> &, const QString &)> done);
    // Changes queued in the outbox answer done(clientId, error): queued
    // (clientId) or not (error).
    using Queued = std::function<void(const QString &clientId, const QString &error)>;
    void queueGroupAction(
        quint64 conversationId, const proto::GroupActionRequest &action, Queued done);

    // --- people and settings: `done` runs on the GUI thread.
    void queueSettings(const PrivacySettings &settings, int change, Queued done);
    void queueFriendAction(
        const QString &user, PeopleRequests::Action action, const QString &note, Queued done);
    void queueProfile(const OwnProfile &profile, Queued done);
    void fetchFriends(std::function<void(const QList<ContactInfo> &, const QString &)> done);
    void fetchProfile(
        const QString &user, std::function<void(const ProfileInfo &, const QString &)> done);
    void searchUsers(const QString &query,
        std::function<void(const QList<ProfileInfo> &, const QString &)> done);

signals:
    void stateChanged(int state); // SyncEngine::State
    void outboxPendingChanged(int pending);
    void conversationsChanged();
    void messagesChanged(quint64 conversationId);
    void conversationCreated(quint64 localId, quint64 conversationId);
    void sendRejected(quint64 conversationId, const QString &text, const QString &error);
    void devicesFetched(const QList<natter::DeviceInfo> &devices, const QString &error);
    void loggedOut(const QString &reason);
    void failed(const QString &message);
    void sendFailed(const QString &clientId, const QString &error);
    void joinRequestsChanged();
    void settingsChanged();
    void contactsChanged();
    void profileChanged();

private:
    // Runs f(host) on the engine thread.
    template<class F> void onEngine(F &&f);
    // Runs f(host) on the engine thread and answer(result) back here.
    template<class F, class A> void ask(F &&f, A &&answer);
    // Runs f(host, reply) on the engine thread; reply(results...), called
    // there later, runs answer(results...) back here.
    template<class F, class A> void askAsync(F &&f, A &&answer);
    // Runs f(host, &error) → a client id (or "") on the engine thread and
    // done(clientId, error) back here.
    template<class F> void askQueued(F &&f, Queued done);

    QThread m_thread;
    EngineHost *m_host = nullptr; // lives on m_thread
};

} // namespace natter
