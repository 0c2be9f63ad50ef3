#include "people/PeopleRequests.h"

#include "protocol/Frame.h"
#include "sync/Replies.h"

#include <iterator>

namespace natter {

static_assert(int(PeopleRequests::Receipts) == int(proto::SETTING_RECEIPTS)
    && int(PeopleRequests::Presence) == int(proto::SETTING_PRESENCE)
    && int(PeopleRequests::Searchable) == int(proto::SETTING_SEARCHABLE)
    && int(PeopleRequests::Messages) == int(proto::SETTING_MESSAGES));

namespace {

const char *const kActionNames[]
    = { "request", "accept", "decline", "cancel", "remove", "block", "unblock" };

PresenceInfo presenceInfo(const proto::Presence &p)
{
    return { p.online(), p.last_seen_ms(), p.hidden() };
}

ProfileInfo profileInfo(const proto::Profile &p, quint64 me)
{
    ProfileInfo info;
    info.userId = p.user().user_id();
    info.name = QString::fromStdString(p.user().user());
    info.displayName = QString::fromStdString(p.display_name());
    info.status = QString::fromStdString(p.status());
    info.self = info.userId == me;
    if (p.has_contact())
        info.contact = PeopleRequests::contactRow(p.contact());
    info.presence = presenceInfo(p.presence());
    return info;
}

} // namespace

PeopleRequests::PeopleRequests(Store &store, ConnectionSupervisor &supervisor, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_supervisor(supervisor)
{
}

bool PeopleRequests::parseAction(const QString &name, Action *action)
{
    for (size_t i = 0; i < std::size(kActionNames); ++i)
        if (name == QLatin1String(kActionNames[i])) {
            *action = Action(i);
            return true;
        }
    return false;
}

QString PeopleRequests::stateName(ContactState state)
{
    switch (state) {
    case ContactState::Friend: return QStringLiteral("friend");
    case ContactState::Outgoing: return QStringLiteral("outgoing");
    case ContactState::Incoming: return QStringLiteral("incoming");
    case ContactState::None: break;
    }
    return QStringLiteral("none");
}

ContactRow PeopleRequests::contactRow(const proto::Contact &c)
{
    ContactRow r;
    r.userId = c.user().user_id();
    r.name = QString::fromStdString(c.user().user());
    r.displayName = QString::fromStdString(c.display_name());
    r.status = QString::fromStdString(c.status());
    r.state = contactStateOf(c.state());
    r.blocked = c.blocked();
    r.note = QString::fromStdString(c.note());
    r.declined = c.declined();
    r.sinceMs = c.since_ms();
    return r;
}

QString PeopleRequests::enqueue(
    const proto::Envelope &request, QString *error, const std::function<void()> &saveToo)
{
    try {
        Store::Transaction txn(m_store);
        QString clientId = m_store.outbox().enqueueAccountRequest(request);
        if (saveToo)
            saveToo();
        txn.commit();
        emit queued();
        return clientId;
    } catch (const StoreError &e) {
        *error = e.message();
        return {};
    }
}

QString PeopleRequests::queueAction(
    const QString &user, Action action, const QString &note, QString *error)
{
    if (!isValidUserName(user)) {
        *error = tr("not a user name: %1").arg(user);
        return {};
    }
    if (user == m_store.me().userName) {
        *error = tr("that is you");
        return {};
    }
    if (note.size() > limits::kMaxFriendNoteChars) {
        *error = tr("a request's note has at most %1 characters").arg(limits::kMaxFriendNoteChars);
        return {};
    }
    proto::Envelope env;
    auto *req = env.mutable_friend_action();
    req->set_user(user.toStdString());
    switch (action) {
    case Action::Request: req->set_request(note.toStdString()); break;
    case Action::Accept: req->mutable_accept(); break;
    case Action::Decline: req->mutable_decline(); break;
    case Action::Cancel: req->mutable_cancel(); break;
    case Action::Remove: req->mutable_remove(); break;
    case Action::Block: req->mutable_block(); break;
    case Action::Unblock: req->mutable_unblock(); break;
    }
    return enqueue(env, error);
}

namespace {
// The server's rules for a profile's texts, checked before queueing.
QString textError(const QString &text, int maxChars, const QString &what)
{
    if (text.size() > maxChars)
        return PeopleRequests::tr("the %1 has at most %2 characters").arg(what).arg(maxChars);
    return hasControlCharacters(text)
        ? PeopleRequests::tr("the %1 may not hold control characters").arg(what)
        : QString();
}
} // namespace

QString PeopleRequests::queueProfile(const OwnProfile &wanted, QString *error)
{
    const OwnProfile profile { wanted.displayName.trimmed(), wanted.status.trimmed() };
    *error = textError(profile.displayName, limits::kMaxDisplayNameChars, tr("display name"));
    if (error->isEmpty())
        *error = textError(profile.status, limits::kMaxStatusChars, tr("status"));
    if (!error->isEmpty())
        return {};
    proto::Envelope env;
    env.mutable_profile_set()->set_display_name(profile.displayName.toStdString());
    env.mutable_profile_set()->set_status(profile.status.toStdString());
    // Shown at once; the feed later says it too.
    return enqueue(env, error, [&] { m_store.accountState().setProfile(profile); });
}

QString PeopleRequests::queueSettings(const PrivacySettings &settings, int change, QString *error)
{
    proto::Envelope env;
    auto *req = env.mutable_settings_request();
    req->set_change(uint32_t(change));
    auto *s = req->mutable_settings();
    s->set_receipts_off(settings.receiptsOff);
    s->set_presence_off(settings.presenceOff);
    s->set_unsearchable(settings.unsearchable);
    s->set_message_policy(
        settings.friendsOnly ? proto::MESSAGES_FRIENDS : proto::MESSAGES_EVERYONE);
    // Shown at once; the feed later says what the server made of it.
    return enqueue(env, error, [&] {
        PrivacySettings now = m_store.accountState().settings();
        if (change & Receipts)
            now.receiptsOff = settings.receiptsOff;
        if (change & Presence)
            now.presenceOff = settings.presenceOff;
        if (change & Searchable)
            now.unsearchable = settings.unsearchable;
        if (change & Messages)
            now.friendsOnly = settings.friendsOnly;
        m_store.accountState().setSettings(now);
    });
}

void PeopleRequests::fetchFriends(FriendsDone done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done({}, notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_friends_request();
    session->request(env, [done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_friends())
            return done({}, replyError(reply));
        QList<ContactInfo> out;
        for (const auto &c : reply.friends().contacts())
            out.append({ contactRow(c), presenceInfo(c.presence()) });
        done(out, QString());
    });
}

void PeopleRequests::fetchProfile(const QString &user, ProfileDone done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done({}, notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_profile_request()->set_user(user.toStdString());
    session->request(env, [this, done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_profile())
            return done({}, replyError(reply));
        done(profileInfo(reply.profile(), m_store.me().userId), QString());
    });
}

void PeopleRequests::search(const QString &query, int limit, SearchDone done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done({}, notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_user_search_request()->set_query(query.toStdString());
    env.mutable_user_search_request()->set_limit(uint32_t(std::max(limit, 0)));
    session->request(env, [this, done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_user_search())
            return done({}, replyError(reply));
        QList<ProfileInfo> out;
        for (const auto &p : reply.user_search().users())
            out.append(profileInfo(p, m_store.me().userId));
        done(out, QString());
    });
}

} // namespace natter
