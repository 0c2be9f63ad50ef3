#include "gateway/AuthRequests.h"

#include "Logging.h"
#include "conversations/NotifyRouter.h"
#include "gateway/Accounts.h"
#include "gateway/Credentials.h"
#include "gateway/Session.h"

#include <QDateTime>

namespace natter::server {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

PwhashParams pwhashParams(const ServerContext &ctx)
{
    return { ctx.config.pwhashOps, ctx.config.pwhashMemBytes };
}

std::function<void(const QString &)> failWith(const Requester &who)
{
    return [who](const QString &) {
        who.error(proto::INTERNAL, QStringLiteral("storage failure, retry"));
    };
}

// On the session's thread: mark it signed in and answer with AuthResponse.
void completeAuth(const Requester &who, const AuthResult &r, const QString &token)
{
    ServerContext *ctx = who.ctx;
    who.task([ctx, who, r, token](Session &s) {
        if (s.isAuthenticated())
            ctx->registry.remove(s.ref());
        s.setAuthenticated(r.userId, r.deviceId);
        qCDebug(lcAuth) << "session" << s.id() << "signed in as user" << r.userId << "device"
                        << r.deviceId;
        if (!ctx->registry.add(s.ref())) {
            s.clearAuthentication();
            s.sendError(who.requestId, proto::AUTH_FAILED, QStringLiteral("device revoked"));
            return;
        }
        proto::Envelope env;
        env.set_version(kProtocolVersion);
        env.set_request_id(who.requestId);
        auto *auth = env.mutable_auth();
        auth->set_user_id(r.userId);
        auth->set_user(r.userName.toStdString());
        auth->set_device_id(r.deviceId);
        if (!token.isEmpty())
            auth->set_token(token.toStdString());
        s.send(env);
    });
}

// A hash of nothing in particular, verified against for unknown users.
QByteArray dummyHash(const ServerContext &ctx)
{
    static const QByteArray hash
        = Credentials::hashPassword(QStringLiteral("natterd-no-such-user"), pwhashParams(ctx));
    return hash;
}

QString checkDeviceName(const std::string &raw, QString *name)
{
    *name = QString::fromStdString(raw).trimmed();
    if (name->size() > limits::kMaxDeviceNameChars)
        return QStringLiteral("device name longer than %1").arg(limits::kMaxDeviceNameChars);
    if (name->isEmpty())
        *name = QStringLiteral("unnamed device");
    return {};
}

// Writer op: create the device (and account), then answer with the token.
void submitSignIn(ServerContext &ctx, const Requester &who, quint64 userId, const QString &name,
    const QByteArray &pwhash, const QString &deviceName, const QByteArray &secret)
{
    const QByteArray tokenHash = Credentials::hashSecret(secret);
    ctx.writer->submit(DbOp {
        [&ctx, who, userId, name, pwhash, deviceName, tokenHash, secret](Storage &s) {
            const AuthResult r = userId == 0
                ? Accounts::createAccount(s, ctx.ids, name, pwhash, deviceName, tokenHash, nowMs())
                : Accounts::addDevice(s, ctx.ids, userId, deviceName, tokenHash, pwhash, nowMs());
            DbOutcome out;
            out.rollback = bool(r.error);
            out.deliver = [who, r, secret] {
                if (r.error)
                    who.error(r.error.code, r.error.message);
                else
                    completeAuth(who, r, Credentials::makeToken(r.deviceId, secret));
            };
            return out;
        },
        failWith(who) });
}

} // namespace

void AuthRequests::registerUser(
    ServerContext &ctx, const Requester &who, const proto::RegisterRequest &request)
{
    const QString name = QString::fromStdString(request.user());
    const QString password = QString::fromStdString(request.password());
    QString deviceName;
    if (!isValidUserName(name))
        return who.error(proto::INVALID_ARGUMENT,
            QStringLiteral("user name: 1..32 of a-z 0-9 _ . -, starting with a letter or digit"));
    if (password.size() < limits::kMinPasswordChars || password.size() > limits::kMaxPasswordChars)
        return who.error(proto::INVALID_ARGUMENT,
            QStringLiteral("password must be %1..%2 characters")
                .arg(limits::kMinPasswordChars)
                .arg(limits::kMaxPasswordChars));
    if (const QString e = checkDeviceName(request.device_name(), &deviceName); !e.isEmpty())
        return who.error(proto::INVALID_ARGUMENT, e);

    ctx.hashPool.start([&ctx, who, name, password, deviceName] {
        const QByteArray pwhash = Credentials::hashPassword(password, pwhashParams(ctx));
        if (pwhash.isEmpty())
            return who.error(proto::INTERNAL, QStringLiteral("password hashing failed"));
        submitSignIn(ctx, who, 0, name, pwhash, deviceName, Credentials::newSecret());
    });
}

