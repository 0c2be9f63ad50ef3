#include "accounts/AccountRequests.h"

#include "accounts/Accounts.h"
#include "accounts/Credentials.h"
#include "common/Logging.h"
#include "protocol/Frame.h"

#include <QDateTime>

namespace natter::server {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

PwhashParams pwhashParams(const ServiceContext &ctx)
{
    return { ctx.config.pwhashOps, ctx.config.pwhashMemBytes };
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

SignIn signInOf(const AuthResult &r, const QString &token)
{
    return SignIn { r.userId, r.userName, r.deviceId, token };
}

} // namespace

AccountRequests::AccountRequests(ServiceContext &ctx)
    : m_ctx(ctx)
{
}

void AccountRequests::registerRoutes(RequestRouter &router)
{
    router.add(proto::Envelope::kRegisterRequest,
        { Access::Anyone, RateClass::SignIn,
            [this](const Requester &who, const Actor &, const proto::Envelope &env) {
                registerUser(who, env.register_request());
            } });
    router.add(proto::Envelope::kLogin,
        { Access::Anyone, RateClass::SignIn,
            [this](const Requester &who, const Actor &, const proto::Envelope &env) {
                login(who, env.login());
            } });
    // A device's token is checked as fast as a lookup: no address limit.
    router.add(proto::Envelope::kResume,
        { Access::Anyone, RateClass::None,
            [this](const Requester &who, const Actor &, const proto::Envelope &env) {
                resume(who, env.resume());
            } });
    router.add(proto::Envelope::kLogout,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &) {
                logout(who, actor);
            } });
    router.add(proto::Envelope::kRevokeDevice,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &env) {
                revokeDevice(who, actor, env.revoke_device());
            } });
    router.add(proto::Envelope::kDevicesRequest,
        { Access::SignedIn, RateClass::Device,
            [this](const Requester &who, const Actor &actor, const proto::Envelope &) {
                devices(who, actor);
            } });
}

// A hash of nothing in particular, verified against for unknown users.
QByteArray AccountRequests::dummyHash() const
{
    static const QByteArray hash
        = Credentials::hashPassword(QStringLiteral("natterd-no-such-user"), pwhashParams(m_ctx));
    return hash;
}

// Writer op: create the device (and account), then answer with the token.
void AccountRequests::submitSignIn(const Requester &who, quint64 userId, const QString &name,
    const QByteArray &pwhash, const QString &deviceName, const QByteArray &secret)
{
    ServiceContext &ctx = m_ctx;
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
                    who.signIn(signInOf(r, Credentials::makeToken(r.deviceId, secret)));
            };
            return out;
        },
        [who, userId](const StorageError &e) {
            // Two registrations of one name in flight: the unique name decides.
            if (userId == 0 && e.kind() == StorageError::Kind::Duplicate)
                return who.error(proto::USER_EXISTS, QStringLiteral("user name taken"));
            who.storageFailure(e);
        } });
}

void AccountRequests::registerUser(const Requester &who, const proto::RegisterRequest &request)
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

    m_ctx.hashPool.start([this, who, name, password, deviceName] {
        const QByteArray pwhash = Credentials::hashPassword(password, pwhashParams(m_ctx));
        if (pwhash.isEmpty())
            return who.error(proto::INTERNAL, QStringLiteral("password hashing failed"));
        submitSignIn(who, 0, name, pwhash, deviceName, Credentials::newSecret());
    });
}

