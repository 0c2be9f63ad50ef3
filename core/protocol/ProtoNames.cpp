#include "protocol/ProtoNames.h"

#include <algorithm>
#include <span>

namespace natter {

namespace {

struct NumberedName
{
    int number;
    const char *name;
};

#include "ProtoNames.inc"

const char *find(std::span<const NumberedName> table, int number)
{
    const auto it = std::find_if(
        table.begin(), table.end(), [number](const NumberedName &n) { return n.number == number; });
    return it == table.end() ? nullptr : it->name;
}

int highest(std::span<const NumberedName> table)
{
    int max = 0;
    for (const NumberedName &n : table)
        max = std::max(max, n.number);
    return max;
}

} // namespace

int maxEnvelopeBody()
{
    static const int max = highest(kEnvelopeBodies);
    return max;
}

const char *envelopeBodyName(int field)
{
    return find(kEnvelopeBodies, field);
}

int maxErrorCode()
{
    static const int max = highest(kErrorCodes);
    return max;
}

const char *errorCodeLabel(int code)
{
    return find(kErrorCodes, code);
}

} // namespace natter
