// RequestRouter: the table of requests natterd answers. Each module
// registers its requests (by the Envelope body they carry) with whether a
// signed-in session is needed and which rate limit applies; the gateway
// decodes a frame, finds its route, checks both and calls the handler. An
// unknown body is "not a request". Filled before the network threads start,
// then read-only (any thread).
#pragma once

#include "common/Requester.h"
#include "common/ServiceError.h"

#include <functional>
#include <vector>

namespace natter::server {

enum class Access {
    Anyone, // sign-in requests themselves
    SignedIn,
};

enum class RateClass {
    None,
    SignIn, // register/login: per source address
    Device, // everything a signed-in device does
    Search, // user search: the device's own, stricter bucket (and Device's)
};

// Runs on the network thread that decoded the request; never blocks (work
// goes to the writer, the hash pool or an inline read). actor is 0/0 for
// Access::Anyone. The references live only during the call.
using RequestHandler
    = std::function<void(const Requester &who, const Actor &actor, const proto::Envelope &request)>;

struct Route
{
    Access access = Access::SignedIn;
    RateClass rate = RateClass::Device;
    RequestHandler handler;
};

class RequestRouter
{
public:
    // bodyCase: a proto::Envelope::BodyCase. Registering one twice is a bug (asserts).
    void add(proto::Envelope::BodyCase bodyCase, Route route);
    const Route *find(proto::Envelope::BodyCase bodyCase) const;
    int size() const;

private:
    std::vector<Route> m_routes; // indexed by body case; empty handler = none
};

} // namespace natter::server
