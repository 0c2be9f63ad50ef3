// The client's encrypted local store (SQLCipher): account state, users,
// conversations, events and the outbox. Everything the UI shows is read from
// here; the sync engine writes what it pulls. One Store per thread: the sync
// engine and each UI thread open their own (WAL lets readers run beside the
// writer). Every method throws StoreError on failure.
#pragma once

#include "store/Database.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace natter {

struct StoredEvent
{
    quint64 conversationId = 0;
    quint64 seq = 0;
    quint64 id = 0;
    quint64 senderId = 0;
    quint64 senderDevice = 0;
    QString clientId;
    int kind = 0;
    qint64 timeMs = 0;
    QByteArray body; // serialized proto::EventBody
};

struct Account
{
    QString serverUrl;
    QString user;
    quint64 userId = 0;
    quint64 deviceId = 0;
    QString token; // empty when logged out
    QString deviceName;
    bool isLoggedIn() const { return !token.isEmpty(); }
};

struct ConversationSummary
{
    quint64 id = 0;
    int kind = 0;
    QString peer; // direct: the other user's name
    quint64 serverSeq = 0;
    quint64 localSeq = 0; // every seq in 1..localSeq is stored
    quint64 readSeq = 0;
    int unread = 0;
    qint64 lastTimeMs = 0;
    QString lastFrom;
    QString lastText;
    bool hasLast = false;
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
    QString text;
    State state = State::Received;
    qint64 timeMs = 0;
    QString error; // why it failed
    bool outgoing() const { return state != State::Received; }
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

class Store
{
public:
    static constexpr int kSchemaVersion = 2;
    static QString databasePath(const QString &profileDir);

    // Opens or creates profileDir/store.db with the raw key and migrates it.
    Store(const QString &profileDir, const QByteArray &rawKey);

    Database &db() { return m_db; }

    // --- account and cursors
    Account account();
    void saveAccount(const Account &account);
    void clearToken();
    // Re-reads who "me" is, after another connection saved the account.
    void reloadAccount();
    quint64 feedSeq();
    void setFeedSeq(quint64 seq);
    // PEM certificate(s) trusted for this profile's wss:// server besides
    // the system CAs ("" = none).
    QString trustedCertificates();
    void setTrustedCertificates(const QString &pem);

    // --- what the feed says
    void upsertUser(quint64 id, const QString &name);
    // Creates or completes a conversation row. For a direct one, `peer` is the other member.
    void upsertConversation(quint64 id, int kind, const QString &peer);
    // Raises a conversation's read position (never lowers it).
    void setReadSeq(quint64 conversationId, quint64 seq);
    // Raises server seqs; returns true when a known conversation lacks events.
    bool applyHeads(const QList<HeadUpdate> &heads);
    bool hasConversation(quint64 id);

    // --- events
    // Inserts in one transaction (existing (conversation, seq) kept) and
    // advances each conversation's contiguous seq. Returns the ids of the
    // conversations whose contents changed.
    QList<quint64> insertEvents(const QList<StoredEvent> &events);
    // The same inside a transaction the caller holds.
    QList<quint64> insertEventsInTransaction(const QList<StoredEvent> &events);
    QList<MissingRange> missingRanges();

    // --- queries for the UI and the CLI
    std::optional<quint64> conversationForPeer(const QString &peer);
    std::optional<ConversationSummary> conversation(quint64 id);
    QList<ConversationSummary> conversations(int limit = 1000);
    // Newest `limit` stored messages with seq < beforeSeq (0 = from the
    // newest), oldest first.
    QList<MessageRow> messages(const QString &peer, int limit, quint64 beforeSeq = 0);
    // Stored messages with seq > afterSeq, oldest first.
    QList<MessageRow> messagesAfter(const QString &peer, quint64 afterSeq, int limit);
    // The outbox's messages to this peer not acknowledged yet, in send order.
    QList<MessageRow> outboxMessages(const QString &peer);
    // The full view of a conversation's end: newest `limit` messages, then the outbox.
    QList<MessageRow> latestMessages(const QString &peer, int limit);
    int unreadTotal();

    // --- drafts (local to this device for now), keyed by peer name
    QString draft(const QString &peer);
    void setDraft(const QString &peer, const QString &text); // "" deletes

private:
    void migrate();
    QString stateText(const char *key);
    void setStateText(const char *key, const QString &value);
    void advanceLocalSeq(quint64 conversationId);
    ConversationSummary summaryFrom(Statement &st);
    MessageRow messageFrom(Statement &st);
    QList<MessageRow> readMessages(Statement &st); // steps to the end, then resets

    Database m_db;
    quint64 m_me = 0; // cached own user id
    QString m_meName;
};

// "received", "sent", "pending" or "failed": the state as the UI and the CLI name it.
QString messageStateName(MessageRow::State state);

// Decodes the text of a stored EventBody ("" when it holds no text).
QString eventText(const QByteArray &body);
QByteArray textBody(const QString &text);

} // namespace natter
