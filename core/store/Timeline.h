// Timeline: each conversation's stored events (the events table, which only
// this class writes), inserted by (conversation, seq) as they are pulled or
// acknowledged, and read back as the message lines the UI shows. Storing a
// batch tells Conversations what changed (seqs, last line, unread), so the
// list never counts rows. Same thread as its Store; throws StoreError.
#pragma once

#include "content/MessageContent.h"
#include "store/Conversations.h"
#include "store/GroupState.h"
#include "store/Receipts.h"

namespace natter {

struct StoredEvent
{
    quint64 conversationId = 0;
    quint64 seq = 0;
    quint64 id = 0;
    quint64 senderId = 0;
    quint64 senderDevice = 0;
    QString clientId;
    int kind = 0; // proto::EventKind
    qint64 timeMs = 0;
    QByteArray body; // serialized proto::EventBody
    Relation relation;
};

// One line of a conversation as the user sees it: a stored message event, or
// an outbox entry not acknowledged yet (seq 0, state Pending or Failed).
struct MessageRow
{
    enum class State { Received, Sent, Pending, Failed };
    quint64 id = 0; // snowflake; 0 while pending
    quint64 seq = 0; // 0 while pending
    QString clientId;
    QString from;
    QString nickname; // the sender's in this group, if they set one
    QString text;
    State state = State::Received;
    qint64 timeMs = 0;
    QString error; // why it failed
    quint64 replyTo = 0; // the seq this message replies to (0: none)
    content::GroupLine group; // set on a group's system line (text: its English wording)
    QStringList mentions; // the names of the users the message @mentions
    bool mentionAll = false; // it says @all
    bool mentionsMe = false; // it mentions this user (by name or @all), from someone else
    std::optional<ReceiptRow> receipt; // an own message: what the server last said of it
    bool outgoing() const { return state != State::Received; }
};

// "received", "sent", "pending" or "failed": the state as the UI and the CLI name it.
QString messageStateName(MessageRow::State state);

class Timeline
{
public:
    Timeline(Database &db, const Identity &me, Conversations &conversations, GroupState &groups);

    // Inserts in the caller's transaction (existing (conversation, seq)
    // kept) and moves each conversation's seqs, last line and unread count.
    // Returns the ids of the conversations whose contents changed.
    QList<quint64> insert(const QList<StoredEvent> &events);

    // Newest `limit` lines (messages and a group's system lines) with
    // seq < beforeSeq (0 = from the newest), oldest first.
    QList<MessageRow> lines(quint64 conversationId, int limit, quint64 beforeSeq = 0);
    // Lines with seq > afterSeq, oldest first.
    QList<MessageRow> linesAfter(quint64 conversationId, quint64 afterSeq, int limit);
    // Message lines stored, over all conversations.
    quint64 lineCount();
    // Who is in the group as far as its stored events tell: those who wrote
    // in it, and its membership events in order (created, added, joined
    // add; removed, left take away), by name.
    QStringList knownMembers(quint64 conversationId);

private:
    // Nicknames and the announcement, as a group event at seq sets them.
    void noteGroupState(quint64 conversationId, quint64 seq, const content::GroupLine &line);
    QList<MessageRow> readLines(Statement &st);
    QString userName(quint64 userId);

    Database &m_db;
    const Identity &m_me;
    Conversations &m_conversations;
    GroupState &m_groups;
};

} // namespace natter
