// ProtoNames: the wire names of the protocol's enumerations, taken from
// natter.proto at build time (the lite runtime keeps no descriptors): the
// field name of each Envelope body ("send", "pull", ...) and the lower-case
// name of each ErrorCode ("rate_limited", ...). For metrics labels and logs;
// stable as long as the .proto keeps its names. Pure; any thread.
#pragma once

#include "natter.pb.h"

namespace natter {

// The highest Envelope body field number, so callers can size a table.
int maxEnvelopeBody();
// The field name of Envelope body number `field` (Envelope::BodyCase);
// nullptr when there is none.
const char *envelopeBodyName(int field);

int maxErrorCode();
// "rate_limited" for RATE_LIMITED; nullptr for a number the .proto lacks.
const char *errorCodeLabel(int code);

} // namespace natter
