// ServiceError and Actor: what every server module's rules take and give —
// who acts (a signed-in user on one of its devices) and the typed refusal.
#pragma once

#include "natter.pb.h"

#include <QString>

namespace natter::server {

struct ServiceError
{
    proto::ErrorCode code = proto::ERROR_NONE;
    QString message;
    explicit operator bool() const { return code != proto::ERROR_NONE; }
};

// What signing in to an account the administrator disabled gets (login,
// resume, and a session admitted while the account was being disabled).
inline ServiceError accountDisabledError()
{
    return { proto::ACCOUNT_DISABLED,
        QStringLiteral("this account is disabled by the server's administrator") };
}

// Who is acting: 0/0 before sign-in.
struct Actor
{
    quint64 userId = 0;
    quint64 deviceId = 0;
    bool signedIn() const { return userId != 0; }
};

} // namespace natter::server
