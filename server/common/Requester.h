// Requester: where the answer to one request goes — a session on a network
// thread — and the ways a module may answer: a reply, an error, a signed-in
// session, a reply that ends the session, and reads run inline on the
// requester's network thread. The gateway implements the ReplyChannel
// behind it; modules never see sessions or sockets.
//
// Copyable into callbacks; usable from any thread, except read(): the
// requester's own network thread only (where the request was decoded).
#pragma once

#include "natter.pb.h"

#include <QString>

#include <functional>

namespace natter::server {

struct DbOp;
class StorageError;

struct SignIn
{
    quint64 userId = 0;
    QString userName;
    quint64 deviceId = 0;
    QString token; // a new device's token (register/login); empty on resume
};

class ReplyChannel
{
public:
    // The envelope's version and request id are filled in already.
    virtual void reply(int thread, quint64 sessionId, proto::Envelope envelope) = 0;
    // Marks the session signed in as that device and answers with AuthResponse
    // (or AUTH_FAILED when the device was revoked meanwhile).
    virtual void signIn(int thread, quint64 sessionId, quint64 requestId, const SignIn &who) = 0;
    // Sends the reply, then closes the session (logout).
    virtual void replyAndClose(
        int thread, quint64 sessionId, proto::Envelope envelope, const QString &reason)
        = 0;
    // Runs a read op now, on that network thread's read connection (the caller's thread).
    virtual void read(int thread, const DbOp &op) = 0;

protected:
    ~ReplyChannel() = default;
};

struct Requester
{
    ReplyChannel *channel = nullptr;
    int thread = 0;
    quint64 sessionId = 0;
    quint64 requestId = 0;
    QString peerAddress; // the client's address (behind a trusted proxy: the one it names)

    void reply(proto::Envelope envelope) const;
    void error(proto::ErrorCode code, const QString &message) const;
    void signIn(const SignIn &who) const { channel->signIn(thread, sessionId, requestId, who); }
    void replyAndClose(proto::Envelope envelope, const QString &reason) const;
    void read(const DbOp &op) const;
    // Answers a storage failure as what it is: a taken unique value is a
    // CONFLICT, the rest INTERNAL (safe to retry), said in words the client
    // can show.
    void storageFailure(const StorageError &error) const;
    // The same as a DbOp's fail callback.
    std::function<void(const StorageError &)> onStorageFailure() const;
};

} // namespace natter::server
