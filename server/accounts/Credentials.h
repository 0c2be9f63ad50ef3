// Credentials: Argon2id password hashing and device tokens (libsodium).
// Pure functions, safe from any thread; the hashing ones are slow by design
// and run on the hash thread pool, never on a network thread.
//
// Token format (opaque to clients): "<device_id>.<base64url of 32 random
// bytes>". The server stores only crypto_generichash(secret).
#pragma once

#include <QByteArray>
#include <QString>

namespace natter::server {

struct PwhashParams
{
    quint64 ops = 0; // 0 = crypto_pwhash_OPSLIMIT_INTERACTIVE
    quint64 memBytes = 0; // 0 = crypto_pwhash_MEMLIMIT_INTERACTIVE
};

class Credentials
{
public:
    static bool init(); // sodium_init(); false if libsodium is unusable

    static QByteArray hashPassword(const QString &password, const PwhashParams &params);
    static bool verifyPassword(const QByteArray &hash, const QString &password);
    static bool needsRehash(const QByteArray &hash, const PwhashParams &params);

    static QByteArray newSecret(); // base64url, 32 random bytes
    static QByteArray hashSecret(const QByteArray &secret);
    static QString makeToken(quint64 deviceId, const QByteArray &secret);
    // Splits a token; false if it is not shaped like one.
    static bool parseToken(const QString &token, quint64 *deviceId, QByteArray *secret);
    static bool sameHash(const QByteArray &a, const QByteArray &b); // constant time
};

} // namespace natter::server
