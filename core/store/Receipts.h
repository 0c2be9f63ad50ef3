// Receipts: what the server last said about the user's own messages — of
// those each went to, how many have it and how many read it, and who (the
// receipts table, which only this class writes) — and which of them are
// worth asking about again. Same thread as its Store; throws StoreError.
#pragma once

#include <QList>
#include <QStringList>

namespace natter {

class Database;
struct Identity;

struct ReceiptRow
{
    quint64 seq = 0;
    int read = 0;
    int delivered = 0;
    int total = 0; // the members it went to (fixed at send time)
    QStringList readers; // by name: direct chats and groups of <= 100 members
};

class Receipts
{
public:
    // How far back a conversation's own messages are asked about.
    static constexpr int kWindow = 500;

    Receipts(Database &db, const Identity &me);

    void store(quint64 conversationId, const QList<ReceiptRow> &rows);
    // The user's own messages with seq <= upTo (and within kWindow of the
    // newest event up to there),
    // newest first, at most limit, that not everyone has yet (nor, with
    // withRead, has read) — or that were never asked about.
    QList<quint64> pending(quint64 conversationId, quint64 upTo, bool withRead, int limit);

private:
    Database &m_db;
    const Identity &m_me;
};

} // namespace natter
