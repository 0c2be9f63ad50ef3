#include "engine/EngineProxy.h"

#include "store/KeyVault.h"

#include <tuple>

namespace natter {

EngineProxy::EngineProxy(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QList<DeviceInfo>>();
    m_thread.setObjectName(QStringLiteral("natter-sync"));
    m_host = new EngineHost;
    m_host->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    connect(m_host, &EngineHost::stateChanged, this, &EngineProxy::stateChanged);
    connect(m_host, &EngineHost::outboxPendingChanged, this, &EngineProxy::outboxPendingChanged);
    connect(m_host, &EngineHost::conversationsChanged, this, &EngineProxy::conversationsChanged);
    connect(m_host, &EngineHost::messagesChanged, this, &EngineProxy::messagesChanged);
    connect(m_host, &EngineHost::conversationCreated, this, &EngineProxy::conversationCreated);
    connect(m_host, &EngineHost::sendRejected, this, &EngineProxy::sendRejected);
    connect(m_host, &EngineHost::devicesFetched, this, &EngineProxy::devicesFetched);
    connect(m_host, &EngineHost::loggedOut, this, &EngineProxy::loggedOut);
    connect(m_host, &EngineHost::failed, this, &EngineProxy::failed);
    connect(m_host, &EngineHost::sendFailed, this, &EngineProxy::sendFailed);
    connect(m_host, &EngineHost::joinRequestsChanged, this, &EngineProxy::joinRequestsChanged);
    connect(m_host, &EngineHost::settingsChanged, this, &EngineProxy::settingsChanged);
    connect(m_host, &EngineHost::contactsChanged, this, &EngineProxy::contactsChanged);
    connect(m_host, &EngineHost::profileChanged, this, &EngineProxy::profileChanged);
    m_thread.start();
}

EngineProxy::~EngineProxy()
{
    close();
    m_thread.quit();
    m_thread.wait();
}

template<class F> void EngineProxy::onEngine(F &&f)
{
    QMetaObject::invokeMethod(
        m_host, [host = m_host, f = std::forward<F>(f)] { f(*host); }, Qt::QueuedConnection);
}

template<class F, class A> void EngineProxy::ask(F &&f, A &&answer)
{
    // `this` outlives the engine thread (the destructor stops it first), so
    // an answer is never posted to a proxy that is gone.
    onEngine([this, f = std::forward<F>(f), answer = std::forward<A>(answer)](EngineHost &host) {
        auto result = f(host);
        QMetaObject::invokeMethod(
            this, [answer, result] { std::apply(answer, result); }, Qt::QueuedConnection);
    });
}

template<class F> void EngineProxy::askQueued(F &&f, Queued done)
{
    ask(
        [f = std::forward<F>(f)](EngineHost &host) {
            QString error;
            QString clientId = f(host, &error);
            return std::make_tuple(clientId, error);
        },
        std::move(done));
}

template<class F, class A> void EngineProxy::askAsync(F &&f, A &&answer)
{
    onEngine([this, f = std::forward<F>(f), answer = std::forward<A>(answer)](EngineHost &host) {
        f(host, [this, answer](const auto &...results) {
            QMetaObject::invokeMethod(
                this, [answer, results...] { answer(results...); }, Qt::QueuedConnection);
        });
    });
}

void EngineProxy::createKey(const QString &profileDir, bool forKeychain, const QString &passphrase,
    std::function<void(const QByteArray &, const QString &)> done)
{
    ask(
        [profileDir, forKeychain, passphrase](EngineHost &) {
            // Key derivation takes a while: here, not on the GUI thread.
            try {
                return std::make_tuple(
                    forKeychain ? KeyVault::randomKey() : KeyVault::create(profileDir, passphrase),
                    QString());
            } catch (const StoreError &e) {
                return std::make_tuple(QByteArray(), e.message());
            }
        },
        std::move(done));
}

void EngineProxy::unlockKey(const QString &profileDir, const QString &passphrase,
    std::function<void(const QByteArray &, const QString &, bool)> done)
{
    ask(
        [profileDir, passphrase](EngineHost &) {
            try {
                return std::make_tuple(KeyVault::unlock(profileDir, passphrase), QString(), false);
            } catch (const StoreError &e) {
                return std::make_tuple(
                    QByteArray(), e.message(), e.kind() == StoreError::Kind::WrongKey);
            }
        },
        std::move(done));
}

void EngineProxy::open(
    const QString &profileDir, const QByteArray &key, std::function<void(const QString &)> done)
{
    ask([profileDir, key](EngineHost &host) { return std::make_tuple(host.open(profileDir, key)); },
        std::move(done));
}

void EngineProxy::authenticate(bool registerNew, const QUrl &server, const QString &user,
    const QString &password, const QString &device, const QByteArray &trustedPem,
    std::function<void(const QString &)> done)
{
    // The answer comes as the host's authFinished, once per call.
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_host, &EngineHost::authFinished, this,
        [once, done = std::move(done)](const QString &error) {
            QObject::disconnect(*once);
            done(error);
        });
    onEngine([=](EngineHost &host) {
        host.authenticate(registerNew, server, user, password, device, trustedPem);
    });
}

