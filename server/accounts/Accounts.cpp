#include "accounts/Accounts.h"

#include "accounts/Credentials.h"

namespace natter::server {

AuthResult Accounts::createAccount(Storage &storage, Snowflake &ids, const QString &name,
    const QByteArray &pwhash, const QString &deviceName, const QByteArray &tokenHash, qint64 nowMs)
{
    AuthResult result;
    if (storage.users().byName(name)) {
        result.error = { proto::USER_EXISTS, QStringLiteral("user name taken") };
        return result;
    }
    UserRow user { ids.next(), name, pwhash, nowMs, 0 };
    storage.users().insert(user);
    DeviceRow device { ids.next(), user.id, deviceName, tokenHash, nowMs, nowMs, false };
    storage.devices().insert(device);
    result.userId = user.id;
    result.userName = name;
    result.deviceId = device.id;
    return result;
}

AuthResult Accounts::addDevice(Storage &storage, Snowflake &ids, quint64 userId,
    const QString &deviceName, const QByteArray &tokenHash, const QByteArray &newPwhash,
    qint64 nowMs)
{
    AuthResult result;
    const auto user = storage.users().byId(userId);
    if (!user) {
        result.error = { proto::AUTH_FAILED, QStringLiteral("wrong user or password") };
        return result;
    }
    if (user->disabled) {
        result.error = accountDisabledError();
        return result;
    }
    if (!newPwhash.isEmpty())
        storage.users().setPasswordHash(userId, newPwhash);
    DeviceRow device { ids.next(), userId, deviceName, tokenHash, nowMs, nowMs, false };
    storage.devices().insert(device);
    result.userId = userId;
    result.userName = user->name;
    result.deviceId = device.id;
    return result;
}

AuthResult Accounts::resume(
    Storage &storage, quint64 deviceId, const QByteArray &secretHash, qint64 nowMs)
{
    AuthResult result;
    const auto device = storage.devices().byId(deviceId);
    if (!device || device->revoked || !Credentials::sameHash(device->tokenHash, secretHash)) {
        result.error = { proto::AUTH_FAILED, QStringLiteral("unknown or revoked token") };
        return result;
    }
    const auto user = storage.users().byId(device->userId);
    if (!user) {
        result.error = { proto::AUTH_FAILED, QStringLiteral("unknown or revoked token") };
        return result;
    }
    if (user->disabled) { // the token stays good for when the account is enabled again
        result.error = accountDisabledError();
        return result;
    }
    storage.devices().touch(deviceId, nowMs);
    result.userId = user->id;
    result.userName = user->name;
    result.deviceId = deviceId;
    return result;
}

ServiceError Accounts::revoke(Storage &storage, quint64 userId, quint64 deviceId, Fanout *fanout)
{
    const auto device = storage.devices().byId(deviceId);
    if (!device || device->userId != userId)
        return { proto::NOT_FOUND, QStringLiteral("no such device") };
    if (!device->revoked)
        storage.devices().revoke(deviceId);
    fanout->closeDevices.append(deviceId);
    return {};
}

proto::DevicesResponse Accounts::devices(Storage &storage, quint64 userId, quint64 current)
{
    proto::DevicesResponse response;
    for (const DeviceRow &row : storage.devices().ofUser(userId)) {
        auto *d = response.add_devices();
        d->set_id(row.id);
        d->set_name(row.name.toStdString());
        d->set_created_ms(row.createdMs);
        d->set_last_seen_ms(row.lastSeenMs);
        d->set_current(row.id == current);
        d->set_revoked(row.revoked);
    }
    return response;
}

} // namespace natter::server
