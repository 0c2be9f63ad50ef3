// The client's encrypted local store (SQLCipher): one database, seen as one
// class per table family — AccountState (state), Conversations
// (conversations, members, users), Timeline (events), Outbox (outbox),
// Drafts (drafts), GroupState (join requests, nicknames, remarks), Receipts (receipts), Contacts
// (contacts) — each the
// only writer of its tables; Schema migrates. Everything the UI shows is read from here; the sync
// engine writes what it pulls. One Store per thread: the sync engine and each UI thread open their
// own (WAL lets readers run beside the writer). Every method throws StoreError on failure.
#pragma once

#include "store/AccountState.h"
#include "store/Contacts.h"
#include "store/Conversations.h"
#include "store/Drafts.h"
#include "store/GroupState.h"
#include "store/Outbox.h"
#include "store/Receipts.h"
#include "store/Timeline.h"

namespace natter {

class Store
{
public:
    static QString databasePath(const QString &profileDir);

    // Opens or creates profileDir/store.db with the raw key and migrates it.
    Store(const QString &profileDir, const QByteArray &rawKey);

    AccountState &accountState() { return m_accountState; }
    Conversations &conversations() { return m_conversations; }
    Timeline &timeline() { return m_timeline; }
    Outbox &outbox() { return m_outbox; }
    Drafts &drafts() { return m_drafts; }
    GroupState &groups() { return m_groups; }
    Receipts &receipts() { return m_receipts; }
    Contacts &contacts() { return m_contacts; }

    // --- spanning table families, each in one transaction
    Account account() { return m_accountState.account(); }
    // Saves who we are (and ourselves as a user).
    void saveAccount(const Account &account);
    // Re-reads who "me" is, after another connection saved the account.
    void reloadAccount();
    const Identity &me() const { return m_me; }
    // The feed says we are in a conversation: besides recording it, a local
    // direct chat waiting for the same peer merges into it (its outbox
    // entries and draft go along). Returns the local conversations merged.
    // A group's title and first readable seq come along (see
    // Conversations::applyJoined).
    QList<quint64> joinConversation(quint64 id, int kind, const QList<MemberInfo> &members,
        const QString &title = {}, quint64 visibleFrom = 0);
    // Inserts pulled events in one transaction; see Timeline::insert.
    QList<quint64> insertEvents(const QList<StoredEvent> &events);
    // The full view of a conversation's end: the newest `limit` message
    // lines, then the outbox's.
    QList<MessageRow> latestMessages(quint64 conversationId, int limit);

    // A transaction over several of the tables above (rolls back unless committed).
    class Transaction
    {
    public:
        explicit Transaction(Store &store)
            : m_txn(store.m_db)
        {
        }
        void commit() { m_txn.commit(); }

    private:
        natter::Transaction m_txn;
    };

private:
    Database m_db;
    Identity m_me;
    AccountState m_accountState;
    Conversations m_conversations;
    GroupState m_groups;
    Timeline m_timeline;
    Drafts m_drafts;
    Outbox m_outbox;
    Receipts m_receipts;
    Contacts m_contacts;
};

} // namespace natter
