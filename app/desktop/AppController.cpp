#include "AppController.h"

#include "protocol/Frame.h"
#include "store/KeyVault.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QHostInfo>
#include <QPalette>
#include <QSettings>
#include <QSslCertificate>

namespace natter {

namespace {
AppController *s_instance = nullptr;
constexpr int kRefreshCoalesceMs = 30;
constexpr int kMaxNotificationsPerRefresh = 3;
} // namespace

AppController::AppController(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    qRegisterMetaType<QList<DeviceInfo>>();
    m_theme = QSettings().value(QStringLiteral("theme"), QStringLiteral("system")).toString();
    m_devices = new DeviceListModel(this);
    m_notifier = new Notifier(this);
    connect(m_notifier, &Notifier::activated, this, [this](const QString &peer) {
        emit raiseRequested();
        if (!peer.isEmpty())
            setCurrentPeer(peer);
        emit notificationClicked(peer);
    });
    connect(m_notifier, &Notifier::trayActivated, this, &AppController::raiseRequested);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshCoalesceMs);
    connect(&m_refresh, &QTimer::timeout, this, &AppController::refreshNow);

    startEngineThread();

    if (!m_options.forcePassphrase) {
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
            m_options.profileDir, [this](const QByteArray &key, const QString &error) {
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
                    setPage(QStringLiteral("main"));
                    QMetaObject::invokeMethod(m_host, &EngineHost::start, Qt::QueuedConnection);
                });
            });
        break;
    }
}

AppController::~AppController()
{
    stopEngineThread();
    s_instance = nullptr;
}

AppController *AppController::instance()
{
    return s_instance;
}

