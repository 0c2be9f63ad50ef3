#include "store/Conversations.h"

#include "content/MessageContent.h"

#include "natter.pb.h"

namespace natter {

namespace {

// Columns: id, kind, title, pending_peer (unused), server_seq, local_seq, read_seq,
// last_time, unread, last line's sender name, last line's body, left_seq,
// dissolved, group_version, last line's sender id, mention_seq. The last line is one
// primary-key lookup, not a scan.
#define NATTER_SUMMARY_SELECT                                                                      \
    "SELECT c.id, c.kind, c.title, c.pending_peer, c.server_seq, c.local_seq, c.read_seq, "        \
    "c.last_time, c.unread, u.name, e.body, c.left_seq, c.dissolved, c.group_version, "            \
    "e.sender_id, c.mention_seq "                                                                  \
    "FROM conversations c "                                                                        \
    "LEFT JOIN events e ON e.conversation_id = c.id AND e.seq = c.last_line_seq "                  \
    "LEFT JOIN users u ON u.id = e.sender_id "

} // namespace

QString Conversations::kindName(int kind)
{
    return kind == proto::GROUP ? QStringLiteral("group") : QStringLiteral("direct");
}

Conversations::Conversations(Database &db, const Identity &me)
    : m_db(db)
    , m_me(me)
{
}

void Conversations::upsertUser(quint64 id, const QString &name)
{
    m_db.prepare("INSERT OR REPLACE INTO users (id, name) VALUES (?, ?)")
        .bind(1, qint64(id))
        .bind(2, name)
        .exec();
}

void Conversations::applyJoined(quint64 id, int kind, const QList<MemberInfo> &members,
    const QString &groupTitle, quint64 visibleFrom)
{
    QString title = kind == proto::GROUP ? groupTitle : QString();
    for (const MemberInfo &m : members) {
        upsertUser(m.userId, m.name);
        if (kind != proto::DIRECT)
            continue; // a group's members change: GroupInfo says who they are now
        m_db.prepare("INSERT OR IGNORE INTO members (conversation_id, user_id) VALUES (?, ?)")
            .bind(1, qint64(id))
            .bind(2, qint64(m.userId))
            .exec();
        if (kind == proto::DIRECT && m.userId != m_me.userId)
            title = m.name;
    }
    m_db.prepare("INSERT OR IGNORE INTO conversations (id, kind) VALUES (?, ?)")
        .bind(1, qint64(id))
        .bind(2, qint64(kind))
        .exec();
    // Its members are known now: no need to find it by the peer's name.
    m_db.prepare("UPDATE conversations SET kind = ?1, title = CASE WHEN ?2 = '' THEN title ELSE ?2 "
                 "END, pending_peer = NULL WHERE id = ?3")
        .bind(1, qint64(kind))
        .bind(2, title)
        .bind(3, qint64(id))
        .exec();
    if (kind != proto::GROUP)
        return;
    // A member (again): the history they may read starts at visibleFrom.
    const qint64 floor = visibleFrom > 0 ? qint64(visibleFrom) - 1 : 0;
    m_db.prepare("UPDATE conversations SET left_seq = 0, dissolved = 0, "
                 "local_seq = max(local_seq, ?1), server_seq = max(server_seq, ?1) WHERE id = ?2")
        .bind(1, floor)
        .bind(2, qint64(id))
        .exec();
    advanceLocalSeq(id);
}

void Conversations::applyLeft(quint64 id, quint64 lastSeq, bool dissolved)
{
    ensure(id);
    // Nothing after lastSeq will come: the server's head for us stops there.
    m_db.prepare("UPDATE conversations SET left_seq = ?1, dissolved = ?2, "
                 "server_seq = min(max(server_seq, ?1), ?1) WHERE id = ?3")
        .bind(1, qint64(lastSeq))
        .bind(2, qint64(dissolved ? 1 : 0))
        .bind(3, qint64(id))
        .exec();
}

void Conversations::ensure(quint64 id)
{
    m_db.prepare("INSERT OR IGNORE INTO conversations (id, kind) VALUES (?, ?)")
        .bind(1, qint64(id))
        .bind(2, qint64(proto::CONVERSATION_UNKNOWN))
        .exec();
}

void Conversations::setReadSeq(quint64 id, quint64 seq)
{
    m_db.prepare("UPDATE conversations SET read_seq = ? WHERE id = ? AND read_seq < ?")
        .bind(1, qint64(seq))
        .bind(2, qint64(id))
        .bind(3, qint64(seq))
        .exec();
    if (m_db.changes() > 0)
        recountUnread(id);
}

void Conversations::recountUnread(quint64 id)
{
    m_db.prepare("UPDATE conversations SET unread = (SELECT count(*) FROM events e "
                 "WHERE e.conversation_id = ?1 AND e.seq > conversations.read_seq "
                 "AND e.shown = ?2 AND e.sender_id != ?3) WHERE id = ?1")
        .bind(1, qint64(id))
        .bind(2, qint64(TimelineRole::Message))
        .bind(3, qint64(m_me.userId))
        .exec();
}

bool Conversations::applyHeads(const QList<HeadUpdate> &heads)
{
    if (heads.isEmpty())
        return false;
    Transaction txn(m_db);
    for (const HeadUpdate &h : heads)
        raiseHead(h.conversationId, h.lastSeq);
    txn.commit();
    Statement &st
        = m_db.prepare("SELECT 1 FROM conversations WHERE local_seq < server_seq LIMIT 1");
    const bool behind = st.step();
    st.reset();
    return behind;
}

void Conversations::raiseHead(quint64 id, quint64 seq)
{
    // A group the user left ends at left_seq, whatever a late notify says.
    m_db.prepare("UPDATE conversations SET server_seq = ?1 WHERE id = ?2 AND server_seq < ?1 "
                 "AND (left_seq = 0 OR ?1 <= left_seq)")
        .bind(1, qint64(seq))
        .bind(2, qint64(id))
        .exec();
}

bool Conversations::contains(quint64 id)
{
    Statement &st = m_db.prepare("SELECT 1 FROM conversations WHERE id = ?");
    st.bind(1, qint64(id));
    const bool found = st.step();
    st.reset();
    return found;
}

QList<MissingRange> Conversations::missingRanges()
{
    QList<MissingRange> out;
    Statement &st = m_db.prepare(
        "SELECT id, local_seq, server_seq FROM conversations WHERE local_seq < server_seq "
        "ORDER BY last_time DESC");
    while (st.step())
        out.append({ quint64(st.int64(0)), quint64(st.int64(1)), quint64(st.int64(2)) });
    st.reset();
    return out;
}

quint64 Conversations::readSeq(quint64 id)
{
    Statement &st = m_db.prepare("SELECT read_seq FROM conversations WHERE id = ?");
    st.bind(1, qint64(id));
    const quint64 seq = st.step() ? quint64(st.int64(0)) : 0;
    st.reset();
    return seq;
}

void Conversations::noteInserted(quint64 id, const Inserted &in)
{
    m_db.prepare("UPDATE conversations SET server_seq = max(server_seq, ?1), "
                 "last_time = max(last_time, ?2), last_line_seq = max(last_line_seq, ?3), "
                 "unread = unread + ?4, group_version = max(group_version, ?6), "
                 "title = CASE WHEN ?8 > group_version THEN ?7 ELSE title END, "
                 "mention_seq = max(mention_seq, ?9) WHERE id = ?5")
        .bind(1, qint64(in.maxSeq))
        .bind(2, in.lastLineMs)
        .bind(3, qint64(in.lastLineSeq))
        .bind(4, qint64(in.unreadAdded))
        .bind(5, qint64(id))
        .bind(6, qint64(in.groupVersion))
        .bind(7, in.title)
        .bind(8, qint64(in.titleVersion))
        .bind(9, qint64(in.mentionSeq))
        .exec();
    advanceLocalSeq(id);
}

void Conversations::advanceLocalSeq(quint64 id)
{
    Statement &cur = m_db.prepare("SELECT local_seq FROM conversations WHERE id = ?");
    cur.bind(1, qint64(id));
    quint64 local = cur.step() ? quint64(cur.int64(0)) : 0;
    cur.reset();
    Statement &next
        = m_db.prepare("SELECT seq FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq");
    next.bind(1, qint64(id)).bind(2, qint64(local));
    while (next.step() && quint64(next.int64(0)) == local + 1)
        ++local;
    next.reset();
    m_db.prepare("UPDATE conversations SET local_seq = ? WHERE id = ?")
        .bind(1, qint64(local))
        .bind(2, qint64(id))
        .exec();
}

std::optional<quint64> Conversations::directWith(const QString &userName)
{
    // The server's conversation first (positive ids sort last), else a local one.
    Statement &st = m_db.prepare(
        "SELECT c.id FROM conversations c JOIN members m ON m.conversation_id = c.id "
        "JOIN users u ON u.id = m.user_id WHERE c.kind = ?1 AND u.name = ?2 AND u.id != ?3 "
        "UNION SELECT id FROM conversations WHERE kind = ?1 AND pending_peer = ?2 "
        "AND merged_into IS NULL ORDER BY 1 DESC LIMIT 1");
    st.bind(1, qint64(proto::DIRECT)).bind(2, userName).bind(3, qint64(m_me.userId));
    std::optional<quint64> id;
    if (st.step())
        id = quint64(st.int64(0));
    st.reset();
    return id;
}

quint64 Conversations::startDirect(const QString &userName, qint64 nowMs)
{
    if (const auto existing = directWith(userName))
        return *existing;
    return insertLocal(proto::DIRECT, userName, userName, nowMs);
}

quint64 Conversations::startGroup(const QString &name, qint64 nowMs)
{
    return insertLocal(proto::GROUP, name, QString(), nowMs);
}

quint64 Conversations::insertLocal(
    int kind, const QString &title, const QString &pendingPeer, qint64 nowMs)
{
    Statement &lowest = m_db.prepare("SELECT min(id) FROM conversations");
    const qint64 min = lowest.step() ? lowest.int64(0) : 0;
    lowest.reset();
    const qint64 id = min < 0 ? min - 1 : -1;
    Statement &st = m_db.prepare("INSERT INTO conversations (id, kind, title, pending_peer, "
                                 "last_time) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, id).bind(2, qint64(kind)).bind(3, title);
    if (pendingPeer.isEmpty())
        st.bindNull(4);
    else
        st.bind(4, pendingPeer);
    st.bind(5, nowMs).exec();
    return quint64(id);
}

QString Conversations::pendingPeer(quint64 id)
{
    Statement &st = m_db.prepare("SELECT pending_peer FROM conversations WHERE id = ?");
    st.bind(1, qint64(id));
    return st.firstText();
}

QList<quint64> Conversations::localsFor(const QString &userName)
{
    Statement &st = m_db.prepare(
        "SELECT id FROM conversations WHERE pending_peer = ? AND id < 0 AND merged_into IS NULL");
    st.bind(1, userName);
    QList<quint64> ids;
    while (st.step())
        ids.append(quint64(st.int64(0)));
    st.reset();
    return ids;
}

void Conversations::adopt(quint64 localId, quint64 serverId)
{
    if (!isLocal(localId) || localId == serverId)
        return;
    // Until the feed names its members, the server's conversation is found
    // by the peer's name as the local one was.
    m_db.prepare("INSERT OR IGNORE INTO conversations (id, kind, title, pending_peer) "
                 "SELECT ?1, kind, title, pending_peer FROM conversations WHERE id = ?2")
        .bind(1, qint64(serverId))
        .bind(2, qint64(localId))
        .exec();
    m_db.prepare(
            "UPDATE conversations SET title = (SELECT title FROM conversations WHERE id = ?2) "
            "WHERE id = ?1 AND title = '' AND EXISTS (SELECT 1 FROM conversations WHERE id = ?2)")
        .bind(1, qint64(serverId))
        .bind(2, qint64(localId))
        .exec();
    m_db.prepare("UPDATE conversations SET merged_into = ? WHERE id = ?")
        .bind(1, qint64(serverId))
        .bind(2, qint64(localId))
        .exec();
}

quint64 Conversations::resolve(quint64 id)
{
    if (!isLocal(id))
        return id;
    Statement &st = m_db.prepare("SELECT merged_into FROM conversations WHERE id = ?");
    st.bind(1, qint64(id));
    quint64 to = id;
    if (st.step() && !st.isNull(0))
        to = quint64(st.int64(0));
    st.reset();
    return to;
}

ConversationSummary Conversations::summaryFrom(Statement &st) const
{
    ConversationSummary s;
    s.id = quint64(st.int64(0));
    s.kind = int(st.int64(1));
    s.title = st.text(2);
    s.local = isLocal(s.id);
    s.serverSeq = quint64(st.int64(4));
    s.localSeq = quint64(st.int64(5));
    s.readSeq = quint64(st.int64(6));
    s.lastTimeMs = st.int64(7);
    s.unread = int(st.int64(8));
    s.hasLast = !st.isNull(10);
    s.lastFrom = st.text(9);
    s.lastText = s.hasLast ? content::preview(st.blob(10)) : QString();
    s.leftSeq = quint64(st.int64(11));
    s.dissolved = st.int64(12) != 0;
    s.groupVersion = quint64(st.int64(13));
    s.lastMine = s.hasLast && quint64(st.int64(14)) == m_me.userId;
    s.mentionSeq = quint64(st.int64(15));
    return s;
}

std::optional<ConversationSummary> Conversations::summary(quint64 id)
{
    Statement &st = m_db.prepare(NATTER_SUMMARY_SELECT "WHERE c.id = ?");
    st.bind(1, qint64(id));
    std::optional<ConversationSummary> out;
    if (st.step())
        out = summaryFrom(st);
    st.reset();
    return out;
}

QList<ConversationSummary> Conversations::list(int limit)
{
    Statement &st = m_db.prepare(
        NATTER_SUMMARY_SELECT "WHERE c.kind != ?1 AND (c.id >= 0 OR EXISTS "
                              "(SELECT 1 FROM outbox o WHERE o.conversation_id = c.id)) "
                              "ORDER BY c.last_time DESC, c.id DESC LIMIT ?2");
    st.bind(1, qint64(proto::CONVERSATION_UNKNOWN)).bind(2, qint64(limit));
    QList<ConversationSummary> out;
    while (st.step())
        out.append(summaryFrom(st));
    st.reset();
    return out;
}

#undef NATTER_SUMMARY_SELECT

QList<MemberInfo> Conversations::members(quint64 id)
{
    Statement &st = m_db.prepare("SELECT u.id, u.name FROM members m JOIN users u ON u.id = "
                                 "m.user_id WHERE m.conversation_id = ? ORDER BY u.name");
    st.bind(1, qint64(id));
    QList<MemberInfo> out;
    while (st.step())
        out.append({ quint64(st.int64(0)), st.text(1) });
    st.reset();
    return out;
}

std::optional<quint64> Conversations::userIdByName(const QString &name)
{
    Statement &st = m_db.prepare("SELECT id FROM users WHERE name = ? COLLATE NOCASE LIMIT 1");
    st.bind(1, name);
    std::optional<quint64> id;
    if (st.step())
        id = quint64(st.int64(0));
    st.reset();
    return id;
}

int Conversations::unreadTotal()
{
    Statement &st = m_db.prepare("SELECT coalesce(sum(unread), 0) FROM conversations");
    st.step();
    const int n = int(st.int64(0));
    st.reset();
    return n;
}

} // namespace natter