void EngineProxy::start()
{
    onEngine([](EngineHost &host) { host.start(); });
}

void EngineProxy::close()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_host, [host = m_host] { host->close(); }, Qt::BlockingQueuedConnection);
}

void EngineProxy::trustCertificates(const QByteArray &pem)
{
    onEngine([pem](EngineHost &host) { host.trustCertificates(pem); });
}

void EngineProxy::startDirect(
    const QString &userName, std::function<void(quint64, const QString &)> done)
{
    ask(
        [userName](EngineHost &host) {
            QString error;
            const quint64 id = host.startDirect(userName, &error);
            return std::make_tuple(id, error);
        },
        std::move(done));
}

void EngineProxy::send(quint64 conversationId, const QString &text)
{
    onEngine([conversationId, text](EngineHost &host) { host.send(conversationId, text); });
}

void EngineProxy::retry(const QString &clientId)
{
    onEngine([clientId](EngineHost &host) { host.retry(clientId); });
}

void EngineProxy::markRead(quint64 conversationId)
{
    onEngine([conversationId](EngineHost &host) { host.markRead(conversationId); });
}

void EngineProxy::saveDraft(quint64 conversationId, const QString &text)
{
    onEngine([conversationId, text](EngineHost &host) { host.saveDraft(conversationId, text); });
}

void EngineProxy::fetchDevices()
{
    onEngine([](EngineHost &host) { host.fetchDevices(); });
}

void EngineProxy::revokeDevice(quint64 deviceId)
{
    onEngine([deviceId](EngineHost &host) { host.revokeDevice(deviceId); });
}

void EngineProxy::refreshReceipts(quint64 conversationId)
{
    onEngine([conversationId](EngineHost &host) { host.refreshReceipts(conversationId); });
}

void EngineProxy::logout()
{
    onEngine([](EngineHost &host) { host.logout(); });
}

void EngineProxy::createGroup(const QString &name, const QStringList &members, const QString &join,
    const QString &history, std::function<void(quint64, const QString &)> done)
{
    ask(
        [=](EngineHost &host) {
            QString error;
            const quint64 id = host.createGroup(name, members, join, history, &error);
            return std::make_tuple(id, error);
        },
        std::move(done));
}

void EngineProxy::fetchGroupInfo(
    quint64 conversationId, std::function<void(const GroupInfo &, const QString &)> done)
{
    askAsync([conversationId](
                 EngineHost &host, auto reply) { host.fetchGroupInfo(conversationId, reply); },
        std::move(done));
}

void EngineProxy::searchGroups(
    const QString &text, std::function<void(const QList<GroupSummary> &, const QString &)> done)
{
    askAsync(
        [text](EngineHost &host, auto reply) { host.searchGroups(text, reply); }, std::move(done));
}

void EngineProxy::fetchJoinRequests(quint64 conversationId,
    std::function<void(const QList<JoinRequestInfo> &, const QString &)> done)
{
    askAsync([conversationId](
                 EngineHost &host, auto reply) { host.fetchJoinRequests(conversationId, reply); },
        std::move(done));
}

void EngineProxy::queueGroupAction(
    quint64 conversationId, const proto::GroupActionRequest &action, Queued done)
{
    askQueued([conversationId, action](EngineHost &host,
                  QString *error) { return host.queueGroupAction(conversationId, action, error); },
        std::move(done));
}

void EngineProxy::queueSettings(const PrivacySettings &settings, int change, Queued done)
{
    askQueued([settings, change](EngineHost &host,
                  QString *error) { return host.queueSettings(settings, change, error); },
        std::move(done));
}

void EngineProxy::queueFriendAction(
    const QString &user, PeopleRequests::Action action, const QString &note, Queued done)
{
    askQueued([user, action, note](EngineHost &host,
                  QString *error) { return host.queueFriendAction(user, action, note, error); },
        std::move(done));
}

void EngineProxy::queueProfile(const OwnProfile &profile, Queued done)
{
    askQueued(
        [profile](EngineHost &host, QString *error) { return host.queueProfile(profile, error); },
        std::move(done));
}

void EngineProxy::fetchFriends(
    std::function<void(const QList<ContactInfo> &, const QString &)> done)
{
    askAsync([](EngineHost &host, auto reply) { host.fetchFriends(reply); }, std::move(done));
}

void EngineProxy::fetchProfile(
    const QString &user, std::function<void(const ProfileInfo &, const QString &)> done)
{
    askAsync(
        [user](EngineHost &host, auto reply) { host.fetchProfile(user, reply); }, std::move(done));
}

void EngineProxy::searchUsers(
    const QString &query, std::function<void(const QList<ProfileInfo> &, const QString &)> done)
{
    askAsync(
        [query](EngineHost &host, auto reply) { host.searchUsers(query, reply); }, std::move(done));
}

} // namespace natter