AppController *AppController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    Q_ASSERT(QThread::currentThread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

// --- engine thread -------------------------------------------------------------

void AppController::startEngineThread()
{
    m_engineThread.setObjectName(QStringLiteral("natter-sync"));
    m_host = new EngineHost;
    m_host->moveToThread(&m_engineThread);
    connect(&m_engineThread, &QThread::finished, m_host, &QObject::deleteLater);
    connect(m_host, &EngineHost::stateChanged, this, [this](int s) {
        m_engineState = s;
        emit connectionStateChanged();
        if (SyncEngine::State(s) == SyncEngine::State::Online)
            scheduleRefresh(true);
    });
    connect(m_host, &EngineHost::outboxPendingChanged, this, [this](int n) {
        if (n != m_outboxPending) {
            m_outboxPending = n;
            emit outboxPendingChanged();
        }
        scheduleRefresh(true);
    });
    connect(m_host, &EngineHost::conversationsChanged, this, [this] { scheduleRefresh(false); });
    connect(m_host, &EngineHost::messagesChanged, this, [this](quint64) { scheduleRefresh(true); });
    connect(m_host, &EngineHost::outboxChanged, this,
        [this](const QString &peer) { scheduleRefresh(peer == m_currentPeer); });
    connect(m_host, &EngineHost::devicesFetched, this,
        [this](const QList<DeviceInfo> &devices, const QString &error) {
            if (!error.isEmpty())
                setError(tr("Cannot list the devices: %1").arg(error));
            else
                m_devices->setDevices(devices);
        });
    connect(m_host, &EngineHost::failed, this, &AppController::setError);
    connect(m_host, &EngineHost::sendRejected, this,
        [this](const QString &peer, const QString &text, const QString &error) {
            setError(error);
            if (draft(peer).isEmpty())
                setDraft(peer, text); // nothing typed is lost
            emit sendRejected(peer, text);
        });
    connect(m_host, &EngineHost::loggedOut, this, [this](const QString &reason) {
        // This device is no longer part of the account: its local copy goes.
        discardNewProfile();
        m_account = {};
        emit accountChanged();
        if (!reason.isEmpty())
            setError(tr("This device was logged out: %1").arg(reason));
        setPage(QStringLiteral("setup"));
    });
    m_engineThread.start();
}

void AppController::stopEngineThread()
{
    if (!m_engineThread.isRunning())
        return;
    QMetaObject::invokeMethod(m_host, &EngineHost::close, Qt::BlockingQueuedConnection);
    m_engineThread.quit();
    m_engineThread.wait();
}

// --- profile and key -------------------------------------------------------------

QString AppController::keychainMarker() const
{
    return QDir(m_options.profileDir).filePath(QStringLiteral("key.keychain"));
}

AppController::KeyMode AppController::keyMode() const
{
    if (KeyVault::exists(m_options.profileDir))
        return KeyMode::Passphrase;
    if (QFile::exists(keychainMarker()))
        return KeyMode::Keychain;
    return KeyMode::None;
}

void AppController::openWithKey(const QByteArray &key, std::function<void(const QString &)> then)
{
    try {
        m_store = std::make_unique<Store>(m_options.profileDir, key);
    } catch (const StoreError &e) {
        then(e.kind() == StoreError::Kind::WrongKey
                ? tr("The local store is damaged or not a Natter store (%1).")
                      .arg(Store::databasePath(m_options.profileDir))
                : e.message());
        return;
    }
    m_account = m_store->account();
    m_deviceName = m_account.deviceName;
    m_conversations = std::make_unique<ConversationListModel>(*m_store);
    m_messages = std::make_unique<MessageListModel>(*m_store);
    m_messages->setPeer(m_currentPeer);
    emit modelsChanged();
    emit accountChanged();
    m_lastUnread.clear();
    for (int r = 0; r < m_conversations->rowCount(); ++r) {
        const QModelIndex i = m_conversations->index(r);
        m_lastUnread.insert(i.data(ConversationListModel::ConversationIdRole).toULongLong(),
            i.data(ConversationListModel::UnreadRole).toInt());
    }
    m_notifier->setUnread(m_conversations->unreadTotal());
    if (!m_firstScreenSent) {
        m_firstScreenSent = true;
        emit firstScreenReady();
    }
    const QString dir = m_options.profileDir;
    QMetaObject::invokeMethod(
        m_host,
        [this, host = m_host, dir, key, then] {
            // On the engine thread: open its own connection to the store.
            QMetaObject::Connection c
                = connect(host, &EngineHost::opened, host, [this, then](const QString &error) {
                      QMetaObject::invokeMethod(
                          this, [then, error] { then(error); }, Qt::QueuedConnection);
                  });
            host->open(dir, key);
            disconnect(c);
        },
        Qt::QueuedConnection);
}

void AppController::discardNewProfile()
{
    QMetaObject::invokeMethod(m_host, &EngineHost::close, Qt::BlockingQueuedConnection);
    m_messages.reset();
    m_conversations.reset();
    emit modelsChanged();
    m_store.reset();
    if (QFile::exists(keychainMarker()))
        m_keychain.deleteKey(m_options.profileDir);
    const QDir dir(m_options.profileDir);
    for (const QString &name :
        { QStringLiteral("key.bin"), QStringLiteral("key.keychain"), QStringLiteral("store.db"),
            QStringLiteral("store.db-wal"), QStringLiteral("store.db-shm") })
        QFile::remove(dir.filePath(name));
    m_currentPeer.clear();
    m_drafts.clear();
    emit currentPeerChanged();
}

QString AppController::readCertificate(
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
    *pem = file.read(1024 * 1024);
    if (QSslCertificate::fromData(*pem, QSsl::Pem).isEmpty())
        return tr("%1 holds no PEM certificate.").arg(certificateFile);
    return {};
}

void AppController::trustServerCertificate(const QString &certificateFile)
{
    clearError();
    QByteArray pem;
    const QString file = certificateFile.trimmed();
    if (const QString e = readCertificate(file, QUrl(m_account.serverUrl), &pem); !e.isEmpty())
        return setError(e);
    QMetaObject::invokeMethod(
        m_host, [host = m_host, pem] { host->trustCertificates(pem); }, Qt::QueuedConnection);
}

void AppController::setupAccount(bool registerNew, const QString &server, const QString &user,
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
        discardNewProfile();
        setBusy(false);
        setError(error);
    };
    auto authenticate = [this, registerNew, url, name, password, deviceName, trustedPem, fail] {
        QMetaObject::invokeMethod(
            m_host,
            [this, host = m_host, registerNew, url, name, password, deviceName, trustedPem, fail] {
                auto c = std::make_shared<QMetaObject::Connection>();
                *c = connect(
                    host, &EngineHost::authFinished, host, [this, c, fail](const QString &error) {
                        disconnect(*c);
                        QMetaObject::invokeMethod(
                            this,
                            [this, error, fail] {
                                if (!error.isEmpty())
                                    return fail(error);
                                // The engine's connection saved the account: learn who we are.
                                m_store->reloadAccount();
                                scheduleRefresh(true);
                                m_account = m_store->account();
                                m_deviceName = m_account.deviceName;
                                emit accountChanged();
                                setBusy(false);
                                setPage(QStringLiteral("main"));
                                QMetaObject::invokeMethod(
                                    m_host, &EngineHost::start, Qt::QueuedConnection);
                            },
                            Qt::QueuedConnection);
                    });
                host->authenticate(registerNew, url, name, password, deviceName, trustedPem);
            },
            Qt::QueuedConnection);
    };
    auto open = [this, fail, authenticate](const QByteArray &key) {
        openWithKey(key, [fail, authenticate](const QString &error) {
            if (!error.isEmpty())
                return fail(error);
            authenticate();
        });
    };
    const QString dir = m_options.profileDir;
    QMetaObject::invokeMethod(
        m_host,
        [this, dir, useKeychain, passphrase, open, fail] {
            // Key derivation takes a while: on the engine thread, not the GUI's.
            QByteArray key;
            QString error;
            try {
                key = useKeychain ? KeyVault::randomKey() : KeyVault::create(dir, passphrase);
            } catch (const StoreError &e) {
                error = e.message();
            }
            QMetaObject::invokeMethod(
                this,
                [this, key, error, useKeychain, open, fail, dir] {
                    if (!error.isEmpty())
                        return fail(error);
                    if (!useKeychain)
                        return open(key);
                    m_keychain.writeKey(dir, key, [this, key, open, fail](const QString &kcError) {
                        if (!kcError.isEmpty())
                            return fail(tr("The system keychain refused the key: %1").arg(kcError));
                        QDir().mkpath(m_options.profileDir);
                        QFile marker(keychainMarker());
                        if (!marker.open(QIODevice::WriteOnly)
                            || marker.write("The key of this store is in the system keychain.\n")
                                < 0)
                            return fail(tr("Cannot write to %1").arg(m_options.profileDir));
                        marker.close();
                        open(key);
                    });
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void AppController::unlock(const QString &passphrase)
{
    if (m_busy)
        return;
    clearError();
    setBusy(true);
    const QString dir = m_options.profileDir;
    QMetaObject::invokeMethod(
        m_host,
        [this, dir, passphrase] {
            QByteArray key;
            QString error;
            try {
                key = KeyVault::unlock(dir, passphrase);
            } catch (const StoreError &e) {
                error = e.kind() == StoreError::Kind::WrongKey ? tr("Wrong passphrase.")
                                                               : e.message();
            }
            QMetaObject::invokeMethod(
                this,
                [this, key, error] {
                    if (!error.isEmpty()) {
                        setBusy(false);
                        return setError(error);
                    }
                    openWithKey(key, [this](const QString &err) {
                        setBusy(false);
                        if (!err.isEmpty())
                            return setError(err);
                        setPage(QStringLiteral("main"));
                        QMetaObject::invokeMethod(m_host, &EngineHost::start, Qt::QueuedConnection);
                    });
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

// --- state -----------------------------------------------------------------------

void AppController::setPage(const QString &page)
{
    if (page == m_page)
        return;
    m_page = page;
    emit pageChanged();
}

void AppController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void AppController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

void AppController::clearError()
{
    setError(QString());
}

QString AppController::connectionState() const
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

void AppController::setCurrentPeer(const QString &peer)
{
    if (peer == m_currentPeer)
        return;
    m_currentPeer = peer;
    if (m_messages)
        m_messages->setPeer(peer);
    emit currentPeerChanged();
    markRead();
}

void AppController::setTheme(const QString &theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    QSettings().setValue(QStringLiteral("theme"), theme);
    emit themeChanged();
}

bool AppController::dark() const
{
    if (m_theme == QLatin1String("dark"))
        return true;
    if (m_theme == QLatin1String("light"))
        return false;
    // Qt 6.4 has no colour-scheme hint: follow the platform palette.
    if (qEnvironmentVariable("GTK_THEME").endsWith(QLatin1String(":dark")))
        return true;
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

// --- actions ---------------------------------------------------------------------

void AppController::send(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_currentPeer.isEmpty() || trimmed.isEmpty())
        return;
    if (trimmed.size() > limits::kMaxTextChars)
        return setError(tr("The message is too long (%1 characters; the limit is %2).")
                            .arg(trimmed.size())
                            .arg(limits::kMaxTextChars));
    QMetaObject::invokeMethod(m_host, "send", Qt::QueuedConnection, Q_ARG(QString, m_currentPeer),
        Q_ARG(QString, trimmed));
    setDraft(m_currentPeer, QString());
}

bool AppController::openChat(const QString &user)
{
    QString name = user.trimmed().toLower();
    if (name.startsWith(QLatin1Char('@')))
        name.remove(0, 1);
    if (!isValidUserName(name)) {
        setError(tr("“%1” is not a valid user name.").arg(user));
        return false;
    }
    if (name == m_account.user) {
        setError(tr("That is you."));
        return false;
    }
    clearError();
    setCurrentPeer(name);
    return true;
}

void AppController::retry(const QString &clientId)
{
    QMetaObject::invokeMethod(m_host, "retry", Qt::QueuedConnection, Q_ARG(QString, clientId));
}

void AppController::loadOlder()
{
    if (m_messages && m_messages->canFetchMore({}))
        m_messages->fetchMore({});
}

void AppController::setWindowActive(bool active)
{
    if (active == m_windowActive)
        return;
    m_windowActive = active;
    if (active)
        markRead();
}

void AppController::markRead()
{
    if (m_currentPeer.isEmpty() || !m_windowActive)
        return;
    QMetaObject::invokeMethod(
        m_host, "markRead", Qt::QueuedConnection, Q_ARG(QString, m_currentPeer));
}

void AppController::setDraft(const QString &peer, const QString &text)
{
    if (peer.isEmpty() || m_drafts.value(peer) == text)
        return;
    m_drafts.insert(peer, text);
    QMetaObject::invokeMethod(
        m_host, "saveDraft", Qt::QueuedConnection, Q_ARG(QString, peer), Q_ARG(QString, text));
}

QString AppController::draft(const QString &peer)
{
    if (peer.isEmpty() || !m_store)
        return {};
    const auto it = m_drafts.constFind(peer);
    if (it != m_drafts.constEnd())
        return *it;
    QString text;
    try {
        text = m_store->draft(peer);
    } catch (const StoreError &e) {
        setError(e.message());
    }
    m_drafts.insert(peer, text);
    return text;
}

void AppController::refreshDevices()
{
    QMetaObject::invokeMethod(m_host, &EngineHost::fetchDevices, Qt::QueuedConnection);
}

void AppController::revokeDevice(const QString &deviceId)
{
    QMetaObject::invokeMethod(
        m_host, "revokeDevice", Qt::QueuedConnection, Q_ARG(quint64, deviceId.toULongLong()));
}

void AppController::logout()
{
    QMetaObject::invokeMethod(m_host, &EngineHost::logout, Qt::QueuedConnection);
}

// --- refresh and notifications ---------------------------------------------------

void AppController::scheduleRefresh(bool messages)
{
    m_refreshMessages = m_refreshMessages || messages;
    if (!m_refresh.isActive())
        m_refresh.start();
}

void AppController::refreshNow()
{
    if (!m_conversations)
        return;
    m_conversations->refresh();
    if (m_refreshMessages && m_messages)
        m_messages->refresh();
    m_refreshMessages = false;
    m_notifier->setUnread(m_conversations->unreadTotal());
    notifyNew();
}

void AppController::notifyNew()
{
    int shown = 0;
    bool currentHasUnread = false;
    for (int r = 0; r < m_conversations->rowCount(); ++r) {
        const QModelIndex i = m_conversations->index(r);
        const quint64 id = i.data(ConversationListModel::ConversationIdRole).toULongLong();
        const int unread = i.data(ConversationListModel::UnreadRole).toInt();
        const QString peer = i.data(ConversationListModel::TitleRole).toString();
        const auto before = m_lastUnread.constFind(id);
        const bool grew = before != m_lastUnread.constEnd() ? unread > *before : unread > 0;
        m_lastUnread.insert(id, unread);
        const bool inView = peer == m_currentPeer && m_windowActive;
        if (inView && unread > 0)
            currentHasUnread = true;
        if (!grew || inView || shown >= kMaxNotificationsPerRefresh)
            continue;
        ++shown;
        m_notifier->notify(peer, i.data(ConversationListModel::LastFromRole).toString(),
            i.data(ConversationListModel::LastTextRole).toString());
    }
    if (currentHasUnread)
        markRead();
}

} // namespace natter
