// fuzz_frame: the wire decoder on arbitrary bytes. Whatever decodes must
// re-encode and decode again to the same message.
#include "protocol/Frame.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame = QByteArray::fromRawData(
        reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    natter::proto::Envelope env;
    if (natter::decodeEnvelope(frame, &env) != natter::DecodeResult::Ok)
        return 0;
    const QByteArray again = natter::encodeEnvelope(env);
    natter::proto::Envelope env2;
    if (natter::decodeEnvelope(again, &env2) != natter::DecodeResult::Ok)
        std::abort(); // our own encoding must decode
    if (natter::encodeEnvelope(env2) != again)
        std::abort(); // and be stable
    return 0;
}
