// Conversations: the conversation list and who is in each conversation —
// the conversations, members and users tables, which only this class
// writes. A conversation is known by its server id; a direct chat the
// server has not created yet is a local conversation (a negative id) that
// names its peer (pending_peer) until the server's first ack gives it its
// id (adopt()); the peer's name stays until the feed names the members, and
// the local id stays valid as an alias (resolve()).
// Unread counts and the last message line are columns, kept up to date as
// events are stored (noteInserted) and read positions move. Same thread as
// its Store; throws StoreError.
#pragma once

#include "store/Database.h"

#include <QList>
#include <QString>

#include <optional>

namespace natter {

// Who this profile is (the signed-in user), shared by the Store's tables.
struct Identity
{
    quint64 userId = 0;
    QString userName;
    quint64 deviceId = 0;
};

struct MemberInfo
{
    quint64 userId = 0;
    QString name;
};

struct ConversationSummary
{
    quint64 id = 0;
    QString title; // a direct chat: the other member's name; a group's name
    QString lastFrom;
    QString lastText; // one line
    quint64 serverSeq = 0;
    quint64 localSeq = 0; // every seq in 1..localSeq is stored
    quint64 readSeq = 0;
    qint64 lastTimeMs = 0;
    // Groups: the user left or was removed at leftSeq (0: a member); what
    // came before stays readable.
    quint64 leftSeq = 0;
    quint64 groupVersion = 0; // the newest version the stored group events name
    quint64 mentionSeq = 0; // the newest message that mentions the user
    int kind = 0; // proto::ConversationKind
    int unread = 0;
    bool local = false; // not created on the server yet
    bool hasLast = false;
    bool lastMine = false; // the last line is this account's
    bool dissolved = false;
    bool historyGap() const { return localSeq < serverSeq; }
    bool isMember() const { return leftSeq == 0; }
    bool mentioned() const { return mentionSeq > readSeq; } // the "@you" marker
};

struct HeadUpdate
{
    quint64 conversationId = 0;
    quint64 lastSeq = 0;
};

// A range of a conversation that exists on the server but is not stored yet.
struct MissingRange
{
    quint64 conversationId = 0;
    quint64 afterSeq = 0;
    quint64 serverSeq = 0;
};

class Conversations
{
public:
    Conversations(Database &db, const Identity &me);

    static bool isLocal(quint64 id) { return qint64(id) < 0; }
    // The conversation an id stands for now: a local conversation the server
    // has created since is an alias of the server's.
    quint64 resolve(quint64 id);
    // "direct" or "group": a conversation kind as QML and the CLI name it.
    static QString kindName(int kind);

    // --- what the server says
    void upsertUser(quint64 id, const QString &name);
    // A conversation the user is in: its kind and members (the feed's
    // ConversationJoined). A direct chat is titled by its other member, a
    // group by its name; a group member's history starts at visibleFrom
    // (nothing before it will come: the contiguous seq starts below it).
    void applyJoined(quint64 id, int kind, const QList<MemberInfo> &members,
        const QString &title = {}, quint64 visibleFrom = 0);
    // The user left or was removed (or the group was dissolved) at lastSeq.
    void applyLeft(quint64 id, quint64 lastSeq, bool dissolved);
    // A conversation known only from an event so far (kind unknown: not listed).
    void ensure(quint64 id);
    // Raises the read position (never lowers it); the unread count follows.
    void setReadSeq(quint64 id, quint64 seq);
    // Raises server seqs; returns true when a known conversation lacks events.
    bool applyHeads(const QList<HeadUpdate> &heads);
    void raiseHead(quint64 id, quint64 seq); // applyHeads' step, in the caller's transaction
    bool contains(quint64 id);
    QList<MissingRange> missingRanges();

    // What Timeline stored in a conversation, in one batch.
    struct Inserted
    {
        quint64 maxSeq = 0;
        quint64 lastLineSeq = 0; // 0: no message line in the batch
        qint64 lastLineMs = 0;
        int unreadAdded = 0;
        quint64 groupVersion = 0; // the newest a group event of the batch names
        QString title; // a group's name as of its newest naming event in the batch
        quint64 titleVersion = 0; // that event's version
        quint64 mentionSeq = 0; // the newest message from others that mentions the user
    };
    void noteInserted(quint64 id, const Inserted &inserted);
    quint64 readSeq(quint64 id);

    // --- direct chats by the peer's user name (the only place names turn into ids)
    // The direct conversation with this user (the server's, or a local one).
    std::optional<quint64> directWith(const QString &userName);
    // directWith(), or a new local conversation for this user.
    quint64 startDirect(const QString &userName, qint64 nowMs);
    // A local group (created offline, in the outbox until the server has it).
    quint64 startGroup(const QString &name, qint64 nowMs);
    // The user a local conversation is for; "" for a server conversation.
    QString pendingPeer(quint64 id);
    // The local conversations waiting for this user (to merge into the server's).
    QList<quint64> localsFor(const QString &userName);
    // The server's conversation serverId now stands for the local one: it
    // takes its title if it has none, and the local row becomes its alias.
    void adopt(quint64 localId, quint64 serverId);

    // --- for the UI and the CLI
    std::optional<ConversationSummary> summary(quint64 id);
    // Most recent activity first: server conversations of a known kind, and
    // local ones that have something queued.
    QList<ConversationSummary> list(int limit);
    QList<MemberInfo> members(quint64 id);
    // A known user by name, case-insensitively (names are unique).
    std::optional<quint64> userIdByName(const QString &name);
    int unreadTotal();

private:
    quint64 insertLocal(int kind, const QString &title, const QString &pendingPeer, qint64 nowMs);
    void recountUnread(quint64 id);
    void advanceLocalSeq(quint64 id);
    ConversationSummary summaryFrom(Statement &st) const;

    Database &m_db;
    const Identity &m_me;
};

} // namespace natter
