// AccountRequests: the accounts module's requests — register, login,
// resume, logout, revoke_device, devices — registered into the
// RequestRouter. Called on a network thread; validates, then chains the
// work through the hash pool (Argon2id) and the writer or the thread's read
// connection. A successful sign-in comes back as Requester::signIn, which
// the gateway turns into a signed-in session. Lives as long as the
// ServiceContext; read-only after start.
#pragma once

#include "accounts/LoginGuard.h"
#include "common/RequestRouter.h"
#include "common/ServiceContext.h"

namespace natter::server {

class AccountRequests
{
public:
    explicit AccountRequests(ServiceContext &ctx);

    void registerRoutes(RequestRouter &router);

    void registerUser(const Requester &who, const proto::RegisterRequest &request);
    void login(const Requester &who, const proto::LoginRequest &request);
    void resume(const Requester &who, const proto::ResumeRequest &request);
    void logout(const Requester &who, const Actor &actor);
    void revokeDevice(
        const Requester &who, const Actor &actor, const proto::RevokeDeviceRequest &request);
    void devices(const Requester &who, const Actor &actor);

private:
    void submitSignIn(const Requester &who, quint64 userId, const QString &name,
        const QByteArray &pwhash, const QString &deviceName, const QByteArray &secret);
    QByteArray dummyHash() const;

    ServiceContext &m_ctx;
    LoginGuard m_guard; // backoff after failed logins (any thread)
};

} // namespace natter::server
