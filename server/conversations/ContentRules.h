// ContentRules: what a message body may hold, per content kind. A send's
// body is an EventBody (stored opaque); each kind the server accepts has a
// validator registered here, and a kind with none is refused. New kinds
// (images, files, voice) register theirs next to text. Filled at start,
// then read-only (any thread).
#pragma once

#include "common/ServiceError.h"

#include <functional>
#include <vector>

namespace natter::server {

struct ContentLimits
{
    int maxTextChars = 8000;
};

// What the server checks of a message's @mentions when it is written: an
// @all needs the right to it (the mention list itself only has a size
// limit: naming a non-member does nothing).
struct Mentions
{
    static constexpr int kMaxUsers = 50;
    bool all = false;
    static Mentions of(const proto::EventBody &body);
};

class ContentRules
{
public:
    using Validator = std::function<ServiceError(const proto::EventBody &, const ContentLimits &)>;

    // The kinds natterd accepts today (text).
    static ContentRules standard();

    void add(proto::EventBody::ContentCase kind, Validator validator);
    bool accepts(proto::EventBody::ContentCase kind) const;
    // The body's kind must have a validator, which must pass.
    ServiceError validate(const proto::EventBody &body, const ContentLimits &limits) const;

private:
    std::vector<Validator> m_validators; // by content case
};

} // namespace natter::server
