// WsProtocol: the server side of RFC 6455 as pure byte processing, with no
// I/O and no Qt objects, so the network threads can run it on raw
// descriptors and a fuzzer can drive it directly.
//
// - answerUpgrade(): the client's HTTP/1.1 upgrade request, as read by
//   net::HttpRequestReader -> the 101 answer (or a 400/405/426 refusal);
//   parseUpgrade() reads the request from bytes first (and refuses what the
//   reader refuses: 400/411/413/431/505).
// - FrameReader: client frames -> complete messages and control frames,
//   enforcing masking, reserved bits, opcodes, control-frame rules,
//   fragmentation order, the message size limit (checked on the declared
//   length, before any payload is buffered) and UTF-8 in text messages and
//   close reasons. Payloads are unmasked in place in the caller's buffer.
// - appendFrame(): one unmasked, unfragmented server frame.
#pragma once

#include "net/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>

namespace natter::server::ws {

enum class CloseCode : quint16 {
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    UnsupportedData = 1003,
    NoStatus = 1005, // never sent: "the close frame had no code"
    InvalidPayload = 1007,
    PolicyViolated = 1008,
    TooBig = 1009,
    InternalError = 1011,
};

enum Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

struct UpgradeResult
{
    enum Status { NeedMore, Accepted, Refused } status = NeedMore;
    qsizetype consumed = 0; // bytes of the request (Accepted/Refused)
    QByteArray response; // what to write back
    const char *why = nullptr; // Refused: for the log
};

// Largest upgrade request head accepted; a longer one is refused (431). It is
// the HTTP request reader's head limit: every request starts as HTTP.
constexpr qsizetype kMaxUpgradeRequestBytes = net::kMaxRequestHeadBytes;

// All the bytes received so far -> NeedMore until the request is complete,
// then answerUpgrade()'s result (or the reader's refusal). Reads them with a
// fresh reader each call: for a buffer looked at once (tests, the fuzzer).
// A connection feeds its own reader and calls answerUpgrade().
UpgradeResult parseUpgrade(QByteArrayView data);

// The request asks for a WebSocket: an Upgrade header lists "websocket".
// Such a request is answered by answerUpgrade(), any other by the HTTP routes.
bool wantsWebSocket(const net::HttpRequest &request);

// A complete request whose `consumed` bytes the reader took -> 101, or a
// refusal: 405 (not GET), 400 (no Upgrade/Connection tokens, bad key), 426.
UpgradeResult answerUpgrade(const net::HttpRequest &request, qsizetype consumed);

bool isValidUtf8(QByteArrayView bytes);

void appendFrame(QByteArray &out, Opcode opcode, QByteArrayView payload);
void appendClose(QByteArray &out, CloseCode code, QByteArrayView reason);

class FrameReader
{
public:
    // What the reader found. Each returns false when the caller wants no
    // more frames from this buffer (the connection is closing).
    class Sink
    {
    public:
        virtual bool onBinary(QByteArrayView message) = 0;
        virtual bool onText(QByteArrayView message) = 0; // valid UTF-8
        virtual bool onPing(QByteArrayView payload) = 0;
        virtual bool onClose(CloseCode code, QByteArrayView reason) = 0;
        // The client broke the protocol: fail the connection with `code`.
        virtual void onViolation(CloseCode code, const char *why) = 0;

    protected:
        ~Sink() = default;
    };

    explicit FrameReader(qint64 maxMessageBytes)
        : m_maxMessage(maxMessageBytes)
    {
    }

    // Consumes complete frames from data[0..size) (unmasking them in place)
    // and returns how many bytes it consumed; the rest is an incomplete frame
    // to present again with more bytes behind it. After a violation or a
    // sink returning false it stops, and failed() / the sink's state tell why.
    qsizetype feed(char *data, qsizetype size, Sink &sink);

    bool failed() const { return m_failed; }
    // Bytes held for a fragmented message in progress (for memory accounting).
    qsizetype pendingBytes() const { return m_fragments.size(); }

private:
    bool violation(Sink &sink, CloseCode code, const char *why);

    const qint64 m_maxMessage;
    QByteArray m_fragments; // payload of a fragmented message so far
    quint8 m_fragmentOpcode = 0; // Text/Binary while a fragmented message is open
    bool m_failed = false;
};

} // namespace natter::server::ws
