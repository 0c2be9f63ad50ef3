// NetworkMetrics: what one network thread counts — its connections by
// state, frames and bytes both ways, requests by type, errors by code,
// rate-limited requests, notifies sent and the size of the pulls it
// answered. One per network thread, written by that thread only (see
// Counters.h), read by the scrape; cache-line aligned so two threads'
// counters never share a line.
#pragma once

#include "metrics/Counters.h"

#include <array>

namespace natter::server::metrics {

// Connection states as /metrics names them.
enum class ConnectionState { Handshake, Open, Closing };
// What a request was refused for by a rate limit.
enum class RateLimit { SignIn, Device, Search };
enum class NotifyKind { Conversation, Feed, Receipt };

struct alignas(64) NetworkMetrics
{
    // Envelope body field numbers and ErrorCode values index these; a
    // number past the end counts in slot 0 ("unknown").
    static constexpr int kRequestSlots = 128;
    static constexpr int kErrorSlots = 64;

    std::array<LocalGauge, 3> connections; // by ConnectionState
    LocalCounter framesReceived;
    LocalCounter framesSent;
    LocalCounter bytesReceived;
    LocalCounter bytesSent;
    std::array<LocalCounter, kRequestSlots> requests; // by Envelope body; 0: unknown
    std::array<LocalCounter, kErrorSlots> errors; // by ErrorCode
    std::array<LocalCounter, 3> rateLimited; // by RateLimit
    std::array<LocalCounter, 3> notifies; // by NotifyKind
    // Events in each pull answer (conversation and feed pulls).
    LocalHistogram pullEvents { 0, 1, 10, 50, 100, 500, 1000, 2000 };

    void request(int bodyField)
    {
        requests[bodyField > 0 && bodyField < kRequestSlots ? bodyField : 0].add();
    }
    void error(int code) { errors[code > 0 && code < kErrorSlots ? code : 0].add(); }
    void connection(ConnectionState state, qint64 delta) { connections[int(state)].add(delta); }
};

} // namespace natter::server::metrics
