#include "receipts/ReceiptRequests.h"

#include "receipts/ReceiptService.h"

#include <QDateTime>

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
    router.add(proto::Envelope::kSettingsRequest,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                settings(who, actor, env.settings_request());
            } });
}

void ReceiptRequests::receipts(
    const Requester &who, const Actor &actor, const proto::ReceiptsRequest &request)
{
    who.read(DbOp { [who, &actor, &request](Storage &s) {
                       ReceiptsResult r = ReceiptService::receipts(s, actor, request);
                       return DbOutcome { false, [who, r = std::move(r)]() mutable {
                                             if (r.error)
                                                 return who.error(r.error.code, r.error.message);
                                             proto::Envelope env;
                                             *env.mutable_receipts() = std::move(r.response);
                                             who.reply(std::move(env));
                                         } };
                   },
        who.onStorageFailure() });
}

void ReceiptRequests::settings(
    const Requester &who, const Actor &actor, const proto::SettingsRequest &request)
{
    ServiceContext &ctx = m_ctx;
    ctx.writer->submit(DbOp { [&ctx, who, actor, request](Storage &s) {
                                 SettingsResult r = ReceiptService::setSettings(
                                     s, actor, request, QDateTime::currentMSecsSinceEpoch());
                                 DbOutcome out;
                                 out.rollback = bool(r.error);
                                 out.deliver = [&ctx, who, r = std::move(r)] {
                                     if (r.error)
                                         return who.error(r.error.code, r.error.message);
                                     proto::Envelope env;
                                     env.mutable_ok();
                                     who.reply(std::move(env));
                                     ctx.notify->route(r.fanout);
                                 };
                                 return out;
                             },
        who.onStorageFailure() });
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
