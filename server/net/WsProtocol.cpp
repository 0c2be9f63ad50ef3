#include "net/WsProtocol.h"

#include "net/HttpRoutes.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <string_view>

namespace natter::server::ws {

namespace {

constexpr std::string_view kAcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// True when the comma-separated header value lists `token` (case-insensitive).
bool hasToken(std::string_view value, std::string_view token)
{
    while (!value.empty()) {
        const size_t comma = value.find(',');
        if (equalsNoCase(trimmed(value.substr(0, comma)), token))
            return true;
        if (comma == std::string_view::npos)
            break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

// A refusal: HTTP's common answer with `why` as its text/plain body.
UpgradeResult refuse(qsizetype consumed, int status, const char *why, bool withBody = true,
    std::pair<QByteArray, QByteArray> extraHeader = {})
{
    net::HttpResponse answer = net::plainHttpResponse(status, why);
    if (!extraHeader.first.isEmpty())
        answer.headers.push_back(std::move(extraHeader));
    UpgradeResult r;
    r.status = UpgradeResult::Refused;
    r.consumed = consumed;
    r.why = why;
    r.response = net::httpResponseBytes(answer, withBody);
    return r;
}

// Every value of a header counts: a client may split a list over several lines.
bool headerHasToken(const net::HttpRequest &request, QByteArrayView name, std::string_view token)
{
    for (const auto &[n, value] : request.headers)
        if (n == name && hasToken(std::string_view(value.constData(), size_t(value.size())), token))
            return true;
    return false;
}

void unmask(char *payload, quint64 len, const char *key)
{
    for (quint64 i = 0; i < len; ++i)
        payload[i] = char(payload[i] ^ key[i & 3]);
}

bool isValidCloseCode(quint16 code)
{
    if (code >= 3000 && code <= 4999)
        return true; // registered (3xxx) and private (4xxx) codes
    switch (code) {
    case 1000:
    case 1001:
    case 1002:
    case 1003:
    case 1007:
    case 1008:
    case 1009:
    case 1010:
    case 1011:
    case 1012:
    case 1013:
    case 1014: return true;
    default: return false; // 1004-1006 and 1015 must not be sent; the rest is unassigned
    }
}

} // namespace

UpgradeResult parseUpgrade(QByteArrayView data)
{
    net::HttpRequestReader reader;
    const net::HttpReadResult r = reader.feed(data);
    switch (r.status) {
    case net::HttpReadResult::NeedMore: return {};
    case net::HttpReadResult::Error: return refuse(data.size(), r.httpStatus, r.why);
    case net::HttpReadResult::Complete: break;
    }
    return answerUpgrade(r.request, r.consumed);
}

bool wantsWebSocket(const net::HttpRequest &request)
{
    return headerHasToken(request, "upgrade", "websocket");
}

UpgradeResult answerUpgrade(const net::HttpRequest &request, qsizetype consumed)
{
    // The reader already refused other versions (505), a missing Host (400)
    // and oversized heads (431).
    if (request.method != "GET")
        return refuse(consumed, 405, "WebSocket upgrade needs GET", request.method != "HEAD",
            { "Allow", "GET" });
    if (!wantsWebSocket(request) || !headerHasToken(request, "connection", "upgrade"))
        return refuse(consumed, 400, "not a WebSocket upgrade");
    if (request.header("sec-websocket-version") != "13")
        return refuse(consumed, 426, "WebSocket version 13 required", true,
            { "Sec-WebSocket-Version", "13" });
    const QByteArray key = request.header("sec-websocket-key");
    const auto decoded
        = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16)
        return refuse(consumed, 400, "bad Sec-WebSocket-Key");

    const QByteArray accept = QCryptographicHash::hash(
        key + QByteArray(kAcceptGuid.data(), qsizetype(kAcceptGuid.size())),
        QCryptographicHash::Sha1)
                                  .toBase64();
    UpgradeResult r;
    r.status = UpgradeResult::Accepted;
    r.consumed = consumed;
    r.response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Accept: "
        + accept + "\r\n\r\n";
    return r;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *s = reinterpret_cast<const quint8 *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const quint8 c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int more = 0;
        quint8 lo = 0x80, hi = 0xBF; // range of the first continuation byte
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0)
                lo = 0xA0; // no overlong forms
            else if (c == 0xED)
                hi = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F; // nothing above U+10FFFF
        } else {
            return false;
        }
        if (n - i <= more)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (int k = 2; k <= more; ++k)
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        i += more + 1;
    }
    return true;
}

void appendFrame(QByteArray &out, Opcode opcode, QByteArrayView payload)
{
    const quint64 len = quint64(payload.size());
    char header[10];
    int h = 0;
    header[h++] = char(0x80 | opcode);
    if (len < 126) {
        header[h++] = char(len);
    } else if (len <= 0xFFFF) {
        header[h++] = char(126);
        qToBigEndian<quint16>(quint16(len), header + h);
        h += 2;
    } else {
        header[h++] = char(127);
        qToBigEndian<quint64>(len, header + h);
        h += 8;
    }
    out.append(header, h);
    out.append(payload);
}

