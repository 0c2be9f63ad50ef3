// ReceiptService: read receipts, as
// plain functions over a Storage. Who read a message is computed from the
// members table: a message at seq S went to the members who were members
// then (MemberRow::wasMemberAt), the sender aside; of those, it was
// delivered to whoever's devices pulled up to S and read by whoever read
// up to S and shares receipts. A user who does not share receipts sees
// none (reciprocity). Delivery marks arrive in bulk from the
// DeliveryLedger. Stateless.
#pragma once

#include "common/DeliveryLedger.h"
#include "common/Fanout.h"
#include "common/ServiceError.h"
#include "storage/Storage.h"

namespace natter::server {

struct ReceiptsResult
{
    ServiceError error;
    proto::ReceiptsResponse response;
};

class ReceiptService
{
public:
    static constexpr int kMaxSeqs = 100; // per request
    static constexpr int kMaxNamed = 100; // "who read it" for conversations up to this size

    // On a read connection: the receipts of the asker's own messages.
    static ReceiptsResult receipts(
        Storage &storage, const Actor &actor, const proto::ReceiptsRequest &request);
    // Writer thread: stores what the ledger collected; direct chats tell
    // the other member (the one whose messages arrived).
    static Fanout recordDeliveries(Storage &storage, const DeliveryLedger::Entries &entries);
};

} // namespace natter::server
