#include "gateway/TlsConfig.h"

#include "common/Logging.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>

#include <openssl/crypto.h>

namespace natter::server {

namespace {

QString readFile(const QString &path, const char *what, QByteArray *data)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the TLS %1 file %2: %3")
            .arg(QLatin1String(what), path, f.errorString());
    *data = f.readAll();
    return {};
}

// Accepts one connection and keeps its descriptor.
class ProbeListener : public QTcpServer
{
public:
    qintptr descriptor = -1;

protected:
    void incomingConnection(qintptr d) override { descriptor = d; }
};

// Qt builds the OpenSSL context, which checks that the key certifies the
// certificate, only when a connected socket starts encryption; do that once
// on a loopback connection so a mismatch stops start-up instead of failing
// every client's handshake.
bool keyMismatch(const QSslConfiguration &config)
{
    ProbeListener probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return false;
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, probe.serverPort());
    if (!probe.waitForNewConnection(2000) || probe.descriptor < 0) {
        qCWarning(lcGateway) << "could not check the TLS key on a loopback connection";
        return false;
    }
    QSslSocket server;
    if (!server.setSocketDescriptor(probe.descriptor))
        return false;
    server.setSslConfiguration(config);
    server.startServerEncryption();
    const bool bad = server.error() == QAbstractSocket::SslInvalidUserDataError
        || server.error() == QAbstractSocket::SslInternalError;
    server.abort();
    return bad;
}

} // namespace

QString loadTlsConfiguration(
    const QString &certFile, const QString &keyFile, QSslConfiguration *out)
{
    if (!QSslSocket::supportsSsl())
        return QStringLiteral("TLS is not available (no TLS backend for Qt: %1)")
            .arg(QSslSocket::activeBackend());
    QByteArray certPem, keyPem;
    if (QString e = readFile(certFile, "certificate", &certPem); !e.isEmpty())
        return e;
    if (QString e = readFile(keyFile, "key", &keyPem); !e.isEmpty())
        return e;

    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return QStringLiteral("%1 holds no PEM certificate").arg(certFile);
    if (!keyPem.contains("-----BEGIN"))
        return QStringLiteral("%1 holds no PEM private key").arg(keyFile);
    if (keyPem.contains("ENCRYPTED"))
        return QStringLiteral("%1 is passphrase-protected; natterd needs an unencrypted key")
            .arg(keyFile);
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return QStringLiteral("%1 holds no usable PEM private key (RSA, EC or DSA)").arg(keyFile);
    if (key.algorithm() != chain.first().publicKey().algorithm())
        return QStringLiteral("the key in %1 does not belong to the certificate in %2")
            .arg(keyFile, certFile);
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc())
        qCWarning(lcGateway) << "the TLS certificate expired on" << chain.first().expiryDate();

    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setLocalCertificateChain(chain);
    c.setPrivateKey(key);
    c.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    c.setProtocol(QSsl::TlsV1_2OrLater);
    if (keyMismatch(c))
        return QStringLiteral("the key in %1 does not belong to the certificate in %2")
            .arg(keyFile, certFile);
    *out = c;
    return {};
}

void releaseTlsThreadState()
{
    OPENSSL_thread_stop();
}

} // namespace natter::server
