// ReceiptSync: keeps the receipts of the user's own messages fresh. A
// ReceiptNotify (someone read or received messages of ours up to a seq)
// asks the server about our messages up to there that not everyone has
// (or, while we share receipts, has read) yet; so does a conversation
// the user opens, and, after each connect, the most recent conversations.
// One request per conversation at a time; a notify while one is out asks
// again when it returns. Lives on the engine's thread; writes receipts.
#pragma once

#include "store/Store.h"
#include "sync/Connection.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace natter {

class ReceiptSync : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCatchUpConversations = 20;
    static constexpr int kMaxSeqs = 100; // the server's limit per request

    // hidden: the user does not share receipts, so the server told none of
    // the reads. error: "" on success.
    using Fetched
        = std::function<void(const QList<ReceiptRow> &rows, bool hidden, const QString &error)>;

    explicit ReceiptSync(Store &store, QObject *parent = nullptr);

    void attach(Connection *session);
    void onReceiptNotify(quint64 conversationId, quint64 seq);
    // Asks about the conversation's newest own messages.
    void refresh(quint64 conversationId);
    // Refreshes the most recently active conversations.
    void catchUp();
    // Asks the server about these messages of the user's (stored too).
    void fetch(quint64 conversationId, const QList<quint64> &seqs, Fetched done);

signals:
    void receiptsChanged(quint64 conversationId);

private:
    void ask(quint64 conversationId, quint64 upTo);

    Store &m_store;
    Connection *m_session = nullptr;
    QHash<quint64, quint64> m_inFlight; // conversation -> a seq to ask about again (0: none)
};

} // namespace natter
