#include "session/SessionController.h"

#include "protocol/Frame.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QSslCertificate>

namespace natter {

SessionController::SessionController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
    EngineProxy &engine = m_ctx.engine();
    connect(&engine, &EngineProxy::stateChanged, this, [this](int s) {
        m_engineState = s;
        emit connectionStateChanged();
    });
    connect(&engine, &EngineProxy::outboxPendingChanged, this, [this](int n) {
        if (n == m_outboxPending)
            return;
        m_outboxPending = n;
        emit outboxPendingChanged();
    });
    connect(&engine, &EngineProxy::failed, this, &SessionController::setError);
    connect(&engine, &EngineProxy::loggedOut, this, [this](const QString &reason) {
        discardProfile();
        if (!reason.isEmpty())
            setError(tr("This device was logged out: %1").arg(reason));
        setPage(QStringLiteral("setup"));
    });

    if (!m_ctx.options().forcePassphrase) {
        m_keychain.probe([this](bool available, const QString &why) {
            m_keychainAvailable = available;
            m_keychainProblem = why;
            emit keychainAvailableChanged();
        });
    } else {
        m_keychainProblem = tr("The keychain is turned off for this profile.");
    }

    switch (keyMode()) {
    case KeyMode::Passphrase:
        setPage(QStringLiteral("unlock"));
        // For scripted starts and benchmarks, as natter-cli does.
        if (qEnvironmentVariableIsSet("NATTER_PASSPHRASE"))
            unlock(qEnvironmentVariable("NATTER_PASSPHRASE"));
        break;
    case KeyMode::None: setPage(QStringLiteral("setup")); break;
    case KeyMode::Keychain:
        setPage(QStringLiteral("loading"));
        setBusy(true);
        m_keychain.readKey(
            m_ctx.options().profileDir, [this](const QByteArray &key, const QString &error) {
                if (!error.isEmpty() || key.size() != KeyVault::kKeyBytes) {
                    setBusy(false);
                    setError(
                        tr("The key of this profile could not be read from the system keychain "
                           "(%1). Unlock the keychain and restart Natter.")
                            .arg(error.isEmpty() ? tr("wrong size") : error));
                    setPage(QStringLiteral("keychainError"));
                    return;
                }
                openWithKey(key, [this](const QString &err) {
                    setBusy(false);
                    if (!err.isEmpty()) {
                        setError(err);
                        setPage(QStringLiteral("keychainError"));
                        return;
                    }
                    showMain();
                });
            });
        break;
    }
}

QString SessionController::keychainMarker() const
{
    return QDir(m_ctx.options().profileDir).filePath(QStringLiteral("key.keychain"));
}

SessionController::KeyMode SessionController::keyMode() const
{
    if (KeyVault::exists(m_ctx.options().profileDir))
        return KeyMode::Passphrase;
    if (QFile::exists(keychainMarker()))
        return KeyMode::Keychain;
    return KeyMode::None;
}

void SessionController::reloadAccount()
{
    Store *store = m_ctx.store();
    m_account = store ? store->account() : Account {};
    emit accountChanged();
}

void SessionController::openWithKey(
    const QByteArray &key, std::function<void(const QString &)> then)
{
    if (const QString e = m_ctx.openStore(key); !e.isEmpty())
        return then(e);
    reloadAccount();
    m_ctx.engine().open(m_ctx.options().profileDir, key, std::move(then));
}

void SessionController::showMain()
{
    setPage(QStringLiteral("main"));
    m_ctx.engine().start();
}

void SessionController::discardProfile()
{
    m_ctx.engine().close();
    m_ctx.closeStore();
    const QString dir = m_ctx.options().profileDir;
    if (QFile::exists(keychainMarker()))
        m_keychain.deleteKey(dir);
    for (const QString &name :
        { QStringLiteral("key.bin"), QStringLiteral("key.keychain"), QStringLiteral("store.db"),
            QStringLiteral("store.db-wal"), QStringLiteral("store.db-shm") })
        QFile::remove(QDir(dir).filePath(name));
    reloadAccount();
}

QString SessionController::readCertificate(
    const QString &certificateFile, const QUrl &server, QByteArray *pem) const
{
    pem->clear();
    if (certificateFile.isEmpty())
        return {};
    if (server.scheme() != QLatin1String("wss"))
        return tr("A server certificate is only used with wss://.");
    QFile file(certificateFile);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read the certificate file %1: %2")
            .arg(certificateFile, file.errorString());
    *pem = file.read(qint64(1024) * 1024);
    if (QSslCertificate::fromData(*pem, QSsl::Pem).isEmpty())
        return tr("%1 holds no PEM certificate.").arg(certificateFile);
    return {};
}

