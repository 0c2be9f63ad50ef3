// fuzz_ws_frames: natterd's WebSocket frame reader (server/net/WsProtocol)
// on an arbitrary client byte stream, plus the upgrade-request parser on the
// same bytes. Differential check: the stream fed whole and the stream fed in
// small pieces (the way a connection re-presents an incomplete frame with
// more bytes behind it) must give the same events in the same order and
// consume the same number of bytes.
#include "net/WsProtocol.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using namespace natter::server::ws;

namespace {

class Recorder final : public FrameReader::Sink
{
public:
    QByteArray log;
    bool closed = false;
    bool onBinary(QByteArrayView m) override { return add('B', m); }
    bool onText(QByteArrayView m) override
    {
        if (!isValidUtf8(m))
            std::abort(); // the reader promised UTF-8
        return add('T', m);
    }
    bool onPing(QByteArrayView p) override { return add('P', p); }
    bool onClose(CloseCode code, QByteArrayView reason) override
    {
        closed = true;
        log += 'C' + QByteArray::number(int(code));
        return add('r', reason);
    }
    void onViolation(CloseCode code, const char *why) override
    {
        log += 'V' + QByteArray::number(int(code)) + why;
    }

private:
    bool add(char kind, QByteArrayView bytes)
    {
        log += kind + QByteArray::number(bytes.size()) + ':';
        log += bytes;
        return true;
    }
};

// Feeds `input` in pieces of `piece` bytes; returns the bytes consumed.
qsizetype feedInPieces(const QByteArray &input, qsizetype piece, Recorder &sink)
{
    FrameReader reader(64 * 1024);
    QByteArray pending;
    qsizetype consumed = 0;
    for (qsizetype at = 0; at < input.size() && !reader.failed(); at += piece) {
        pending += input.mid(at, piece);
        const qsizetype used = reader.feed(pending.data(), pending.size(), sink);
        if (used < 0 || used > pending.size())
            std::abort();
        consumed += used;
        pending.remove(0, used);
        if (sink.closed)
            break; // nothing after a close frame counts
    }
    return consumed;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    const UpgradeResult up = parseUpgrade(input);
    if (up.consumed < 0 || up.consumed > input.size()
        || (up.status != UpgradeResult::NeedMore && up.response.isEmpty()))
        std::abort();

    if (size < 1)
        return 0;
    const qsizetype piece = 1 + (data[0] % 16);
    const QByteArray stream = input.mid(1);

    Recorder whole;
    FrameReader reader(64 * 1024);
    QByteArray copy = stream;
    const qsizetype usedWhole = reader.feed(copy.data(), copy.size(), whole);
    if (usedWhole < 0 || usedWhole > copy.size())
        std::abort();

    Recorder pieces;
    const qsizetype usedPieces = feedInPieces(stream, piece, pieces);
    if (whole.log != pieces.log || usedWhole != usedPieces)
        std::abort();
    return 0;
}
