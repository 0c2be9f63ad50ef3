// How the sync engine's parts read a server reply that is not what they
// asked for. Pure functions; any thread.
#pragma once

#include "natter.pb.h"

#include <QString>

namespace natter {

// The error's message (or its code's name) for logs and the user.
QString replyError(const proto::Envelope &reply);
// What a request that needs the server says while offline.
QString notConnected();
// Errors after which retrying the same request can succeed.
bool isTransient(proto::ErrorCode code);

} // namespace natter
