#include "store/KeyVault.h"

#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QtEndian>

#include <sodium.h>

namespace natter {

namespace {

// key.bin: magic | opslimit (u64 LE) | memlimit (u64 LE) | salt | nonce | sealed key
constexpr char kMagic[8] = { 'N', 'A', 'T', 'K', 'E', 'Y', '0', '1' };
constexpr int kHeader = 8 + 8 + 8 + crypto_pwhash_SALTBYTES + crypto_secretbox_NONCEBYTES;
constexpr int kFileBytes = kHeader + crypto_secretbox_MACBYTES + KeyVault::kKeyBytes;

void ensureSodium()
{
    if (sodium_init() < 0)
        throw StoreError(StoreError::Kind::Io, QStringLiteral("libsodium failed to initialise"));
}

QByteArray deriveKek(const QString &passphrase, const unsigned char *salt, quint64 ops, quint64 mem)
{
    const QByteArray pw = passphrase.toUtf8();
    QByteArray kek(crypto_secretbox_KEYBYTES, Qt::Uninitialized);
    if (crypto_pwhash(reinterpret_cast<unsigned char *>(kek.data()), kek.size(), pw.constData(),
            pw.size(), salt, ops, size_t(mem), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        throw StoreError(StoreError::Kind::Io, QStringLiteral("out of memory deriving the key"));
    return kek;
}

void writeWrapped(const QString &profileDir, const QByteArray &rawKey, const QString &passphrase)
{
    ensureSodium();
    const quint64 ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const quint64 mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    QByteArray file(kFileBytes, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(file.data());
    memcpy(p, kMagic, 8);
    qToLittleEndian<quint64>(ops, p + 8);
    qToLittleEndian<quint64>(mem, p + 16);
    unsigned char *salt = p + 24;
    unsigned char *nonce = salt + crypto_pwhash_SALTBYTES;
    randombytes_buf(salt, crypto_pwhash_SALTBYTES);
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    QByteArray kek = deriveKek(passphrase, salt, ops, mem);
    crypto_secretbox_easy(p + kHeader, reinterpret_cast<const unsigned char *>(rawKey.constData()),
        rawKey.size(), nonce, reinterpret_cast<const unsigned char *>(kek.constData()));
    sodium_memzero(kek.data(), kek.size());

    QDir().mkpath(profileDir);
    QSaveFile out(KeyVault::keyFilePath(profileDir));
    if (!out.open(QIODevice::WriteOnly) || out.write(file) != file.size() || !out.commit())
        throw StoreError(StoreError::Kind::Io,
            QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    QFile::setPermissions(out.fileName(), QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace

QString KeyVault::keyFilePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(QStringLiteral("key.bin"));
}

bool KeyVault::exists(const QString &profileDir)
{
    return QFile::exists(keyFilePath(profileDir));
}

QByteArray KeyVault::randomKey()
{
    ensureSodium();
    QByteArray rawKey(kKeyBytes, Qt::Uninitialized);
    randombytes_buf(rawKey.data(), rawKey.size());
    return rawKey;
}

QByteArray KeyVault::create(const QString &profileDir, const QString &passphrase)
{
    QByteArray rawKey = randomKey();
    writeWrapped(profileDir, rawKey, passphrase);
    return rawKey;
}

QByteArray KeyVault::unlock(const QString &profileDir, const QString &passphrase)
{
    ensureSodium();
    QFile in(keyFilePath(profileDir));
    if (!in.exists())
        throw StoreError(StoreError::Kind::Missing,
            QStringLiteral("no profile at %1 (register or log in first)").arg(profileDir));
    if (!in.open(QIODevice::ReadOnly))
        throw StoreError(StoreError::Kind::Io,
            QStringLiteral("cannot read %1: %2").arg(in.fileName(), in.errorString()));
    const QByteArray file = in.readAll();
    const auto *p = reinterpret_cast<const unsigned char *>(file.constData());
    if (file.size() != kFileBytes || memcmp(p, kMagic, 8) != 0)
        throw StoreError(StoreError::Kind::Corrupt,
            QStringLiteral("the key file %1 is damaged").arg(in.fileName()));
    const quint64 ops = qFromLittleEndian<quint64>(p + 8);
    const quint64 mem = qFromLittleEndian<quint64>(p + 16);
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE
        || mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
        throw StoreError(StoreError::Kind::Corrupt,
            QStringLiteral("the key file %1 is damaged").arg(in.fileName()));
    const unsigned char *salt = p + 24;
    const unsigned char *nonce = salt + crypto_pwhash_SALTBYTES;
    QByteArray kek = deriveKek(passphrase, salt, ops, mem);
    QByteArray rawKey(kKeyBytes, Qt::Uninitialized);
    const int rc = crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(rawKey.data()),
        p + kHeader, crypto_secretbox_MACBYTES + kKeyBytes, nonce,
        reinterpret_cast<const unsigned char *>(kek.constData()));
    sodium_memzero(kek.data(), kek.size());
    if (rc != 0)
        throw StoreError(StoreError::Kind::WrongKey, QStringLiteral("wrong passphrase"));
    return rawKey;
}

} // namespace natter
