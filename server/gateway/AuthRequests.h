// AuthRequests: register, login, resume, logout, revoke_device, devices.
// Called on a network thread; validates, then chains the work through the
// hash pool (Argon2id) and the storage threads. Replies and session state
// changes come back through the requester's Mailbox.
#pragma once

#include "conversations/ConversationService.h"
#include "gateway/ServerContext.h"

namespace natter::server {

class AuthRequests
{
public:
    static void registerUser(
        ServerContext &ctx, const Requester &who, const proto::RegisterRequest &request);
    static void login(ServerContext &ctx, const Requester &who, const proto::LoginRequest &request);
    static void resume(
        ServerContext &ctx, const Requester &who, const proto::ResumeRequest &request);
    static void logout(ServerContext &ctx, const Requester &who, const Actor &actor);
    static void revokeDevice(ServerContext &ctx, const Requester &who, const Actor &actor,
        const proto::RevokeDeviceRequest &request);
    static void devices(ServerContext &ctx, const Requester &who, const Actor &actor);
};

} // namespace natter::server
