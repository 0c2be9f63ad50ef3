// EngineHost's people and settings calls (see EngineHost.h): online
// requests through the engine's PeopleRequests.
#include "engine/EngineHost.h"

namespace natter {

void EngineHost::setSettings(const PrivacySettings &settings, PeopleRequests::Done done)
{
    if (!m_engine)
        return done(notOpen());
    m_engine->people().setSettings(settings, std::move(done));
}

void EngineHost::actOnPerson(const QString &user, PeopleRequests::Action action,
    const QString &note, PeopleRequests::Done done)
{
    if (!m_engine)
        return done(notOpen());
    m_engine->people().act(user, action, note, std::move(done));
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

void EngineHost::setProfile(const OwnProfile &profile, PeopleRequests::Done done)
{
    if (!m_engine)
        return done(notOpen());
    m_engine->people().setProfile(profile, std::move(done));
}

} // namespace natter
