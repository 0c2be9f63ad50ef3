#include "store/Schema.h"

#include "Logging.h"
#include "content/MessageContent.h"
#include "store/Database.h"

#include <QStringList>

#include <functional>

namespace natter::schema {

namespace {

// Version 1.
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

// Version 3: everything keyed by conversation id. Conversations get a title,
// their members, and the unread count and last message line as columns;
// a direct chat the server has not created yet is a local conversation
// (a negative id) that names its peer (pending_peer, kept until the feed
// names the members); once the server has it, the local row stays as an
// alias (merged_into) for whoever still holds the local id. Events and outbox entries carry a
// relation; `shown` says how an event shows in the timeline (content::roleOf). Drafts and outbox
// entries point at conversations, not peers.
constexpr const char *kSchemaV3Tables = R"SQL(
CREATE TABLE conversations_v3 (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  pending_peer TEXT,
  merged_into INTEGER,
  server_seq INTEGER NOT NULL DEFAULT 0,
  local_seq INTEGER NOT NULL DEFAULT 0,
  read_seq INTEGER NOT NULL DEFAULT 0,
  last_time INTEGER NOT NULL DEFAULT 0,
  unread INTEGER NOT NULL DEFAULT 0,
  last_line_seq INTEGER NOT NULL DEFAULT 0
);
INSERT INTO conversations_v3 (id, kind, title, server_seq, local_seq, read_seq, last_time)
  SELECT id, kind, coalesce(peer, ''), server_seq, local_seq, read_seq, last_time
  FROM conversations;
CREATE TABLE members (
  conversation_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX members_user ON members(user_id);
ALTER TABLE events ADD COLUMN rel_type INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN rel_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN rel_key TEXT;
ALTER TABLE events ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_relation ON events(conversation_id, rel_seq) WHERE rel_type != 0;
CREATE TABLE outbox_v3 (
  ord INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL,
  conversation_id INTEGER NOT NULL,
  body BLOB,
  rel_type INTEGER NOT NULL DEFAULT 0,
  rel_seq INTEGER NOT NULL DEFAULT 0,
  rel_key TEXT,
  read_seq INTEGER NOT NULL DEFAULT 0,
  state INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  error TEXT
);
CREATE TABLE drafts_v3 (conversation_id INTEGER PRIMARY KEY, text TEXT NOT NULL);
)SQL";

constexpr const char *kSchemaV3Swap = R"SQL(
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_conversation ON outbox(conversation_id, ord);
DROP TABLE drafts;
ALTER TABLE drafts_v3 RENAME TO drafts;
DROP TABLE conversations;
ALTER TABLE conversations_v3 RENAME TO conversations;
CREATE INDEX conversations_activity ON conversations(last_time);
)SQL";

void toVersion3(Database &db)
{
    db.exec(kSchemaV3Tables);
    const qint64 me = [&db] {
        Statement &st = db.prepare("SELECT value FROM state WHERE key = 'user_id'");
        const qint64 id = st.step() ? st.text(0).toLongLong() : 0;
        st.reset();
        return id;
    }();
    // A direct conversation's members: its peer and, once signed in, me.
    db.prepare("INSERT OR IGNORE INTO members (conversation_id, user_id) "
               "SELECT c.id, u.id FROM conversations_v3 c JOIN users u ON u.name = c.title "
               "WHERE c.kind = ?1 AND c.title != ''")
        .bind(1, qint64(proto::DIRECT))
        .exec();
    if (me != 0)
        db.prepare("INSERT OR IGNORE INTO members (conversation_id, user_id) "
                   "SELECT id, ?1 FROM conversations_v3 WHERE kind = ?2")
            .bind(1, me)
            .bind(2, qint64(proto::DIRECT))
            .exec();
    // Message lines and their unread counts, by the rules of content/.
    db.prepare("UPDATE events SET shown = ?1 WHERE kind = ?2")
        .bind(1, qint64(content::roleOf(proto::EVENT_MESSAGE, Relation::Type::None)))
        .bind(2, qint64(proto::EVENT_MESSAGE))
        .exec();
    db.prepare("UPDATE conversations_v3 SET "
               "unread = (SELECT count(*) FROM events e WHERE e.conversation_id = "
               "  conversations_v3.id AND e.seq > conversations_v3.read_seq AND e.shown = ?1 "
               "  AND e.sender_id != ?2), "
               "last_line_seq = coalesce((SELECT max(seq) FROM events e WHERE "
               "  e.conversation_id = conversations_v3.id AND e.shown = ?1), 0)")
        .bind(1, qint64(TimelineRole::Message))
        .bind(2, me)
        .exec();
    // Peers the outbox or a draft names without a conversation: a local
    // conversation each, with ids -1, -2, ...
    QStringList peers;
    Statement &orphans
        = db.prepare("SELECT peer FROM outbox WHERE peer IS NOT NULL AND conversation_id IS NULL "
                     "UNION SELECT peer FROM drafts EXCEPT "
                     "SELECT title FROM conversations_v3 WHERE kind = ?1 ORDER BY 1");
    orphans.bind(1, qint64(proto::DIRECT));
    while (orphans.step())
        peers.append(orphans.text(0));
    orphans.reset();
    qint64 localId = 0;
    for (const QString &peer : std::as_const(peers))
        db.prepare(
              "INSERT INTO conversations_v3 (id, kind, title, pending_peer) VALUES (?, ?, ?, ?)")
            .bind(1, --localId)
            .bind(2, qint64(proto::DIRECT))
            .bind(3, peer)
            .bind(4, peer)
            .exec();
    db.prepare("INSERT INTO outbox_v3 (ord, client_id, kind, conversation_id, body, read_seq, "
               "  state, attempts, created_ms, error) "
               "SELECT o.ord, o.client_id, o.kind, coalesce(o.conversation_id, "
               "  (SELECT c.id FROM conversations_v3 c WHERE c.kind = ?1 AND c.title = o.peer "
               "   ORDER BY c.id DESC LIMIT 1)), "
               "  o.body, o.read_seq, o.state, o.attempts, o.created_ms, o.error FROM outbox o")
        .bind(1, qint64(proto::DIRECT))
        .exec();
    db.prepare("INSERT INTO drafts_v3 (conversation_id, text) "
               "SELECT (SELECT c.id FROM conversations_v3 c WHERE c.kind = ?1 AND c.title = d.peer "
               "  ORDER BY c.id DESC LIMIT 1), d.text FROM drafts d")
        .bind(1, qint64(proto::DIRECT))
        .exec();
    db.exec(kSchemaV3Swap);
}

// Version 4: groups. A conversation the user left or was removed from (or a
// dissolved group) keeps its history up to left_seq; group_version is the
// newest group version its stored events name (what a queued group action
// was decided on).
constexpr const char *kSchemaV4 = R"SQL(
ALTER TABLE conversations ADD COLUMN left_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN dissolved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN group_version INTEGER NOT NULL DEFAULT 0;
)SQL";

