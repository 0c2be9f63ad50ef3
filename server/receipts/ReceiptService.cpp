#include "receipts/ReceiptService.h"

#include "common/Wire.h"
#include "permissions/Permissions.h"

#include <QMap>

namespace natter::server {

namespace {

using permissions::Action;

ServiceError noSuchMessage(quint64 seq)
{
    return { proto::NOT_FOUND, QStringLiteral("no message of yours at seq %1").arg(seq) };
}

} // namespace

ReceiptsResult ReceiptService::receipts(
    Storage &storage, const Actor &actor, const proto::ReceiptsRequest &request)
{
    ReceiptsResult result;
    if (request.seqs_size() == 0 || request.seqs_size() > kMaxSeqs) {
        result.error = { proto::INVALID_ARGUMENT,
            QStringLiteral("ask for 1..%1 messages at once").arg(kMaxSeqs) };
        return result;
    }
    const auto conversation = storage.conversations().byId(request.conversation_id());
    if (!conversation) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such conversation") };
        return result;
    }
    const QList<MemberRow> members = storage.conversations().members(conversation->id);
    const MemberRow *me = nullptr;
    for (const MemberRow &m : members)
        if (m.userId == actor.userId)
            me = &m;
    result.error = permissions::check(me ? permissions::roleOf(*me) : permissions::Role::None,
        Action::ViewReceipts, proto::ConversationKind(conversation->kind));
    if (result.error || !me) // a non-member was refused just now
        return result;
    const bool hidden = me->receiptsOff;
    result.response.set_hidden(hidden);
    for (quint64 seq : request.seqs()) {
        const auto event = seq >= me->joinedSeq && seq <= conversation->lastSeq
            ? storage.events().at(conversation->id, seq)
            : std::nullopt;
        if (!event || event->kind != proto::EVENT_MESSAGE || event->senderId != actor.userId) {
            result.error = noSuchMessage(seq);
            return result;
        }
        proto::Receipt *r = result.response.add_receipts();
        r->set_seq(seq);
        QList<const MemberRow *> readers;
        quint32 of = 0;
        quint32 delivered = 0;
        for (const MemberRow &m : members) {
            if (m.userId == actor.userId || !m.wasMemberAt(seq))
                continue;
            ++of;
            if (qMax(m.deliveredSeq, m.readSeq) >= seq)
                ++delivered;
            if (!hidden && !m.receiptsOff && m.readSeq >= seq)
                readers.append(&m);
        }
        r->set_of(of);
        r->set_delivered(delivered);
        r->set_read(quint32(readers.size()));
        if (of <= quint32(kMaxNamed))
            for (const MemberRow *m : readers) {
                auto *by = r->add_by();
                by->set_user_id(m->userId);
                by->set_user(m->userName.toStdString());
            }
    }
    return result;
}

Fanout ReceiptService::recordDeliveries(Storage &storage, const DeliveryLedger::Entries &entries)
{
    // By conversation, so each is looked up once.
    QMap<quint64, QList<std::pair<quint64, quint64>>> byConversation;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        byConversation[it.key().first].append({ it.key().second, it.value() });
    Fanout fanout;
    ConversationStore &conversations = storage.conversations();
    for (auto it = byConversation.cbegin(); it != byConversation.cend(); ++it) {
        const auto conversation = conversations.byId(it.key());
        // Groups show "read by", not "delivered": nothing to keep.
        if (!conversation || conversation->kind != proto::DIRECT)
            continue;
        for (const auto &[userId, seq] : it.value()) {
            if (!conversations.raiseDeliveredSeq(it.key(), userId, seq))
                continue;
            QList<quint64> others = conversations.memberUserIds(it.key());
            others.removeAll(userId);
            if (!others.isEmpty())
                fanout.receiptNotifies.append({ it.key(), seq, others, 0 });
        }
    }
    return fanout;
}

} // namespace natter::server