void AuthRequests::login(
    ServerContext &ctx, const Requester &who, const proto::LoginRequest &request)
{
    const QString name = QString::fromStdString(request.user());
    const QString password = QString::fromStdString(request.password());
    QString deviceName;
    if (const QString e = checkDeviceName(request.device_name(), &deviceName); !e.isEmpty())
        return who.error(proto::INVALID_ARGUMENT, e);
    if (password.size() > limits::kMaxPasswordChars || !isValidUserName(name))
        return who.error(proto::AUTH_FAILED, QStringLiteral("wrong user or password"));

    who.read(DbOp { [&ctx, who, name, password, deviceName](Storage &s) {
                       const std::optional<UserRow> user = s.userByName(name);
                       DbOutcome out;
                       out.deliver = [&ctx, who, user, password, deviceName] {
                           ctx.hashPool.start([&ctx, who, user, password, deviceName] {
                               // An unknown user costs the same Argon2id check as a known
                               // one, so the answer's timing does not tell which it was.
                               const bool ok = Credentials::verifyPassword(
                                   user ? user->pwhash : dummyHash(ctx), password);
                               if (!ok || !user)
                                   return who.error(proto::AUTH_FAILED,
                                       QStringLiteral("wrong user or password"));
                               QByteArray rehash;
                               if (Credentials::needsRehash(user->pwhash, pwhashParams(ctx)))
                                   rehash = Credentials::hashPassword(password, pwhashParams(ctx));
                               submitSignIn(ctx, who, user->id, user->name, rehash, deviceName,
                                   Credentials::newSecret());
                           });
                       };
                       return out;
                   },
        failWith(who) });
}

void AuthRequests::resume(
    ServerContext &ctx, const Requester &who, const proto::ResumeRequest &request)
{
    quint64 deviceId = 0;
    QByteArray secret;
    if (!Credentials::parseToken(QString::fromStdString(request.token()), &deviceId, &secret))
        return who.error(proto::AUTH_FAILED, QStringLiteral("unknown or revoked token"));
    const QByteArray secretHash = Credentials::hashSecret(secret);
    ctx.writer->submit(DbOp { [who, deviceId, secretHash](Storage &s) {
                                 const AuthResult r
                                     = Accounts::resume(s, deviceId, secretHash, nowMs());
                                 DbOutcome out;
                                 out.rollback = bool(r.error);
                                 out.deliver = [who, r] {
                                     if (r.error)
                                         who.error(r.error.code, r.error.message);
                                     else
                                         completeAuth(who, r, {});
                                 };
                                 return out;
                             },
        failWith(who) });
}

void AuthRequests::logout(ServerContext &ctx, const Requester &who, const Actor &actor)
{
    ctx.writer->submit(
        DbOp { [&ctx, who, actor](Storage &s) {
                  Fanout fanout;
                  const ServiceError e = Accounts::revoke(s, actor.userId, actor.deviceId, &fanout);
                  DbOutcome out;
                  out.rollback = bool(e);
                  out.deliver = [&ctx, who, e, fanout] {
                      if (e)
                          return who.error(e.code, e.message);
                      who.task([who](Session &session) {
                          proto::Envelope env;
                          env.set_version(kProtocolVersion);
                          env.set_request_id(who.requestId);
                          env.mutable_ok();
                          session.send(env);
                          session.close(CloseCode::Normal, QStringLiteral("logged out"));
                      });
                      NotifyRouter::route(ctx, fanout);
                  };
                  return out;
              },
            failWith(who) });
}

void AuthRequests::revokeDevice(ServerContext &ctx, const Requester &who, const Actor &actor,
    const proto::RevokeDeviceRequest &request)
{
    const quint64 deviceId = request.device_id();
    ctx.writer->submit(DbOp { [&ctx, who, actor, deviceId](Storage &s) {
                                 Fanout fanout;
                                 const ServiceError e
                                     = Accounts::revoke(s, actor.userId, deviceId, &fanout);
                                 DbOutcome out;
                                 out.rollback = bool(e);
                                 out.deliver = [&ctx, who, e, fanout] {
                                     if (e)
                                         return who.error(e.code, e.message);
                                     proto::Envelope env;
                                     env.mutable_ok();
                                     who.reply(env);
                                     NotifyRouter::route(ctx, fanout);
                                 };
                                 return out;
                             },
        failWith(who) });
}

void AuthRequests::devices(ServerContext &, const Requester &who, const Actor &actor)
{
    who.read(DbOp { [who, actor](Storage &s) {
                       proto::Envelope env;
                       *env.mutable_devices() = Accounts::devices(s, actor.userId, actor.deviceId);
                       return DbOutcome { false, [who, env] { who.reply(env); } };
                   },
        failWith(who) });
}

} // namespace natter::server
