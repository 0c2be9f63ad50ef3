#include "storage/Schema.h"

namespace natter::server {

const QList<QStringList> &schemaMigrations()
{
    static const QList<QStringList> migrations {
        // 0 -> 1: initial schema
        {
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
    };
    return migrations;
}

} // namespace natter::server
