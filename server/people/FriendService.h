// FriendService: friendships, friend requests and blocks, as plain
// functions over a Storage. A pair's two contact rows change together in
// one writer op, and each side's devices learn the new relation from a
// Contact snapshot on their feed (a block only on the blocker's feed, so
// the blocked user sees an ended friendship, not a block). One pending
// request per pair (asking again is a no-op; asking someone who asked you
// accepts); a decline keeps the requester from asking again for the
// cooldown; removing a friend leaves the direct chat and its history as
// they are; a block ends friendship and requests, and stops requests and
// direct messages both ways (permissions::checkDirect). Stateless.
#pragma once

#include "common/PresenceView.h"
#include "common/Replies.h"
#include "storage/Storage.h"

namespace natter::server {

struct FriendLimits
{
    qint64 cooldownMs = 0;
    int maxFriends = 0;
    int maxPending = 0;
};

struct FriendsResult
{
    ServiceError error;
    proto::FriendsResponse response;
};

class FriendService
{
public:
    // Before the writer: the shape of the request.
    static ServiceError validateAction(const proto::FriendActionRequest &request);
    // Writer thread.
    static OkResult act(Storage &storage, const Actor &actor,
        const proto::FriendActionRequest &request, const FriendLimits &limits, qint64 nowMs);
    // On a read connection: the asker's contacts, friends with presence.
    static FriendsResult friends(
        Storage &storage, const PresenceView &presence, const Actor &actor);

    // A contact row as the wire carries it (no presence).
    static void fillContact(const ContactRow &row, proto::Contact *contact);
    // What the asker may see of a friend's presence (both must share it).
    static proto::Presence presenceFor(
        const PresenceView &presence, bool askerHides, const ContactRow &friendRow);
};

} // namespace natter::server
