// ReceiptRequests: the receipts module's request — receipts_request, on
// the network thread's read connection — and the once-a-second flush of
// the DeliveryLedger into the writer. Lives on the main thread as long as the ServiceContext.
#pragma once

#include "common/RequestRouter.h"
#include "common/ServiceContext.h"

#include <QTimer>

namespace natter::server {

class ReceiptRequests
{
public:
    static constexpr int kFlushMs = 1000;

    explicit ReceiptRequests(ServiceContext &ctx);

    void registerRoutes(RequestRouter &router);
    // Hands what the ledger holds to the writer (the timer does it every kFlushMs).
    void flushDeliveries();

private:
    void receipts(const Requester &who, const Actor &actor, const proto::ReceiptsRequest &request);

    ServiceContext &m_ctx;
    QTimer m_flush;
};

} // namespace natter::server
