// The store's random 256-bit raw key, wrapped by a passphrase: Argon2id
// (libsodium crypto_pwhash) derives a key-encryption key that seals the raw
// key with XSalsa20-Poly1305 (crypto_secretbox). The wrapped key lives in
// `key.bin` in the profile directory; nothing on disk reveals the raw key.
// Stateless; callable from any thread (derivation takes ~0.1 s: not on the
// GUI thread).
#pragma once

#include <QByteArray>
#include <QString>

namespace natter {

class KeyVault
{
public:
    static constexpr int kKeyBytes = 32;
    static QString keyFilePath(const QString &profileDir);
    static bool exists(const QString &profileDir);

    // A new random raw key, for a store whose key the OS keychain keeps.
    static QByteArray randomKey();

    // Makes a new random raw key, wraps it and writes key.bin. Returns the raw key.
    // Throws StoreError(Io) when it can't be written.
    static QByteArray create(const QString &profileDir, const QString &passphrase);

    // Reads key.bin and unwraps it. Throws StoreError(WrongKey) for a wrong
    // passphrase, StoreError(Corrupt) for a damaged file, Missing when absent.
    static QByteArray unlock(const QString &profileDir, const QString &passphrase);
};

} // namespace natter
