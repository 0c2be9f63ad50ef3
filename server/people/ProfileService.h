// ProfileService: profiles (display name, status line), user search and a
// user's settings, as plain functions over a Storage. A profile change goes
// on the user's own feed (a Profile) and, as a Contact snapshot, on each
// friend's, so every device shows the new name offline. Anyone signed in
// may read a profile; presence only a friend, and only while neither side
// hides it. Search: a prefix of the name or the display name, at least
// kMinUserSearchChars, never users who opted out or blocked the asker.
// Stateless.
#pragma once

#include "common/PresenceView.h"
#include "common/Replies.h"
#include "storage/Storage.h"

namespace natter::server {

struct ProfileResult
{
    ServiceError error;
    proto::Profile profile;
};

struct UserSearchResult
{
    ServiceError error;
    proto::UserSearchResponse response;
};

class ProfileService
{
public:
    static ServiceError validateProfile(const proto::ProfileSetRequest &request);
    static ServiceError validateSearch(const proto::UserSearchRequest &request);
    static ServiceError validateSettings(const proto::SettingsRequest &request);

    // Writer thread.
    static OkResult setProfile(Storage &storage, const Actor &actor,
        const proto::ProfileSetRequest &request, qint64 nowMs);
    // Writer thread: replaces the user's settings and tells their devices.
    static OkResult setSettings(
        Storage &storage, const Actor &actor, const proto::SettingsRequest &request, qint64 nowMs);
    // On a read connection.
    static ProfileResult profile(Storage &storage, const PresenceView &presence, const Actor &actor,
        const proto::ProfileRequest &request);
    static UserSearchResult search(
        Storage &storage, const Actor &actor, const proto::UserSearchRequest &request);
};

} // namespace natter::server
