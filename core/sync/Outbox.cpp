#include "sync/Outbox.h"

#include "natter.pb.h"
#include "protocol/Frame.h"

#include <QDateTime>
#include <QUuid>

namespace natter {

Outbox::Outbox(Store &store)
    : m_store(store)
{
}

QString Outbox::enqueueMessage(const QString &peer, const QString &text)
{
    if (text.isEmpty())
        throw StoreError(StoreError::Kind::Sql, QStringLiteral("empty message"));
    if (text.size() > limits::kMaxTextChars)
        throw StoreError(StoreError::Kind::Sql,
            QStringLiteral("message too long (%1 characters, limit %2)")
                .arg(text.size())
                .arg(limits::kMaxTextChars));
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_store.db()
        .prepare(
            "INSERT INTO outbox (client_id, kind, peer, body, created_ms) VALUES (?, 1, ?, ?, ?)")
        .bind(1, clientId)
        .bind(2, peer)
        .bind(3, textBody(text))
        .bind(4, QDateTime::currentMSecsSinceEpoch())
        .exec();
    return clientId;
}

bool Outbox::enqueueRead(const QString &peer)
{
    const auto conv = m_store.conversationForPeer(peer);
    if (!conv)
        return false;
    const auto summary = m_store.conversation(*conv);
    // Only what this device holds: a read mark must not cover messages the
    // user has never been shown (they would stay unread on other devices).
    const quint64 seq = summary->localSeq;
    Transaction txn(m_store.db());
    m_store.setReadSeq(*conv, seq);
    m_store.db()
        .prepare(
            "INSERT INTO outbox (client_id, kind, peer, conversation_id, read_seq, created_ms) "
            "VALUES (?, 2, ?, ?, ?, ?)")
        .bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces))
        .bind(2, peer)
        .bind(3, qint64(*conv))
        .bind(4, qint64(seq))
        .bind(5, QDateTime::currentMSecsSinceEpoch())
        .exec();
    txn.commit();
    return true;
}

std::optional<OutboxEntry> Outbox::nextPending()
{
    Statement &st = m_store.db().prepare(
        "SELECT ord, client_id, kind, peer, conversation_id, body, read_seq, attempts FROM outbox "
        "WHERE state = 0 ORDER BY ord LIMIT 1");
    std::optional<OutboxEntry> out;
    if (st.step()) {
        OutboxEntry e;
        e.ord = st.int64(0);
        e.clientId = st.text(1);
        e.kind = OutboxEntry::Kind(st.int64(2));
        e.peer = st.text(3);
        e.conversationId = quint64(st.int64(4));
        e.body = st.blob(5);
        e.readSeq = quint64(st.int64(6));
        e.attempts = int(st.int64(7));
        out = e;
    }
    st.reset();
    return out;
}

int Outbox::pendingMessageCount()
{
    Statement &st
        = m_store.db().prepare("SELECT count(*) FROM outbox WHERE state = 0 AND kind = 1");
    st.step();
    const int n = int(st.int64(0));
    st.reset();
    return n;
}

int Outbox::pendingCount()
{
    Statement &st = m_store.db().prepare("SELECT count(*) FROM outbox WHERE state = 0");
    st.step();
    const int n = int(st.int64(0));
    st.reset();
    return n;
}

void Outbox::acknowledge(
    const OutboxEntry &entry, quint64 conversationId, quint64 seq, quint64 id, qint64 timeMs)
{
    const Account me = m_store.account();
    Transaction txn(m_store.db());
    m_store.upsertConversation(conversationId, proto::DIRECT, entry.peer);
    StoredEvent ev;
    ev.conversationId = conversationId;
    ev.seq = seq;
    ev.id = id;
    ev.senderId = me.userId;
    ev.senderDevice = me.deviceId;
    ev.clientId = entry.clientId;
    ev.kind = proto::EVENT_MESSAGE;
    ev.timeMs = timeMs;
    ev.body = entry.body;
    m_store.insertEventsInTransaction({ ev });
    m_store.db().prepare("DELETE FROM outbox WHERE client_id = ?").bind(1, entry.clientId).exec();
    txn.commit();
}

void Outbox::remove(const QString &clientId)
{
    m_store.db().prepare("DELETE FROM outbox WHERE client_id = ?").bind(1, clientId).exec();
}

void Outbox::fail(const QString &clientId, const QString &error)
{
    m_store.db()
        .prepare("UPDATE outbox SET state = 2, error = ? WHERE client_id = ?")
        .bind(1, error)
        .bind(2, clientId)
        .exec();
}

void Outbox::noteAttempt(const QString &clientId)
{
    m_store.db()
        .prepare("UPDATE outbox SET attempts = attempts + 1 WHERE client_id = ?")
        .bind(1, clientId)
        .exec();
}

bool Outbox::retry(const QString &clientId)
{
    m_store.db()
        .prepare("UPDATE outbox SET state = 0, error = NULL WHERE client_id = ? AND state = 2")
        .bind(1, clientId)
        .exec();
    return m_store.db().changes() > 0;
}

} // namespace natter
