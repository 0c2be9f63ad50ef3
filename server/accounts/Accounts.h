// Accounts: account and device rules (create, sign in, resume, revoke,
// list) as plain functions over a Storage. Stateless; runs on the storage
// thread executing the op. Slow password work happens before, off-thread.
#pragma once

#include "common/Fanout.h"
#include "common/ServiceError.h"
#include "protocol/Snowflake.h"
#include "storage/Storage.h"

#include "natter.pb.h"

namespace natter::server {

struct AuthResult
{
    ServiceError error;
    quint64 userId = 0;
    QString userName;
    quint64 deviceId = 0;
};

class Accounts
{
public:
    // Writer thread.
    static AuthResult createAccount(Storage &storage, Snowflake &ids, const QString &name,
        const QByteArray &pwhash, const QString &deviceName, const QByteArray &tokenHash,
        qint64 nowMs);
    // A new device for a verified user; newPwhash (if not empty) replaces the hash.
    static AuthResult addDevice(Storage &storage, Snowflake &ids, quint64 userId,
        const QString &deviceName, const QByteArray &tokenHash, const QByteArray &newPwhash,
        qint64 nowMs);
    static AuthResult resume(
        Storage &storage, quint64 deviceId, const QByteArray &secretHash, qint64 nowMs);
    // Revokes deviceId if it belongs to userId; fills fanout with the device to cut off.
    static ServiceError revoke(Storage &storage, quint64 userId, quint64 deviceId, Fanout *fanout);

    // Reader thread.
    static proto::DevicesResponse devices(Storage &storage, quint64 userId, quint64 current);
};

} // namespace natter::server
