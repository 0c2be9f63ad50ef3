#include "receipts/ReceiptRequests.h"

#include "common/Replies.h"
#include "receipts/ReceiptService.h"

namespace natter::server {

ReceiptRequests::ReceiptRequests(ServiceContext &ctx)
    : m_ctx(ctx)
{
    m_flush.setInterval(kFlushMs);
    m_flush.callOnTimeout([this] { flushDeliveries(); });
    m_flush.start();
}

void ReceiptRequests::registerRoutes(RequestRouter &router)
{
    router.add(proto::Envelope::kReceiptsRequest,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                receipts(who, actor, env.receipts_request());
            } });
}

void ReceiptRequests::receipts(
    const Requester &who, const Actor &actor, const proto::ReceiptsRequest &request)
{
    readAndReply(
        who, [&](Storage &s) { return ReceiptService::receipts(s, actor, request); },
        [](proto::Envelope &out, ReceiptsResult &r) {
            *out.mutable_receipts() = std::move(r.response);
        });
}

void ReceiptRequests::flushDeliveries()
{
    DeliveryLedger::Entries entries = m_ctx.deliveries.take();
    if (entries.isEmpty())
        return;
    ServiceContext &ctx = m_ctx;
    ctx.writer->submit(
        DbOp { [&ctx, entries = std::move(entries)](Storage &s) {
                  Fanout fanout = ReceiptService::recordDeliveries(s, entries);
                  DbOutcome out;
                  out.deliver = [&ctx, fanout = std::move(fanout)] { ctx.notify->route(fanout); };
                  return out;
              },
            [](const StorageError &) {} }); // the next pulls note them again
}

} // namespace natter::server