void appendClose(QByteArray &out, CloseCode code, QByteArrayView reason)
{
    char payload[125];
    qToBigEndian<quint16>(quint16(code), payload);
    const qsizetype n = qMin<qsizetype>(reason.size(), 123);
    // An empty reason may have no data at all, and memcpy from null is
    // undefined even for 0 bytes.
    if (n > 0)
        memcpy(payload + 2, reason.data(), size_t(n));
    appendFrame(out, Close, QByteArrayView(payload, 2 + n));
}

bool FrameReader::violation(Sink &sink, CloseCode code, const char *why)
{
    m_failed = true;
    m_fragments.clear();
    m_fragmentOpcode = 0;
    sink.onViolation(code, why);
    return false;
}

qsizetype FrameReader::feed(char *data, qsizetype size, Sink &sink)
{
    qsizetype pos = 0;
    while (!m_failed) {
        const qsizetype avail = size - pos;
        if (avail < 2)
            break;
        const auto *h = reinterpret_cast<const quint8 *>(data + pos);
        const bool fin = h[0] & 0x80;
        const quint8 opcode = h[0] & 0x0F;
        const bool control = opcode & 0x08;
        const int len7 = h[1] & 0x7F;
        // Everything decidable from the first two bytes fails at once.
        if (h[0] & 0x70) {
            violation(sink, CloseCode::ProtocolError, "reserved bits set");
            break;
        }
        if (!(h[1] & 0x80)) {
            violation(sink, CloseCode::ProtocolError, "unmasked client frame");
            break;
        }
        if (control) {
            if (opcode != Close && opcode != Ping && opcode != Pong) {
                violation(sink, CloseCode::ProtocolError, "unknown opcode");
                break;
            }
            if (!fin || len7 > 125) {
                violation(sink, CloseCode::ProtocolError, "fragmented or long control frame");
                break;
            }
        } else if (opcode > Binary) {
            violation(sink, CloseCode::ProtocolError, "unknown opcode");
            break;
        }
        const int extBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        if (avail < 2 + extBytes)
            break;
        quint64 len = quint64(len7);
        if (extBytes == 2)
            len = qFromBigEndian<quint16>(h + 2);
        else if (extBytes == 8)
            len = qFromBigEndian<quint64>(h + 2);
        if (len >> 63) {
            violation(sink, CloseCode::ProtocolError, "invalid frame length");
            break;
        }
        // The limit applies to the declared length: nothing of an oversized
        // message is ever buffered.
        if (!control) {
            const quint64 before = opcode == Continuation ? quint64(m_fragments.size()) : 0;
            if (len > quint64(m_maxMessage) || before + len > quint64(m_maxMessage)) {
                violation(sink, CloseCode::TooBig, "message too big");
                break;
            }
        }
        const qsizetype headerLen = 2 + extBytes + 4;
        if (avail < headerLen || quint64(avail - headerLen) < len)
            break; // incomplete: wait for the rest
        char *payload = data + pos + headerLen;
        unmask(payload, len, data + pos + headerLen - 4);
        const QByteArrayView body(payload, qsizetype(len));
        pos += headerLen + qsizetype(len);

        bool more = true;
        switch (opcode) {
        case Continuation:
            if (!m_fragmentOpcode) {
                violation(sink, CloseCode::ProtocolError, "continuation outside a message");
                return pos;
            }
            m_fragments.append(body);
            if (fin) {
                const QByteArray message = std::exchange(m_fragments, QByteArray());
                const quint8 op = std::exchange(m_fragmentOpcode, quint8(0));
                if (op == Text && !isValidUtf8(message)) {
                    violation(sink, CloseCode::InvalidPayload, "invalid UTF-8 in a text message");
                    return pos;
                }
                more = op == Text ? sink.onText(message) : sink.onBinary(message);
            }
            break;
        case Text:
        case Binary:
            if (m_fragmentOpcode) {
                violation(sink, CloseCode::ProtocolError, "new message inside a fragmented one");
                return pos;
            }
            if (!fin) {
                m_fragmentOpcode = opcode;
                m_fragments = body.toByteArray();
            } else if (opcode == Text) {
                if (!isValidUtf8(body)) {
                    violation(sink, CloseCode::InvalidPayload, "invalid UTF-8 in a text message");
                    return pos;
                }
                more = sink.onText(body);
            } else {
                more = sink.onBinary(body);
            }
            break;
        case Ping: more = sink.onPing(body); break;
        case Pong: break;
        case Close: {
            if (len == 1) {
                violation(sink, CloseCode::ProtocolError, "one-byte close payload");
                return pos;
            }
            CloseCode code = CloseCode::NoStatus;
            QByteArrayView reason;
            if (len >= 2) {
                const quint16 raw = qFromBigEndian<quint16>(payload);
                if (!isValidCloseCode(raw)) {
                    violation(sink, CloseCode::ProtocolError, "invalid close code");
                    return pos;
                }
                code = CloseCode(raw);
                reason = body.sliced(2);
                if (!isValidUtf8(reason)) {
                    violation(sink, CloseCode::InvalidPayload, "invalid UTF-8 in a close reason");
                    return pos;
                }
            }
            sink.onClose(code, reason);
            return pos; // nothing after a close frame counts
        }
        }
        if (!more)
            break;
    }
    return pos;
}

} // namespace natter::server::ws
