#include "sync/ReceiptSync.h"

#include "Logging.h"
#include "sync/Replies.h"

#include <limits>

namespace natter {

namespace {

constexpr quint64 kNewest = std::numeric_limits<qint64>::max();

} // namespace

ReceiptSync::ReceiptSync(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

void ReceiptSync::attach(Connection *session)
{
    m_session = session;
    m_inFlight.clear();
}

void ReceiptSync::onReceiptNotify(quint64 conversationId, quint64 seq)
{
    ask(conversationId, seq);
}

void ReceiptSync::refresh(quint64 conversationId)
{
    ask(conversationId, kNewest);
}

void ReceiptSync::catchUp()
{
    try {
        for (const ConversationSummary &c : m_store.conversations().list(kCatchUpConversations))
            if (!c.local)
                ask(c.id, kNewest);
    } catch (const StoreError &e) {
        qCWarning(lcSync) << "cannot list conversations for receipts:" << e.message();
    }
}

void ReceiptSync::ask(quint64 conversationId, quint64 upTo)
{
    if (!m_session || Conversations::isLocal(conversationId))
        return;
    if (auto it = m_inFlight.find(conversationId); it != m_inFlight.end()) {
        *it = qMax(*it, upTo); // once the answer is in
        return;
    }
    QList<quint64> seqs;
    try {
        const bool withRead = !m_store.accountState().receiptsOff();
        seqs = m_store.receipts().pending(conversationId, upTo, withRead, kMaxSeqs);
    } catch (const StoreError &e) {
        qCWarning(lcSync) << "cannot read receipts:" << e.message();
        return;
    }
    if (seqs.isEmpty())
        return;
    m_inFlight.insert(conversationId, 0);
    fetch(conversationId, seqs,
        [this, conversationId](const QList<ReceiptRow> &, bool, const QString &error) {
            const quint64 again = m_inFlight.take(conversationId);
            if (!error.isEmpty())
                qCDebug(lcSync) << "receipts of" << conversationId << "refused:" << error;
            else if (again)
                ask(conversationId, again);
        });
}

void ReceiptSync::fetch(quint64 conversationId, const QList<quint64> &seqs, Fetched done)
{
    if (!m_session)
        return done({}, false, notConnected());
    proto::Envelope env;
    auto *req = env.mutable_receipts_request();
    req->set_conversation_id(conversationId);
    for (quint64 seq : seqs)
        req->add_seqs(seq);
    Connection *session = m_session;
    session->request(
        env, [this, session, conversationId, done = std::move(done)](const proto::Envelope &reply) {
            if (session != m_session)
                return done({}, false, notConnected()); // an answer on a connection since gone
            if (!reply.has_receipts())
                return done({}, false, replyError(reply));
            QList<ReceiptRow> rows;
            for (const proto::Receipt &r : reply.receipts().receipts()) {
                ReceiptRow row { r.seq(), int(r.read()), int(r.delivered()), int(r.of()), {} };
                for (const proto::Member &m : r.by())
                    row.readers.append(QString::fromStdString(m.user()));
                rows.append(row);
            }
            try {
                m_store.receipts().store(conversationId, rows);
            } catch (const StoreError &e) {
                return done(
                    {}, false, QStringLiteral("cannot store receipts: %1").arg(e.message()));
            }
            emit receiptsChanged(conversationId);
            done(rows, reply.receipts().hidden(), QString());
        });
}

} // namespace natter