// Version 5: joining groups and what members say about themselves — join
// requests (the user's own and those they decide), each member's nickname
// with the seq of the event that set it, the user's private remarks, and a
// group's announcement as of its newest event.
constexpr const char *kSchemaV5 = R"SQL(
CREATE TABLE join_requests (
  conversation_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  user TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  time_ms INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL DEFAULT 0,
  decided_by TEXT,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE TABLE nicknames (
  conversation_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  nickname TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE TABLE remarks (conversation_id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE announcements (
  conversation_id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  seq INTEGER NOT NULL
);
)SQL";

// Version 6: mentions and receipts — the newest seq of a message that
// mentions the user (the "@you" marker while it is above read_seq), and
// what the server last said about the user's own messages: how many of
// those they went to have them and read them, and who.
constexpr const char *kSchemaV6 = R"SQL(
ALTER TABLE conversations ADD COLUMN mention_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE receipts (
  conversation_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  read INTEGER NOT NULL,
  delivered INTEGER NOT NULL,
  total INTEGER NOT NULL,
  readers TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;
)SQL";

// Version 7: people — the user's relations with other users (friends,
// requests both ways, blocks) as the feed last said, with the peer's
// display name and status.
constexpr const char *kSchemaV7 = R"SQL(
CREATE TABLE contacts (
  user_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL,
  blocked INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  declined INTEGER NOT NULL DEFAULT 0,
  since_ms INTEGER NOT NULL DEFAULT 0
);
)SQL";

const std::function<void(Database &)> kSteps[kVersion] = {
    [](Database &db) { db.exec(kSchemaV1); },
    [](Database &db) { db.exec(kSchemaV2); },
    toVersion3,
    [](Database &db) { db.exec(kSchemaV4); },
    [](Database &db) { db.exec(kSchemaV5); },
    [](Database &db) { db.exec(kSchemaV6); },
    [](Database &db) { db.exec(kSchemaV7); },
};

} // namespace

void migrate(Database &db)
{
    const int version = db.userVersion();
    if (version > kVersion)
        throw StoreError(StoreError::Kind::Sql,
            QStringLiteral("the store has schema %1, newer than this Natter (%2)")
                .arg(version)
                .arg(kVersion));
    if (version == kVersion)
        return;
    Transaction txn(db);
    for (int v = version; v < kVersion; ++v)
        kSteps[v](db);
    db.setUserVersion(kVersion);
    txn.commit();
    qCDebug(lcStore) << "migrated store from schema" << version << "to" << kVersion;
}

} // namespace natter::schema
