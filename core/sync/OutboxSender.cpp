#include "sync/OutboxSender.h"

#include "Logging.h"
#include "sync/Replies.h"

namespace natter {

OutboxSender::OutboxSender(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_retry(200, 10000, Backoff::Jitter::None)
{
    connect(&m_retry, &Backoff::due, this, &OutboxSender::flush);
}

void OutboxSender::attach(Connection *session)
{
    m_session = session;
    m_inFlight = false;
    if (!session)
        m_retry.cancel();
}

proto::Envelope OutboxSender::requestFor(const OutboxEntry &entry)
{
    proto::Envelope env;
    if (entry.kind == OutboxEntry::Read) {
        env.mutable_mark_read()->set_conversation_id(entry.conversationId);
        env.mutable_mark_read()->set_seq(entry.readSeq);
        return env;
    }
    if (entry.kind == OutboxEntry::GroupAction) {
        // Stored whole when queued; a corrupt row goes out empty and is refused.
        env.mutable_group_action()->ParseFromArray(entry.body.constData(), int(entry.body.size()));
        return env;
    }
    if (entry.kind == OutboxEntry::GroupCreate) {
        env.mutable_group_create()->ParseFromArray(entry.body.constData(), int(entry.body.size()));
        return env;
    }
    if (entry.kind == OutboxEntry::Account) {
        env.ParseFromArray(entry.body.constData(), int(entry.body.size())); // as for GroupAction
        return env;
    }
    auto *send = env.mutable_send();
    send->set_client_id(entry.clientId.toStdString());
    if (Conversations::isLocal(entry.conversationId))
        send->set_to_user(m_store.conversations().pendingPeer(entry.conversationId).toStdString());
    else
        send->set_conversation_id(entry.conversationId);
    send->set_body(entry.body.toStdString());
    if (entry.relation.isSet())
        entry.relation.toProto(send->mutable_relates_to());
    return env;
}

void OutboxSender::flush()
{
    if (!m_session || m_inFlight || m_retry.isPending())
        return;
    std::optional<OutboxEntry> next;
    proto::Envelope env;
    try {
        next = m_store.outbox().nextPending();
        if (next)
            env = requestFor(*next);
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the outbox:" << e.message();
        return;
    }
    if (!next) {
        emit settled();
        return;
    }
    m_inFlight = true;
    Connection *session = m_session;
    session->request(env, [this, session, entry = *next](const proto::Envelope &reply) {
        if (session != m_session)
            return;
        m_inFlight = false;
        onReply(entry, reply);
    });
}

void OutboxSender::onReply(const OutboxEntry &entry, const proto::Envelope &reply)
{
    try {
        if (reply.has_ack()) {
            const auto &ack = reply.ack();
            m_store.outbox().acknowledge(
                entry, ack.conversation_id(), ack.seq(), ack.id(), ack.time_ms());
            m_retry.reset();
            if (entry.conversationId != ack.conversation_id())
                emit conversationCreated(entry.conversationId, ack.conversation_id());
            emit messagesChanged(ack.conversation_id());
            emit conversationsChanged();
            // Before acknowledged(): the feed pull must be under way when
            // the engine next asks itself whether it is idle.
            if (entry.kind == OutboxEntry::GroupAction || entry.kind == OutboxEntry::GroupCreate
                || entry.conversationId != ack.conversation_id())
                emit feedGrew();
            emit outboxStateChanged();
            emit acknowledged();
        } else if (reply.has_ok()) {
            m_store.outbox().remove(entry.clientId);
            if (entry.kind == OutboxEntry::Account)
                emit feedGrew(); // the change comes back on the feed
            emit outboxStateChanged();
        } else if (!m_session->isOpen()) {
            return; // connection lost: the entry is replayed after reconnecting
        } else if (reply.has_error() && isTransient(reply.error().code())) {
            m_store.outbox().noteAttempt(entry.clientId);
            m_retry.schedule();
            if (reply.error().code() == proto::UNAUTHENTICATED)
                m_session->close(); // the server lost our session: sign in again
            return;
        } else {
            const QString why = replyError(reply);
            qCWarning(lcSync) << "send" << entry.clientId << "failed:" << why;
            // A refused group action or request about the user is not
            // retried (it was decided on a state that is gone): it leaves
            // the queue, the user is told.
            if (entry.kind == OutboxEntry::GroupCreate)
                m_store.outbox().abandonLocal(entry, why);
            else if (entry.kind == OutboxEntry::GroupAction || entry.kind == OutboxEntry::Account)
                m_store.outbox().remove(entry.clientId);
            else
                m_store.outbox().fail(entry.clientId, why);
            emit outboxStateChanged();
            emit sendFailed(entry.clientId, why);
        }
    } catch (const StoreError &e) {
        // E.g. a full disk while storing an ack: the server has the
        // message, so a retry gets the same ack back.
        qCCritical(lcSync) << "cannot update the outbox:" << e.message();
        m_retry.schedule();
        return;
    }
    flush();
}

} // namespace natter
