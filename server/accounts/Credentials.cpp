#include "accounts/Credentials.h"

#include <sodium.h>

namespace natter::server {

namespace {

quint64 opsOf(const PwhashParams &p)
{
    return p.ops ? p.ops : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

size_t memOf(const PwhashParams &p)
{
    return p.memBytes ? static_cast<size_t>(p.memBytes) : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

} // namespace

bool Credentials::init()
{
    return sodium_init() >= 0;
}

QByteArray Credentials::hashPassword(const QString &password, const PwhashParams &params)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
            opsOf(params), memOf(params))
        != 0)
        return {};
    return QByteArray(out);
}

bool Credentials::verifyPassword(const QByteArray &hash, const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray terminated = hash + '\0';
    return crypto_pwhash_str_verify(terminated.constData(), utf8.constData(),
               static_cast<unsigned long long>(utf8.size()))
        == 0;
}

bool Credentials::needsRehash(const QByteArray &hash, const PwhashParams &params)
{
    const QByteArray terminated = hash + '\0';
    return crypto_pwhash_str_needs_rehash(terminated.constData(), opsOf(params), memOf(params))
        != 0;
}

QByteArray Credentials::newSecret()
{
    QByteArray raw(32, Qt::Uninitialized);
    randombytes_buf(raw.data(), static_cast<size_t>(raw.size()));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray Credentials::hashSecret(const QByteArray &secret)
{
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()),
        static_cast<size_t>(out.size()),
        reinterpret_cast<const unsigned char *>(secret.constData()),
        static_cast<unsigned long long>(secret.size()), nullptr, 0);
    return out;
}

QString Credentials::makeToken(quint64 deviceId, const QByteArray &secret)
{
    return QString::number(deviceId) + QLatin1Char('.') + QString::fromLatin1(secret);
}

bool Credentials::parseToken(const QString &token, quint64 *deviceId, QByteArray *secret)
{
    const qsizetype dot = token.indexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == token.size() - 1 || token.size() > 200)
        return false;
    bool ok = false;
    *deviceId = token.left(dot).toULongLong(&ok);
    *secret = token.mid(dot + 1).toLatin1();
    return ok && *deviceId != 0;
}

bool Credentials::sameHash(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size()
        && sodium_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace natter::server
