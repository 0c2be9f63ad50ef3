// PeopleRequests: the engine's requests about people. Changes — a relation
// (ask to be friends, accept, decline, cancel, remove, block, unblock), the
// user's own profile and privacy settings — go through the outbox like a
// message (they work offline and are replayed in order; a refusal comes as
// the engine's sendFailed); they are checked here first, and the profile and
// settings are saved at once (the feed later says what the server made of
// them). Reads — the friends list with presence, a user's profile, user
// search — need the server there and then. What changes reaches every device
// of the user on the feed (FeedSync writes Contacts and AccountState). Lives
// on the engine's thread.
#pragma once

#include "store/Store.h"
#include "sync/ConnectionSupervisor.h"

#include <QObject>

#include <functional>

namespace natter {

struct PresenceInfo
{
    bool online = false;
    qint64 lastSeenMs = 0; // 0: not known
    bool hidden = false; // they, or the user, hide presence
};

struct ContactInfo
{
    ContactRow contact;
    PresenceInfo presence;
};

struct ProfileInfo
{
    quint64 userId = 0;
    QString name;
    QString displayName;
    QString status;
    bool self = false; // the user's own (no relation, no presence)
    ContactRow contact; // the user's relation with them
    PresenceInfo presence;
};

class PeopleRequests : public QObject
{
    Q_OBJECT
public:
    enum class Action { Request, Accept, Decline, Cancel, Remove, Block, Unblock };

    // error: "" on success, else the server's refusal, in words.
    using FriendsDone = std::function<void(const QList<ContactInfo> &, const QString &error)>;
    using ProfileDone = std::function<void(const ProfileInfo &, const QString &error)>;
    using SearchDone = std::function<void(const QList<ProfileInfo> &, const QString &error)>;

    // Bits of a settings change (= proto::SettingField): which ones it changes.
    enum SettingBit { Receipts = 1, Presence = 2, Searchable = 4, Messages = 8 };

    PeopleRequests(Store &store, ConnectionSupervisor &supervisor, QObject *parent = nullptr);

    // --- changes, queued: the client id, or "" with the reason in *error.
    // user: a user name; note: the request's (Action::Request only).
    QString queueAction(const QString &user, Action action, const QString &note, QString *error);
    // Replaces the user's display name and status line (trimmed).
    QString queueProfile(const OwnProfile &profile, QString *error);
    // Changes the settings named in `change` (SettingBit) to those in `settings`.
    QString queueSettings(const PrivacySettings &settings, int change, QString *error);

    // --- reads, online.
    void fetchFriends(FriendsDone done);
    // user: a user name, or "" for the user's own profile.
    void fetchProfile(const QString &user, ProfileDone done);
    // Users whose name or display name starts with query (>= 2 characters).
    void search(const QString &query, int limit, SearchDone done);

    // "request", "accept", ... → the action; false when unknown.
    static bool parseAction(const QString &name, Action *action);
    // "friend", "outgoing", "incoming" or "none".
    static QString stateName(ContactState state);
    static ContactRow contactRow(const proto::Contact &contact);

signals:
    void queued(); // something is in the outbox to send

private:
    // Queues the request, and runs saveToo in the same transaction.
    QString enqueue(
        const proto::Envelope &request, QString *error, const std::function<void()> &saveToo = {});

    Store &m_store;
    ConnectionSupervisor &m_supervisor;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::ProfileInfo)
