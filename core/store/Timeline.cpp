#include "store/Timeline.h"

#include "content/Mentions.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace natter {

// What readLines() reads, in its order; the callers add WHERE and ORDER BY.
#define LINE_COLUMNS                                                                               \
    "SELECT e.id, e.seq, e.client_id, e.sender_id, u.name, e.time_ms, e.body, e.rel_type, "        \
    "e.rel_seq, n.nickname, r.read, r.delivered, r.total, r.readers FROM events e "                \
    "LEFT JOIN users u ON u.id = e.sender_id "                                                     \
    "LEFT JOIN nicknames n ON n.conversation_id = e.conversation_id AND n.user_id = e.sender_id "  \
    "LEFT JOIN receipts r ON r.conversation_id = e.conversation_id AND r.seq = e.seq "

QString messageStateName(MessageRow::State state)
{
    switch (state) {
    case MessageRow::State::Received: return QStringLiteral("received");
    case MessageRow::State::Sent: return QStringLiteral("sent");
    case MessageRow::State::Pending: return QStringLiteral("pending");
    case MessageRow::State::Failed: return QStringLiteral("failed");
    }
    return {};
}

Timeline::Timeline(
    Database &db, const Identity &me, Conversations &conversations, GroupState &groups)
    : m_db(db)
    , m_me(me)
    , m_conversations(conversations)
    , m_groups(groups)
{
}

QList<quint64> Timeline::insert(const QList<StoredEvent> &events)
{
    // Per conversation touched: what the batch stored, written once per batch
    // rather than once per event (the activity index would be rewritten for
    // every row otherwise).
    struct Touched
    {
        quint64 conversationId = 0;
        quint64 readSeq = 0;
        Conversations::Inserted inserted;
    };
    QList<Touched> touched;
    QHash<quint64, qsizetype> slot;
    Statement &ins = m_db.prepare(
        "INSERT OR IGNORE INTO events (conversation_id, seq, id, sender_id, sender_device, "
        "client_id, kind, time_ms, body, rel_type, rel_seq, rel_key, shown) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const StoredEvent &e : events) {
        auto it = slot.constFind(e.conversationId);
        if (it == slot.constEnd()) {
            // An event of a conversation the feed has not told us about yet.
            m_conversations.ensure(e.conversationId);
            it = slot.insert(e.conversationId, touched.size());
            touched.append({ e.conversationId, m_conversations.readSeq(e.conversationId), {} });
        }
        const TimelineRole role = content::roleOf(e.kind, e.relation.type);
        ins.reset();
        ins.bind(1, qint64(e.conversationId))
            .bind(2, qint64(e.seq))
            .bind(3, qint64(e.id))
            .bind(4, qint64(e.senderId))
            .bind(5, qint64(e.senderDevice));
        if (e.clientId.isEmpty())
            ins.bindNull(6);
        else
            ins.bind(6, e.clientId);
        ins.bind(7, qint64(e.kind)).bind(8, e.timeMs).bind(9, e.body);
        ins.bind(10, qint64(e.relation.type)).bind(11, qint64(e.relation.seq));
        if (e.relation.key.isEmpty())
            ins.bindNull(12);
        else
            ins.bind(12, e.relation.key);
        ins.bind(13, qint64(role));
        ins.exec();
        if (m_db.changes() == 0)
            continue;
        Touched &t = touched[*it];
        t.inserted.maxSeq = std::max(t.inserted.maxSeq, e.seq);
        if (role == TimelineRole::System) {
            const content::GroupLine line = content::groupLine(e.body);
            // Who joins later is named here first.
            for (const auto &[userId, name] : line.people)
                m_conversations.upsertUser(userId, name);
            t.inserted.groupVersion = std::max(t.inserted.groupVersion, line.version);
            noteGroupState(e.conversationId, e.seq, line);
            const bool names
                = line.op == QLatin1String("created") || line.op == QLatin1String("renamed");
            if (names && line.version > t.inserted.titleVersion) {
                t.inserted.title = line.text;
                t.inserted.titleVersion = line.version;
            }
        }
        if (role != TimelineRole::Message)
            continue;
        t.inserted.lastLineSeq = std::max(t.inserted.lastLineSeq, e.seq);
        t.inserted.lastLineMs = std::max(t.inserted.lastLineMs, e.timeMs);
        if (e.senderId != m_me.userId && e.seq > t.readSeq) {
            ++t.inserted.unreadAdded;
            if (content::mentionsOf(e.body).includes(m_me.userId))
                t.inserted.mentionSeq = std::max(t.inserted.mentionSeq, e.seq);
        }
    }
    QList<quint64> changed;
    for (const Touched &t : std::as_const(touched)) {
        if (t.inserted.maxSeq == 0)
            continue; // every event was there already
        m_conversations.noteInserted(t.conversationId, t.inserted);
        changed.append(t.conversationId);
    }
    return changed;
}

void Timeline::noteGroupState(quint64 conversationId, quint64 seq, const content::GroupLine &line)
{
    if (line.op == QLatin1String("announcement")) {
        m_groups.setAnnouncement(conversationId, line.text, seq);
        return;
    }
    // A member's nickname is theirs while they stay: set by their own
    // event, gone when they leave, are removed, or come back.
    if (line.op == QLatin1String("nickname") && line.actorId != 0) {
        m_groups.setNickname(conversationId, line.actorId, line.text, seq);
        return;
    }
    const bool membership = line.op == QLatin1String("added") || line.op == QLatin1String("joined")
        || line.op == QLatin1String("removed");
    if (membership)
        for (quint64 id : line.targetIds)
            m_groups.setNickname(conversationId, id, QString(), seq);
    if (line.op == QLatin1String("left") && line.actorId != 0)
        m_groups.setNickname(conversationId, line.actorId, QString(), seq);
}

