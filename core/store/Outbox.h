// The outbox: every user action is written here first, with its client id,
// and replayed to the server in order when connected. Rows survive crashes
// and restarts; a row leaves the outbox in the same transaction that stores
// the acknowledged event. An entry names its conversation by id: a local
// one (a direct chat not created on the server yet) is sent by its peer's
// name, and the ack that creates it moves everything of the local
// conversation to the server's id. The outbox table's only writer. Same
// thread as its Store; throws StoreError.
#pragma once

#include "content/Mentions.h"
#include "store/Drafts.h"
#include "store/Timeline.h"

#include "natter.pb.h"

#include <optional>

namespace natter {

struct OutboxEntry
{
    enum Kind { Message = 1, Read = 2, GroupAction = 3, Account = 4, GroupCreate = 5 };
    enum State { Pending = 0, Failed = 2 };
    qint64 ord = 0;
    QString clientId;
    Kind kind = Message;
    quint64 conversationId = 0;
    // Message: an EventBody; GroupAction: a GroupActionRequest; Account: an
    // Envelope with one request about the user (friends, profile, settings);
    // GroupCreate: a GroupCreateRequest (its client id is the entry's).
    QByteArray body;
    Relation relation;
    quint64 readSeq = 0;
    int attempts = 0;
};

class Outbox
{
public:
    Outbox(Database &db, const Identity &me, Conversations &conversations, Timeline &timeline,
        Drafts &drafts);

    // Queues a text message; its @words that name known users, and @all in a
    // group, become its mentions. Returns the client id. Throws StoreError(Sql)
    // for an empty or too long text, StoreError(Missing) for an unknown
    // conversation.
    QString enqueueMessage(
        quint64 conversationId, const QString &text, const Relation &relation = {});
    // Marks the conversation read up to its newest stored event, locally at
    // once and on the server through the outbox. False when there is no
    // such conversation on the server (yet).
    bool enqueueRead(quint64 conversationId);
    // Queues a change to a group (the action's conversation, client id and
    // base version are filled in here: the group version this device has
    // seen, so a replay after others changed the group is refused, not
    // applied blindly). Returns the client id; StoreError(Missing) when the
    // user is not a member of such a group here (a remark: never was).
    QString enqueueGroupAction(quint64 conversationId, proto::GroupActionRequest action);
    // Queues a request to join a group the user is not in (possibly not
    // known here yet: a server id from a search), with a note for the admins.
    QString enqueueJoin(quint64 groupId, const QString &note);
    // Queues a request about the user, not a conversation — a friend action,
    // a profile or a settings change (an Envelope holding one of them; any
    // other is refused with StoreError(Sql)). Replayed like the rest; the
    // server answers Ok, and the change comes back on the feed.
    QString enqueueAccountRequest(const proto::Envelope &request);
    // Creates a group here at once — a local conversation (*localId) the
    // user can open and write in — and queues its creation on the server
    // (members: user names besides the user; join, history: the proto
    // policies). The server's ack makes the local group that one (see
    // acknowledge); a refusal fails everything queued in it (abandonLocal).
    QString enqueueGroupCreate(
        const QString &name, const QStringList &members, int join, int history, quint64 *localId);
    // The server refused to create a local group: its create leaves the
    // queue and what was queued in it fails with the reason.
    void abandonLocal(const OutboxEntry &create, const QString &error);

    std::optional<OutboxEntry> nextPending();
    int pendingCount(); // every kind: what the engine still has to send
    int pendingMessageCount(); // messages only: what the user waits for

    // Stores the acknowledged message as an event and removes the entry, in
    // one transaction (a group action's or create's event comes by pull:
    // only the head moves). Returns the conversation it is in; when the entry's
    // conversation was local, that one is now the server's (see above).
    quint64 acknowledge(
        const OutboxEntry &entry, quint64 conversationId, quint64 seq, quint64 id, qint64 timeMs);
    void remove(const QString &clientId);
    void fail(const QString &clientId, const QString &error);
    void noteAttempt(const QString &clientId);
    // Puts a failed entry back in the queue, at its original place.
    bool retry(const QString &clientId);
    // The entries of a local conversation now go to the server's conversation.
    void retarget(quint64 from, quint64 to);

    // This conversation's messages not acknowledged yet, in send order.
    QList<MessageRow> lines(quint64 conversationId);

private:
    content::Mentions mentionsIn(quint64 conversationId, const QString &text);
    QString insertGroupAction(quint64 conversationId, proto::GroupActionRequest action);
    Database &m_db;
    const Identity &m_me;
    Conversations &m_conversations;
    Timeline &m_timeline;
    Drafts &m_drafts;
};

} // namespace natter
