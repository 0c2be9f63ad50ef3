// GroupChange: the machinery that every group operation shares (inside
// groups/ only) — the names a request gives, resolved to users; the feed
// entries that tell a user's devices they joined or left; and Change, one
// change being written: its event in the group's sequence (moving the
// group's version), the members it adds or removes, the feed entries and
// notifies it causes. Writer thread, inside the op's transaction.
#pragma once

#include "common/Fanout.h"
#include "common/ServiceError.h"
#include "common/Wire.h"
#include "protocol/Frame.h"
#include "protocol/Snowflake.h"
#include "storage/Storage.h"

namespace natter::server::groups {

inline QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

void setMember(proto::Member *m, quint64 id, const QString &name);
// An ack that names no event (a request waiting, a decline, a remark).
proto::SendAck ackWithoutEvent(const QString &clientId, quint64 conversationId, quint64 version);
// The version a group event recorded (the ack of a retried action).
quint64 versionOf(const EventRow &row);

ServiceError checkClientId(const std::string &clientId);
// 1..maxChars characters once trimmed (what: "a group name", ...).
ServiceError checkText(const std::string &text, int maxChars, const char *what, bool mayBeEmpty);

struct Named
{
    quint64 id = 0;
    QString name;
};

// The users `actor` names to add to a group, by name, each once; NOT_FOUND
// names the first unknown, FORBIDDEN the first who blocked the actor.
ServiceError resolveUsers(Storage &storage, quint64 actor,
    const google::protobuf::RepeatedPtrField<std::string> &names, QList<Named> *out);

int currentCount(const QList<MemberRow> &members);
ServiceError groupFull(int maxMembers);

class Change
{
public:
    Change(Storage &storage, Snowflake &ids, const Actor &actor, ConversationRow group,
        const QString &clientId, qint64 nowMs);

    // Appends the event (the group's next version) and returns its seq.
    quint64 commit(proto::GroupChange change, const QString &actorName);
    // Appends an entry to the user's feed and notes its notify.
    void feed(quint64 userId, const proto::FeedEntry &entry, Fanout *fanout);
    // Adds users (not current members) at seq: a former member comes back
    // as a plain member with nothing carried over but their own remark.
    // `before`: the members before the change.
    void addMembers(
        const QList<MemberRow> &before, const QList<Named> &users, quint64 seq, Fanout *fanout);
    // Stamps the member's removal at seq and tells their devices.
    void removeMember(MemberRow member, quint64 seq, bool dissolved, Fanout *fanout);

    Storage &storage;
    Snowflake &ids;
    const Actor &actor;
    ConversationRow group;
    QString clientId;
    qint64 nowMs;
    EventRow event;
};

} // namespace natter::server::groups
