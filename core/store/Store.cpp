#include "store/Store.h"

#include "natter.pb.h"

#include "Logging.h"
#include <QDir>
#include <QHash>

#include <algorithm>
#include <limits>

namespace natter {

namespace {

constexpr int kEventMessage = proto::EVENT_MESSAGE;

// Version 1. Later versions append migrations in Store::migrate().
constexpr const char *kSchemaV1 = R"SQL(
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  peer TEXT,
  server_seq INTEGER NOT NULL DEFAULT 0,
  local_seq INTEGER NOT NULL DEFAULT 0,
  read_seq INTEGER NOT NULL DEFAULT 0,
  last_time INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_peer ON conversations(peer);
CREATE INDEX conversations_activity ON conversations(last_time);
CREATE TABLE events (
  conversation_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  id INTEGER NOT NULL,
  sender_id INTEGER NOT NULL,
  sender_device INTEGER NOT NULL,
  client_id TEXT,
  kind INTEGER NOT NULL,
  time_ms INTEGER NOT NULL,
  body BLOB,
  PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;
CREATE TABLE outbox (
  ord INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL,
  peer TEXT,
  conversation_id INTEGER,
  body BLOB,
  read_seq INTEGER NOT NULL DEFAULT 0,
  state INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX outbox_peer ON outbox(peer, ord);
)SQL";

// Version 2: unsent text per conversation.
constexpr const char *kSchemaV2 = R"SQL(
CREATE TABLE drafts (peer TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;
)SQL";

} // namespace

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

QString eventText(const QByteArray &body)
{
    proto::EventBody parsed;
    if (!parsed.ParseFromArray(body.constData(), int(body.size())) || !parsed.has_text())
        return {};
    return QString::fromStdString(parsed.text().text());
}

QByteArray textBody(const QString &text)
{
    proto::EventBody body;
    body.mutable_text()->set_text(text.toStdString());
    return QByteArray::fromStdString(body.SerializeAsString());
}

QString Store::databasePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(QStringLiteral("store.db"));
}

Store::Store(const QString &profileDir, const QByteArray &rawKey)
    : m_db((QDir().mkpath(profileDir), databasePath(profileDir)), rawKey)
{
    migrate();
    reloadAccount();
}

void Store::reloadAccount()
{
    const Account a = account();
    m_me = a.userId;
    m_meName = a.user;
}

void Store::migrate()
{
    const int version = m_db.userVersion();
    if (version > kSchemaVersion)
        throw StoreError(StoreError::Kind::Sql,
            QStringLiteral("the store has schema %1, newer than this Natter (%2)")
                .arg(version)
                .arg(kSchemaVersion));
    if (version == kSchemaVersion)
        return;
    Transaction txn(m_db);
    if (version < 1)
        m_db.exec(kSchemaV1);
    if (version < 2)
        m_db.exec(kSchemaV2);
    m_db.setUserVersion(kSchemaVersion);
    txn.commit();
    qCDebug(lcStore) << "migrated store from schema" << version << "to" << kSchemaVersion;
}

QString Store::stateText(const char *key)
{
    Statement &st = m_db.prepare("SELECT value FROM state WHERE key = ?");
    st.bind(1, QString::fromLatin1(key));
    QString value;
    if (st.step())
        value = st.text(0);
    st.reset();
    return value;
}

void Store::setStateText(const char *key, const QString &value)
{
    m_db.prepare("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)")
        .bind(1, QString::fromLatin1(key))
        .bind(2, value)
        .exec();
}

QString Store::trustedCertificates()
{
    return stateText("trusted_cert");
}

void Store::setTrustedCertificates(const QString &pem)
{
    setStateText("trusted_cert", pem);
}

Account Store::account()
{
    Account a;
    a.serverUrl = stateText("server_url");
    a.user = stateText("user");
    a.userId = stateText("user_id").toULongLong();
    a.deviceId = stateText("device_id").toULongLong();
    a.token = stateText("token");
    a.deviceName = stateText("device_name");
    return a;
}

void Store::saveAccount(const Account &a)
{
    Transaction txn(m_db);
    setStateText("server_url", a.serverUrl);
    setStateText("user", a.user);
    setStateText("user_id", QString::number(a.userId));
    setStateText("device_id", QString::number(a.deviceId));
    setStateText("token", a.token);
    setStateText("device_name", a.deviceName);
    upsertUser(a.userId, a.user);
    txn.commit();
    m_me = a.userId;
    m_meName = a.user;
}

void Store::clearToken()
{
    setStateText("token", QString());
}

quint64 Store::feedSeq()
{
    return stateText("feed_seq").toULongLong();
}

void Store::setFeedSeq(quint64 seq)
{
    setStateText("feed_seq", QString::number(seq));
}

void Store::upsertUser(quint64 id, const QString &name)
{
    m_db.prepare("INSERT OR REPLACE INTO users (id, name) VALUES (?, ?)")
        .bind(1, qint64(id))
        .bind(2, name)
        .exec();
}

void Store::upsertConversation(quint64 id, int kind, const QString &peer)
{
    m_db.prepare("INSERT OR IGNORE INTO conversations (id, kind, peer) VALUES (?, ?, ?)")
        .bind(1, qint64(id))
        .bind(2, qint64(kind))
        .bind(3, peer)
        .exec();
    if (!peer.isEmpty())
        m_db.prepare("UPDATE conversations SET peer = ?, kind = ? WHERE id = ?")
            .bind(1, peer)
            .bind(2, qint64(kind))
            .bind(3, qint64(id))
            .exec();
}

void Store::setReadSeq(quint64 conversationId, quint64 seq)
{
    m_db.prepare("UPDATE conversations SET read_seq = ? WHERE id = ? AND read_seq < ?")
        .bind(1, qint64(seq))
        .bind(2, qint64(conversationId))
        .bind(3, qint64(seq))
        .exec();
}

bool Store::hasConversation(quint64 id)
{
    Statement &st = m_db.prepare("SELECT 1 FROM conversations WHERE id = ?");
    st.bind(1, qint64(id));
    const bool found = st.step();
    st.reset();
    return found;
}

bool Store::applyHeads(const QList<HeadUpdate> &heads)
{
    if (heads.isEmpty())
        return false;
    Transaction txn(m_db);
    for (const HeadUpdate &h : heads) {
        m_db.prepare("UPDATE conversations SET server_seq = ? WHERE id = ? AND server_seq < ?")
            .bind(1, qint64(h.lastSeq))
            .bind(2, qint64(h.conversationId))
            .bind(3, qint64(h.lastSeq))
            .exec();
    }
    txn.commit();
    Statement &st
        = m_db.prepare("SELECT 1 FROM conversations WHERE local_seq < server_seq LIMIT 1");
    const bool behind = st.step();
    st.reset();
    return behind;
}

QList<quint64> Store::insertEvents(const QList<StoredEvent> &events)
{
    if (events.isEmpty())
        return {};
    Transaction txn(m_db);
    QList<quint64> changed = insertEventsInTransaction(events);
    txn.commit();
    return changed;
}

QList<quint64> Store::insertEventsInTransaction(const QList<StoredEvent> &events)
{
    // Per conversation touched: the highest seq and newest message time seen,
    // written once per batch rather than once per event (the activity index
    // would be rewritten for every row otherwise).
    struct Touched
    {
        quint64 conversationId;
        quint64 maxSeq;
        qint64 lastMessageMs;
    };
    QList<Touched> touched;
    QHash<quint64, qsizetype> slot;
    Statement &ins = m_db.prepare(
        "INSERT OR IGNORE INTO events (conversation_id, seq, id, sender_id, sender_device, "
        "client_id, kind, time_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const StoredEvent &e : events) {
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
        ins.exec();
        if (m_db.changes() == 0)
            continue;
        auto it = slot.constFind(e.conversationId);
        if (it == slot.constEnd()) {
            it = slot.insert(e.conversationId, touched.size());
            touched.append({ e.conversationId, 0, 0 });
        }
        Touched &t = touched[*it];
        t.maxSeq = std::max(t.maxSeq, e.seq);
        if (e.kind == kEventMessage)
            t.lastMessageMs = std::max(t.lastMessageMs, e.timeMs);
    }
    QList<quint64> changed;
    changed.reserve(touched.size());
    for (const Touched &t : std::as_const(touched)) {
        // An event of a conversation the feed has not told us about yet.
        m_db.prepare("INSERT OR IGNORE INTO conversations (id, kind) VALUES (?, 0)")
            .bind(1, qint64(t.conversationId))
            .exec();
        m_db.prepare("UPDATE conversations SET server_seq = max(server_seq, ?1), "
                     "last_time = max(last_time, ?2) WHERE id = ?3")
            .bind(1, qint64(t.maxSeq))
            .bind(2, t.lastMessageMs)
            .bind(3, qint64(t.conversationId))
            .exec();
        advanceLocalSeq(t.conversationId);
        changed.append(t.conversationId);
    }
    return changed;
}

void Store::advanceLocalSeq(quint64 conversationId)
{
    Statement &cur = m_db.prepare("SELECT local_seq FROM conversations WHERE id = ?");
    cur.bind(1, qint64(conversationId));
    quint64 local = cur.step() ? quint64(cur.int64(0)) : 0;
    cur.reset();
    Statement &next
        = m_db.prepare("SELECT seq FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq");
    next.bind(1, qint64(conversationId)).bind(2, qint64(local));
    while (next.step() && quint64(next.int64(0)) == local + 1)
        ++local;
    next.reset();
    m_db.prepare("UPDATE conversations SET local_seq = ? WHERE id = ?")
        .bind(1, qint64(local))
        .bind(2, qint64(conversationId))
        .exec();
}

QList<MissingRange> Store::missingRanges()
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

std::optional<quint64> Store::conversationForPeer(const QString &peer)
{
    Statement &st = m_db.prepare("SELECT id FROM conversations WHERE peer = ? AND kind = ?");
    st.bind(1, peer).bind(2, qint64(proto::DIRECT));
    std::optional<quint64> id;
    if (st.step())
        id = quint64(st.int64(0));
    st.reset();
    return id;
}

// Columns: id, kind, peer, server_seq, local_seq, read_seq, last_time, unread,
// last sender name, last body.
#define NATTER_SUMMARY_SELECT                                                                      \
    "SELECT c.id, c.kind, c.peer, c.server_seq, c.local_seq, c.read_seq, c.last_time, "            \
    "(SELECT count(*) FROM events e WHERE e.conversation_id = c.id AND e.seq > c.read_seq "        \
    "  AND e.kind = 1 AND e.sender_id != ?1), "                                                    \
    "(SELECT u.name FROM events e LEFT JOIN users u ON u.id = e.sender_id "                        \
    "  WHERE e.conversation_id = c.id AND e.kind = 1 ORDER BY e.seq DESC LIMIT 1), "               \
    "(SELECT e.body FROM events e WHERE e.conversation_id = c.id AND e.kind = 1 "                  \
    "  ORDER BY e.seq DESC LIMIT 1) "                                                              \
    "FROM conversations c "

ConversationSummary Store::summaryFrom(Statement &st)
{
    ConversationSummary s;
    s.id = quint64(st.int64(0));
    s.kind = int(st.int64(1));
    s.peer = st.text(2);
    s.serverSeq = quint64(st.int64(3));
    s.localSeq = quint64(st.int64(4));
    s.readSeq = quint64(st.int64(5));
    s.lastTimeMs = st.int64(6);
    s.unread = int(st.int64(7));
    s.hasLast = !st.isNull(9);
    s.lastFrom = st.text(8);
    s.lastText = s.hasLast ? eventText(st.blob(9)) : QString();
    return s;
}

std::optional<ConversationSummary> Store::conversation(quint64 id)
{
    Statement &st = m_db.prepare(NATTER_SUMMARY_SELECT "WHERE c.id = ?2");
    st.bind(1, qint64(m_me)).bind(2, qint64(id));
    std::optional<ConversationSummary> out;
    if (st.step())
        out = summaryFrom(st);
    st.reset();
    return out;
}

QList<ConversationSummary> Store::conversations(int limit)
{
    Statement &st = m_db.prepare(
        NATTER_SUMMARY_SELECT "WHERE c.kind != 0 ORDER BY c.last_time DESC, c.id DESC LIMIT ?2");
    st.bind(1, qint64(m_me)).bind(2, qint64(limit));
    QList<ConversationSummary> out;
    while (st.step())
        out.append(summaryFrom(st));
    st.reset();
    return out;
}

#undef NATTER_SUMMARY_SELECT

// Columns: id, seq, client_id, sender_id, sender name, time_ms, body.
MessageRow Store::messageFrom(Statement &st)
{
    MessageRow row;
    row.id = quint64(st.int64(0));
    row.seq = quint64(st.int64(1));
    row.clientId = st.text(2);
    const bool mine = quint64(st.int64(3)) == m_me;
    row.from = st.text(4);
    row.timeMs = st.int64(5);
    row.text = eventText(st.blob(6));
    row.state = mine ? MessageRow::State::Sent : MessageRow::State::Received;
    return row;
}

QList<MessageRow> Store::messages(const QString &peer, int limit, quint64 beforeSeq)
{
    QList<MessageRow> out;
    const auto conv = conversationForPeer(peer);
    if (!conv)
        return out;
    Statement &st = m_db.prepare(
        "SELECT e.id, e.seq, e.client_id, e.sender_id, u.name, e.time_ms, e.body "
        "FROM events e LEFT JOIN users u ON u.id = e.sender_id "
        "WHERE e.conversation_id = ? AND e.kind = 1 AND e.seq < ? ORDER BY e.seq DESC LIMIT ?");
    st.bind(1, qint64(*conv))
        .bind(2, beforeSeq ? qint64(beforeSeq) : std::numeric_limits<qint64>::max())
        .bind(3, qint64(limit));
    out = readMessages(st);
    std::reverse(out.begin(), out.end());
    return out;
}

QList<MessageRow> Store::readMessages(Statement &st)
{
    QList<MessageRow> out;
    while (st.step())
        out.append(messageFrom(st));
    st.reset();
    return out;
}

QList<MessageRow> Store::messagesAfter(const QString &peer, quint64 afterSeq, int limit)
{
    QList<MessageRow> out;
    const auto conv = conversationForPeer(peer);
    if (!conv)
        return out;
    Statement &st = m_db.prepare(
        "SELECT e.id, e.seq, e.client_id, e.sender_id, u.name, e.time_ms, e.body "
        "FROM events e LEFT JOIN users u ON u.id = e.sender_id "
        "WHERE e.conversation_id = ? AND e.kind = 1 AND e.seq > ? ORDER BY e.seq LIMIT ?");
    st.bind(1, qint64(*conv)).bind(2, qint64(afterSeq)).bind(3, qint64(limit));
    return readMessages(st);
}

QList<MessageRow> Store::outboxMessages(const QString &peer)
{
    QList<MessageRow> out;
    Statement &ob = m_db.prepare("SELECT client_id, body, state, created_ms, error FROM outbox "
                                 "WHERE peer = ? AND kind = 1 ORDER BY ord");
    ob.bind(1, peer);
    while (ob.step()) {
        MessageRow row;
        row.clientId = ob.text(0);
        row.text = eventText(ob.blob(1));
        row.state = ob.int64(2) == 2 ? MessageRow::State::Failed : MessageRow::State::Pending;
        row.timeMs = ob.int64(3);
        row.error = ob.text(4);
        row.from = m_meName;
        out.append(row);
    }
    ob.reset();
    return out;
}

QList<MessageRow> Store::latestMessages(const QString &peer, int limit)
{
    return messages(peer, limit) + outboxMessages(peer);
}

int Store::unreadTotal()
{
    Statement &st = m_db.prepare(
        "SELECT count(*) FROM events e JOIN conversations c ON c.id = e.conversation_id "
        "WHERE e.seq > c.read_seq AND e.kind = 1 AND e.sender_id != ?");
    st.bind(1, qint64(m_me));
    st.step();
    const int n = int(st.int64(0));
    st.reset();
    return n;
}

QString Store::draft(const QString &peer)
{
    Statement &st = m_db.prepare("SELECT text FROM drafts WHERE peer = ?");
    st.bind(1, peer);
    QString text;
    if (st.step())
        text = st.text(0);
    st.reset();
    return text;
}

void Store::setDraft(const QString &peer, const QString &text)
{
    if (text.isEmpty())
        m_db.prepare("DELETE FROM drafts WHERE peer = ?").bind(1, peer).exec();
    else
        m_db.prepare("INSERT OR REPLACE INTO drafts (peer, text) VALUES (?, ?)")
            .bind(1, peer)
            .bind(2, text)
            .exec();
}

} // namespace natter
