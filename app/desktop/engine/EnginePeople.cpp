// EngineHost's people and settings calls (see EngineHost.h): changes
// queued in the outbox, reads online, both through the engine's
// PeopleRequests.
#include "engine/EngineHost.h"

namespace natter {

QString EngineHost::queueSettings(const PrivacySettings &settings, int change, QString *error)
{
    if (!m_engine) {
        *error = notOpen();
        return {};
    }
    return m_engine->people().queueSettings(settings, change, error);
}

QString EngineHost::queueFriendAction(
    const QString &user, PeopleRequests::Action action, const QString &note, QString *error)
{
    if (!m_engine) {
        *error = notOpen();
        return {};
    }
    return m_engine->people().queueAction(user, action, note, error);
}

QString EngineHost::queueProfile(const OwnProfile &profile, QString *error)
{
    if (!m_engine) {
        *error = notOpen();
        return {};
    }
    return m_engine->people().queueProfile(profile, error);
}

void EngineHost::fetchFriends(PeopleRequests::FriendsDone done)
{
    if (!m_engine)
        return done({}, notOpen());
    m_engine->people().fetchFriends(std::move(done));
}

void EngineHost::fetchProfile(const QString &user, PeopleRequests::ProfileDone done)
{
    if (!m_engine)
        return done({}, notOpen());
    m_engine->people().fetchProfile(user, std::move(done));
}

void EngineHost::searchUsers(const QString &query, PeopleRequests::SearchDone done)
{
    if (!m_engine)
        return done({}, notOpen());
    m_engine->people().search(query, 0, std::move(done));
}

} // namespace natter
