#include "people/PeopleRequests.h"

#include "sync/Replies.h"

namespace natter {

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
    r.state = c.state() >= 0 && c.state() <= 3 ? ContactState(c.state()) : ContactState::None;
    r.blocked = c.blocked();
    r.note = QString::fromStdString(c.note());
    r.declined = c.declined();
    r.sinceMs = c.since_ms();
    return r;
}

void PeopleRequests::act(const QString &user, Action action, const QString &note, Done done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done(notConnected());
        return;
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
    session->request(env, [done = std::move(done)](const proto::Envelope &reply) {
        done(reply.has_ok() ? QString() : replyError(reply));
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

void PeopleRequests::setProfile(const OwnProfile &profile, Done done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done(notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_profile_set()->set_display_name(profile.displayName.toStdString());
    env.mutable_profile_set()->set_status(profile.status.toStdString());
    session->request(env, [this, profile, done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_ok())
            return done(replyError(reply));
        try {
            m_store.accountState().setProfile(profile); // the feed says it too, later
        } catch (const StoreError &e) {
            return done(e.message());
        }
        done(QString());
    });
}

void PeopleRequests::setSettings(const PrivacySettings &settings, Done done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done(notConnected());
        return;
    }
    proto::Envelope env;
    auto *s = env.mutable_settings_request()->mutable_settings();
    s->set_receipts_off(settings.receiptsOff);
    s->set_presence_off(settings.presenceOff);
    s->set_unsearchable(settings.unsearchable);
    s->set_message_policy(settings.friendsOnly ? proto::MESSAGES_FRIENDS : proto::MESSAGES_EVERYONE);
    session->request(env, [this, settings, done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_ok())
            return done(replyError(reply));
        try {
            m_store.accountState().setSettings(settings); // the feed says it too, later
        } catch (const StoreError &e) {
            return done(e.message());
        }
        done(QString());
    });
}

} // namespace natter
