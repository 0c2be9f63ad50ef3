#include "storage/sqlite/SqliteSchema.h"

#include "common/Logging.h"
#include "storage/sqlite/SqliteConnection.h"

namespace natter::server::sqlite {

const QList<QByteArrayList> &schemaMigrations()
{
    static const QList<QByteArrayList> migrations {
        // 0 -> 1: initial schema
        {
            // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): a statement split over lines
            "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
            " pwhash TEXT NOT NULL, created_ms INTEGER NOT NULL,"
            " feed_seq INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE devices(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,"
            " name TEXT NOT NULL, token_hash BLOB NOT NULL, created_ms INTEGER NOT NULL,"
            " last_seen_ms INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)",
            "CREATE INDEX devices_user ON devices(user_id)",
            "CREATE TABLE conversations(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
            " direct_key TEXT UNIQUE, last_seq INTEGER NOT NULL DEFAULT 0,"
            " created_ms INTEGER NOT NULL)",
            "CREATE TABLE members(conversation_id INTEGER NOT NULL, user_id INTEGER NOT NULL,"
            " role INTEGER NOT NULL, joined_seq INTEGER NOT NULL,"
            " read_seq INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(conversation_id, user_id))",
            "CREATE INDEX members_user ON members(user_id)",
            "CREATE TABLE events(conversation_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
            " id INTEGER NOT NULL, sender_id INTEGER NOT NULL, sender_device INTEGER NOT NULL,"
            " client_id TEXT, kind INTEGER NOT NULL, time_ms INTEGER NOT NULL, body BLOB,"
            " PRIMARY KEY(conversation_id, seq))",
            // Idempotent send, also across crashes. client_id is NULL for server events,
            // and NULLs are distinct in a unique index (SQLite and PostgreSQL alike).
            "CREATE UNIQUE INDEX events_client ON events(sender_id, client_id)",
            "CREATE TABLE feed(user_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
            " time_ms INTEGER NOT NULL, body BLOB, PRIMARY KEY(user_id, seq))",
        },
        // 1 -> 2: what an event relates to (reply, replace, annotate, redact),
        // outside the opaque body, indexed to find an event's relations.
        {
            "ALTER TABLE events ADD COLUMN rel_type INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE events ADD COLUMN rel_seq INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE events ADD COLUMN rel_key TEXT",
            "CREATE INDEX events_relation ON events(conversation_id, rel_seq)"
            " WHERE rel_type != 0",
        },
        // 2 -> 3: groups — a name, policies, a version that moves with every
        // change, an announcement, dissolution; members that left keep their
        // row with the seq that removed them (their last readable one).
        {
            "ALTER TABLE conversations ADD COLUMN name TEXT",
            "ALTER TABLE conversations ADD COLUMN join_policy INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE conversations ADD COLUMN history_policy INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE conversations ADD COLUMN announcement TEXT",
            "ALTER TABLE conversations ADD COLUMN dissolved INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE members ADD COLUMN left_seq INTEGER NOT NULL DEFAULT 0",
        },
        // 3 -> 4: joining — a member's nickname and private remark, and the
        // requests to join groups by approval (one row per group and user).
        {
            "ALTER TABLE members ADD COLUMN nickname TEXT",
            "ALTER TABLE members ADD COLUMN remark TEXT",
            "CREATE TABLE join_requests(conversation_id INTEGER NOT NULL,"
            " user_id INTEGER NOT NULL, note TEXT, time_ms INTEGER NOT NULL,"
            " state INTEGER NOT NULL, decided_by INTEGER NOT NULL DEFAULT 0,"
            " decided_ms INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(conversation_id, user_id))",
            "CREATE INDEX join_requests_pending ON join_requests(conversation_id, time_ms)"
            " WHERE state = 0",
        },
        // 4 -> 5: receipts and mentions — the seq that made a member one
        // (since_seq: who a message went to), how far their devices have
        // received (delivered_seq), who may @all in a group, and a user's
        // choice not to share read receipts.
        {
            "ALTER TABLE members ADD COLUMN since_seq INTEGER NOT NULL DEFAULT 0",
            "UPDATE members SET since_seq = joined_seq",
            "ALTER TABLE members ADD COLUMN delivered_seq INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE conversations ADD COLUMN mention_policy INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN receipts_off INTEGER NOT NULL DEFAULT 0",
        },
        // 5 -> 6: people — profiles (display name, its case-folded search
        // key, status line), the rest of a user's settings, and contacts:
        // friendships, requests and blocks, one row per side of a pair.
        {
            "ALTER TABLE users ADD COLUMN display_name TEXT",
            "ALTER TABLE users ADD COLUMN display_key TEXT",
            "ALTER TABLE users ADD COLUMN status TEXT",
            "ALTER TABLE users ADD COLUMN presence_off INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN unsearchable INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN message_policy INTEGER NOT NULL DEFAULT 0",
            // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): a statement split over lines
            "CREATE TABLE contacts(user_id INTEGER NOT NULL, peer_id INTEGER NOT NULL,"
            " state INTEGER NOT NULL, note TEXT, blocked INTEGER NOT NULL DEFAULT 0,"
            " since_ms INTEGER NOT NULL, cooldown_until_ms INTEGER NOT NULL DEFAULT 0,"
            " PRIMARY KEY(user_id, peer_id))",
        },
        // 6 -> 7: operations — an account the administrator disabled.
        {
            "ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0",
        },
    };
    return migrations;
}

int schemaVersion()
{
    return int(schemaMigrations().size());
}

void migrate(SqliteConnection &db)
{
    const int current = int(db.pragmaInt("PRAGMA user_version"));
    const auto &steps = schemaMigrations();
    if (current > steps.size())
        throw StorageError(StorageError::Kind::Schema,
            QStringLiteral("database schema version %1 is newer than this natterd (%2)")
                .arg(current)
                .arg(steps.size()));
    for (int v = current; v < steps.size(); ++v) {
        db.exec("BEGIN IMMEDIATE");
        try {
            for (const QByteArray &sql : steps[v])
                db.exec(sql);
            db.exec("PRAGMA user_version=" + QByteArray::number(v + 1));
            db.exec("COMMIT");
        } catch (const StorageError &) {
            try {
                db.exec("ROLLBACK");
            } catch (const StorageError &) {
                // The step failed either way; its own error is what matters.
            }
            throw;
        }
        qCInfo(lcStorage) << "migrated schema to version" << v + 1;
    }
}

void checkVersion(SqliteConnection &db)
{
    const int version = int(db.pragmaInt("PRAGMA user_version"));
    if (version != schemaVersion())
        throw StorageError(StorageError::Kind::Schema,
            QStringLiteral("database schema version %1, expected %2")
                .arg(version)
                .arg(schemaVersion()));
}

} // namespace natter::server::sqlite