void SessionController::trustServerCertificate(const QString &certificateFile)
{
    clearError();
    QByteArray pem;
    const QString file = certificateFile.trimmed();
    if (const QString e = readCertificate(file, QUrl(m_account.serverUrl), &pem); !e.isEmpty())
        return setError(e);
    m_ctx.engine().trustCertificates(pem);
}

void SessionController::setupAccount(bool registerNew, const QString &server, const QString &user,
    const QString &password, const QString &device, bool useKeychain, const QString &passphrase,
    const QString &certificateFile)
{
    if (m_busy)
        return;
    clearError();
    const QString name = user.trimmed().toLower();
    const QUrl url(server.trimmed());
    if (!isValidUserName(name))
        return setError(tr("A user name has 1 to 32 lowercase letters, digits, '.', '_' or '-'."));
    if (password.size() < limits::kMinPasswordChars)
        return setError(
            tr("The password needs at least %1 characters.").arg(limits::kMinPasswordChars));
    if (!url.isValid()
        || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss")))
        return setError(tr("The server address starts with ws:// or wss://."));
    if (useKeychain && !m_keychainAvailable)
        return setError(tr("No keychain is available: choose a passphrase."));
    if (!useKeychain && passphrase.size() < 8)
        return setError(tr("The passphrase needs at least 8 characters."));
    if (keyMode() != KeyMode::None)
        return setError(tr("This profile already has an account."));
    QByteArray trustedPem;
    if (const QString e = readCertificate(certificateFile, url, &trustedPem); !e.isEmpty())
        return setError(e);
    const QString deviceName
        = device.trimmed().isEmpty() ? QHostInfo::localHostName() : device.trimmed();
    setBusy(true);

    auto fail = [this](const QString &error) {
        discardProfile();
        setBusy(false);
        setError(error);
    };
    auto signIn = [this, registerNew, url, name, password, deviceName, trustedPem, fail] {
        m_ctx.engine().authenticate(registerNew, url, name, password, deviceName, trustedPem,
            [this, fail](const QString &error) {
                if (!error.isEmpty())
                    return fail(error);
                // The engine's connection saved the account: learn who we are.
                m_ctx.store()->reloadAccount();
                reloadAccount();
                setBusy(false);
                showMain();
            });
    };
    auto open = [this, fail, signIn](const QByteArray &key) {
        openWithKey(key, [fail, signIn](const QString &error) {
            if (!error.isEmpty())
                return fail(error);
            signIn();
        });
    };
    const QString dir = m_ctx.options().profileDir;
    m_ctx.engine().createKey(dir, useKeychain, passphrase,
        [this, useKeychain, dir, open, fail](const QByteArray &key, const QString &error) {
            if (!error.isEmpty())
                return fail(error);
            if (!useKeychain)
                return open(key);
            m_keychain.writeKey(dir, key, [this, key, dir, open, fail](const QString &kcError) {
                if (!kcError.isEmpty())
                    return fail(tr("The system keychain refused the key: %1").arg(kcError));
                QDir().mkpath(dir);
                QFile marker(keychainMarker());
                if (!marker.open(QIODevice::WriteOnly)
                    || marker.write("The key of this store is in the system keychain.\n") < 0)
                    return fail(tr("Cannot write to %1").arg(dir));
                marker.close();
                open(key);
            });
        });
}

void SessionController::unlock(const QString &passphrase)
{
    if (m_busy)
        return;
    clearError();
    setBusy(true);
    m_ctx.engine().unlockKey(m_ctx.options().profileDir, passphrase,
        [this](const QByteArray &key, const QString &error, bool wrongPassphrase) {
            if (!error.isEmpty()) {
                setBusy(false);
                return setError(wrongPassphrase ? tr("Wrong passphrase.") : error);
            }
            openWithKey(key, [this](const QString &err) {
                setBusy(false);
                if (!err.isEmpty())
                    return setError(err);
                showMain();
            });
        });
}

void SessionController::logout()
{
    m_ctx.engine().logout();
}

void SessionController::setPage(const QString &page)
{
    if (page == m_page)
        return;
    m_page = page;
    emit pageChanged();
}

void SessionController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void SessionController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

void SessionController::clearError()
{
    setError(QString());
}

QString SessionController::connectionState() const
{
    switch (SyncEngine::State(m_engineState)) {
    case SyncEngine::State::Offline: return QStringLiteral("offline");
    case SyncEngine::State::Connecting: return QStringLiteral("connecting");
    case SyncEngine::State::Syncing:
    case SyncEngine::State::Online: return QStringLiteral("connected");
    case SyncEngine::State::LoggedOut: return QStringLiteral("loggedOut");
    }
    return QStringLiteral("offline");
}

} // namespace natter
