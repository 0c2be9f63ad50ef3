// GroupService: the group rules — create, and every change to a group
// (invite, kick, leave, dissolve, transfer, roles, announcement, name,
// join, approve, decline, nickname, remark) — as plain functions over a
// Storage, like ConversationService. Each change is an EVENT_GROUP event in
// the group's gapless sequence, moves the group's version, and is
// idempotent by its client id; who may do it is asked of
// permissions::check() with the actor's standing read from the members and
// join_requests tables. Removal (kick, leave, dissolve) stamps the member
// row with the removing event's seq: the last one that member may read.
// Three actions write no event: a join request while it waits, a decline
// (both on the feeds of the applicant and the group's owner and admins)
// and a remark (on the actor's own feed).
#pragma once

#include "common/Fanout.h"
#include "common/PresenceView.h"
#include "common/ServiceError.h"
#include "protocol/Frame.h"
#include "protocol/Snowflake.h"
#include "storage/Storage.h"

namespace natter::server {

struct GroupResult
{
    ServiceError error;
    proto::SendAck ack; // the group event's place; ack.version the group's new version
    Fanout fanout;
    bool duplicate = false; // a retry: the original ack, nothing written
};

struct GroupInfoResult
{
    ServiceError error;
    proto::GroupInfo info;
};

struct GroupSearchResult
{
    ServiceError error;
    proto::GroupSearchResponse response;
};

struct GroupRequestsResult
{
    ServiceError error;
    proto::GroupRequestsResponse response;
};

class GroupService
{
public:
    // Network thread: what needs no database (client id, names, lengths).
    static ServiceError validateCreate(const proto::GroupCreateRequest &request);
    static ServiceError validateAction(const proto::GroupActionRequest &request);
    static ServiceError validateSearch(const proto::GroupSearchRequest &request);

    // Writer thread; the request passed its validate*() first.
    static GroupResult create(Storage &storage, Snowflake &ids, const Actor &actor,
        const proto::GroupCreateRequest &request, int maxMembers, qint64 nowMs);
    static GroupResult act(Storage &storage, Snowflake &ids, const Actor &actor,
        const proto::GroupActionRequest &request, int maxMembers, qint64 nowMs);

    // Any connection.
    // presence: who is online now (GroupInfo.online and the members' online).
    static GroupInfoResult info(Storage &storage, const PresenceView &presence, const Actor &actor,
        const proto::GroupInfoRequest &request, int maxMembers);
    static GroupSearchResult search(
        Storage &storage, const Actor &actor, const proto::GroupSearchRequest &request);
    static GroupRequestsResult requests(
        Storage &storage, const Actor &actor, const proto::GroupRequestsRequest &request);
};

} // namespace natter::server