void AccountRequests::login(const Requester &who, const proto::LoginRequest &request)
{
    const QString name = QString::fromStdString(request.user());
    const QString password = QString::fromStdString(request.password());
    QString deviceName;
    if (const QString e = checkDeviceName(request.device_name(), &deviceName); !e.isEmpty())
        return who.error(proto::INVALID_ARGUMENT, e);
    if (password.size() > limits::kMaxPasswordChars || !isValidUserName(name))
        return who.error(proto::AUTH_FAILED, QStringLiteral("wrong user or password"));
    // After repeated failures from here, wait before any password is checked.
    if (const qint64 wait = m_guard.waitMs(name, who.peerAddress, nowMs()); wait > 0)
        return who.error(proto::RATE_LIMITED,
            QStringLiteral("too many failed sign-ins; try again in %1 s").arg((wait + 999) / 1000));

    who.read(DbOp { [this, who, name, password, deviceName](Storage &s) {
                       const std::optional<UserRow> user = s.users().byName(name);
                       DbOutcome out;
                       out.deliver = [this, who, name, user, password, deviceName] {
                           m_ctx.hashPool.start([this, who, name, user, password, deviceName] {
                               // An unknown user costs the same Argon2id check as a known
                               // one, so the answer's timing does not tell which it was.
                               const bool ok = Credentials::verifyPassword(
                                   user ? user->pwhash : dummyHash(), password);
                               if (!ok || !user) {
                                   m_guard.failed(name, who.peerAddress, nowMs());
                                   return who.error(proto::AUTH_FAILED,
                                       QStringLiteral("wrong user or password"));
                               }
                               m_guard.succeeded(name, who.peerAddress);
                               QByteArray rehash;
                               if (Credentials::needsRehash(user->pwhash, pwhashParams(m_ctx)))
                                   rehash
                                       = Credentials::hashPassword(password, pwhashParams(m_ctx));
                               submitSignIn(who, user->id, user->name, rehash, deviceName,
                                   Credentials::newSecret());
                           });
                       };
                       return out;
                   },
        who.onStorageFailure() });
}

void AccountRequests::resume(const Requester &who, const proto::ResumeRequest &request)
{
    quint64 deviceId = 0;
    QByteArray secret;
    if (!Credentials::parseToken(QString::fromStdString(request.token()), &deviceId, &secret))
        return who.error(proto::AUTH_FAILED, QStringLiteral("unknown or revoked token"));
    const QByteArray secretHash = Credentials::hashSecret(secret);
    m_ctx.writer->submit(DbOp { [who, deviceId, secretHash](Storage &s) {
                                   const AuthResult r
                                       = Accounts::resume(s, deviceId, secretHash, nowMs());
                                   DbOutcome out;
                                   out.rollback = bool(r.error);
                                   out.deliver = [who, r] {
                                       if (r.error)
                                           who.error(r.error.code, r.error.message);
                                       else
                                           who.signIn(signInOf(r, {}));
                                   };
                                   return out;
                               },
        who.onStorageFailure() });
}

void AccountRequests::logout(const Requester &who, const Actor &actor)
{
    ServiceContext &ctx = m_ctx;
    ctx.writer->submit(
        DbOp { [&ctx, who, actor](Storage &s) {
                  Fanout fanout;
                  const ServiceError e = Accounts::revoke(s, actor.userId, actor.deviceId, &fanout);
                  DbOutcome out;
                  out.rollback = bool(e);
                  out.deliver = [&ctx, who, e, fanout] {
                      if (e)
                          return who.error(e.code, e.message);
                      proto::Envelope env;
                      env.mutable_ok();
                      who.replyAndClose(std::move(env), QStringLiteral("logged out"));
                      ctx.notify->route(fanout);
                  };
                  return out;
              },
            who.onStorageFailure() });
}

void AccountRequests::revokeDevice(
    const Requester &who, const Actor &actor, const proto::RevokeDeviceRequest &request)
{
    ServiceContext &ctx = m_ctx;
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
                                     who.reply(std::move(env));
                                     ctx.notify->route(fanout);
                                 };
                                 return out;
                             },
        who.onStorageFailure() });
}

void AccountRequests::devices(const Requester &who, const Actor &actor)
{
    who.read(DbOp { [who, actor](Storage &s) {
                       proto::Envelope env;
                       *env.mutable_devices() = Accounts::devices(s, actor.userId, actor.deviceId);
                       return DbOutcome { false, [who, env] { who.reply(env); } };
                   },
        who.onStorageFailure() });
}

} // namespace natter::server