QString Timeline::userName(quint64 userId)
{
    Statement &st = m_db.prepare("SELECT name FROM users WHERE id = ?");
    st.bind(1, qint64(userId));
    QString name = st.step() ? st.text(0) : QString();
    st.reset();
    return name;
}

QStringList Timeline::knownMembers(quint64 conversationId)
{
    Statement &senders = m_db.prepare("SELECT DISTINCT u.name FROM events e JOIN users u "
                                      "ON u.id = e.sender_id WHERE e.conversation_id = ? AND "
                                      "e.shown = ?");
    senders.bind(1, qint64(conversationId)).bind(2, qint64(TimelineRole::Message));
    QStringList names;
    while (senders.step())
        names.append(senders.text(0));
    senders.reset();
    Statement &changes = m_db.prepare(
        "SELECT body FROM events WHERE conversation_id = ? AND shown = ? ORDER BY seq");
    changes.bind(1, qint64(conversationId)).bind(2, qint64(TimelineRole::System));
    const auto add = [&](const QString &name) {
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    };
    while (changes.step()) {
        const content::GroupLine line = content::groupLine(changes.blob(0));
        if (line.op == QLatin1String("created"))
            add(line.actor);
        if (line.op == QLatin1String("created") || line.op == QLatin1String("added")
            || line.op == QLatin1String("joined")) {
            for (const QString &t : line.targets)
                add(t);
        } else if (line.op == QLatin1String("removed")) {
            for (const QString &t : line.targets)
                names.removeAll(t);
        } else if (line.op == QLatin1String("left")) {
            names.removeAll(line.actor);
        } else if (line.op == QLatin1String("dissolved")) {
            names.clear();
        }
    }
    changes.reset();
    names.sort();
    return names;
}

quint64 Timeline::lineCount()
{
    Statement &st = m_db.prepare("SELECT count(*) FROM events WHERE shown = ?");
    st.bind(1, qint64(TimelineRole::Message));
    const quint64 n = st.step() ? quint64(st.int64(0)) : 0;
    st.reset();
    return n;
}

// Columns: id, seq, client_id, sender_id, sender name, time_ms, body, rel_type, rel_seq,
// the sender's nickname, the receipt's read, delivered, total and readers.
QList<MessageRow> Timeline::readLines(Statement &st)
{
    QList<MessageRow> out;
    while (st.step()) {
        MessageRow row;
        row.id = quint64(st.int64(0));
        row.seq = quint64(st.int64(1));
        row.clientId = st.text(2);
        const bool mine = quint64(st.int64(3)) == m_me.userId;
        row.from = st.text(4);
        row.nickname = st.text(9);
        row.timeMs = st.int64(5);
        const QByteArray body = st.blob(6);
        row.group = content::groupLine(body);
        row.text = row.group.isSet() ? content::describe(row.group) : content::text(body);
        row.state = mine ? MessageRow::State::Sent : MessageRow::State::Received;
        if (st.int64(7) == qint64(Relation::Type::Reply))
            row.replyTo = quint64(st.int64(8));
        if (!row.group.isSet()) {
            const content::Mentions mentions = content::mentionsOf(body);
            row.mentionAll = mentions.all;
            for (quint64 id : mentions.users)
                if (const QString name = userName(id); !name.isEmpty())
                    row.mentions.append(name);
            row.mentionsMe = !mine && mentions.includes(m_me.userId);
        }
        if (mine && !st.isNull(10)) {
            const QString readers = st.text(13);
            row.receipt
                = ReceiptRow { row.seq, int(st.int64(10)), int(st.int64(11)), int(st.int64(12)),
                      readers.isEmpty() ? QStringList() : readers.split(QLatin1Char('\n')) };
        }
        out.append(row);
    }
    st.reset();
    return out;
}

QList<MessageRow> Timeline::lines(quint64 conversationId, int limit, quint64 beforeSeq)
{
    Statement &st = m_db.prepare(LINE_COLUMNS
        "WHERE e.conversation_id = ? AND e.shown != ? AND e.seq < ? ORDER BY e.seq DESC LIMIT ?");
    st.bind(1, qint64(conversationId))
        .bind(2, qint64(TimelineRole::Hidden))
        .bind(3, beforeSeq ? qint64(beforeSeq) : std::numeric_limits<qint64>::max())
        .bind(4, qint64(limit));
    QList<MessageRow> out = readLines(st);
    std::reverse(out.begin(), out.end());
    return out;
}

QList<MessageRow> Timeline::linesAfter(quint64 conversationId, quint64 afterSeq, int limit)
{
    Statement &st = m_db.prepare(LINE_COLUMNS
        "WHERE e.conversation_id = ? AND e.shown != ? AND e.seq > ? ORDER BY e.seq LIMIT ?");
    st.bind(1, qint64(conversationId))
        .bind(2, qint64(TimelineRole::Hidden))
        .bind(3, qint64(afterSeq))
        .bind(4, qint64(limit));
    return readLines(st);
}

} // namespace natter
