// The rows the storage interfaces take and return: plain values, the same
// for every backend. Ids are the server's snowflakes.
#pragma once

#include <QByteArray>
#include <QString>

namespace natter::server {

struct UserRow
{
    quint64 id = 0;
    QString name;
    QByteArray pwhash;
    qint64 createdMs = 0;
    quint64 feedSeq = 0;
    bool receiptsOff = false; // the user does not share read receipts
    // The rest of the user's settings (proto::UserSettings) and profile.
    bool presenceOff = false;
    bool unsearchable = false;
    int messagePolicy = 0; // proto::MessagePolicy
    QString displayName {};
    QString status {};
    bool disabled = false; // by the administrator: no sign-in, no session
};

struct DeviceRow
{
    quint64 id = 0;
    quint64 userId = 0;
    QString name;
    QByteArray tokenHash;
    qint64 createdMs = 0;
    qint64 lastSeenMs = 0;
    bool revoked = false;
};

struct ConversationRow
{
    quint64 id = 0;
    int kind = 0; // proto::ConversationKind
    quint64 lastSeq = 0;
    qint64 createdMs = 0;
    // Groups only (direct conversations keep the defaults).
    QString name;
    int joinPolicy = 0; // proto::JoinPolicy
    int historyPolicy = 0; // proto::HistoryPolicy
    quint64 version = 0; // moves with every membership or settings change
    QString announcement;
    bool dissolved = false;
    int mentionPolicy = 0; // proto::MentionPolicy: who may @all
};

struct MemberRow
{
    quint64 conversationId = 0;
    quint64 userId = 0;
    QString userName;
    int role = 0; // MemberRole
    quint64 joinedSeq = 0; // the first seq the member may read
    quint64 readSeq = 0;
    // 0 while a member; else the seq of the event that removed them (kick,
    // leave, dissolve): the last one they may read.
    quint64 leftSeq = 0;
    QString nickname; // the member's own, shown to the group; cleared on removal
    QString remark; // the member's private note on the group, kept over a re-join
    // The seq of the event that made them a member (a message at seq S went
    // to the members with sinceSeq <= S who had not left before S).
    quint64 sinceSeq = 0;
    quint64 deliveredSeq = 0; // one of their devices has every event up to here
    bool receiptsOff = false; // the user's setting (users.receipts_off), read with the row
    bool presenceOff = false; // the same for users.presence_off
    bool isCurrent() const { return leftSeq == 0; }
    // The member was one when seq was sent.
    bool wasMemberAt(quint64 seq) const
    {
        return sinceSeq <= seq && (leftSeq == 0 || leftSeq >= seq);
    }
};

// A user's request to join a group by approval, and how it was decided.
struct JoinRequestRow
{
    enum class State : int { Pending = 0, Approved = 1, Declined = 2 };
    quint64 conversationId = 0;
    quint64 userId = 0;
    QString userName;
    QString note;
    qint64 timeMs = 0; // when it was (last) asked
    State state = State::Pending;
    quint64 decidedBy = 0; // user id of the owner or admin
    qint64 decidedMs = 0;
};

// One user's relation with another (contacts table), from the user's side.
// The two sides' rows of a pair are kept in step by the friends service.
struct ContactRow
{
    quint64 userId = 0;
    quint64 peerId = 0;
    int state = 0; // proto::ContactState
    QString note; // a pending request's note
    bool blocked = false; // userId blocked peerId
    qint64 sinceMs = 0;
    qint64 cooldownUntilMs = 0; // userId may not ask peerId again before this
    // Read with the row (users table); ignored by put().
    QString peerName;
    QString peerDisplayName;
    QString peerStatus;
    bool peerPresenceOff = false;
    qint64 peerSignInMs = 0; // the peer's latest sign-in (devices.last_seen_ms)
    bool isEmpty() const { return state == 0 && !blocked && cooldownUntilMs == 0; }
};

// What a direct message from one user to another depends on (see
// ContactStore::gate).
struct DirectGate
{
    bool senderBlocked = false; // the recipient blocked the sender
    bool recipientBlocked = false; // the sender blocked the recipient
    bool friends = false;
    int recipientPolicy = 0; // proto::MessagePolicy of the recipient
};

// A group as a search lists it.
struct GroupSummaryRow
{
    quint64 id = 0;
    QString name;
    int joinPolicy = 0;
    int members = 0; // current ones
};

// What an event points at in its own conversation (reply, edit, reaction,
// redaction), outside its opaque body so storage can index it.
struct RelationRow
{
    int type = 0; // proto::RelationType; 0 = none
    quint64 seq = 0; // the target event
    QString key; // an annotation's key (a reaction's emoji); empty otherwise
    bool isSet() const { return type != 0; }
};

struct EventRow
{
    quint64 conversationId = 0;
    quint64 seq = 0;
    quint64 id = 0;
    quint64 senderId = 0;
    quint64 senderDevice = 0;
    QString clientId; // empty = none (stored as NULL)
    int kind = 0; // proto::EventKind
    qint64 timeMs = 0;
    QByteArray body;
    RelationRow relation;
};

struct FeedRow
{
    quint64 seq = 0;
    qint64 timeMs = 0;
    QByteArray body; // serialized FeedEntry without seq/time
};

struct HeadRow
{
    quint64 conversationId = 0;
    quint64 lastSeq = 0;
};

} // namespace natter::server
