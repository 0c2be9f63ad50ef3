#include "EngineHost.h"

namespace natter {

EngineHost::~EngineHost()
{
    close();
}

void EngineHost::open(const QString &profileDir, const QByteArray &key)
{
    try {
        m_store = std::make_unique<Store>(profileDir, key);
    } catch (const StoreError &e) {
        emit opened(e.message());
        return;
    }
    m_engine = std::make_unique<SyncEngine>(*m_store);
    connect(m_engine.get(), &SyncEngine::stateChanged, this,
        [this](SyncEngine::State s) { emit stateChanged(int(s)); });
    connect(
        m_engine.get(), &SyncEngine::conversationsChanged, this, &EngineHost::conversationsChanged);
    connect(m_engine.get(), &SyncEngine::messagesChanged, this, &EngineHost::messagesChanged);
    connect(m_engine.get(), &SyncEngine::outboxStateChanged, this, &EngineHost::reportOutbox);
    connect(m_engine.get(), &SyncEngine::authLost, this, &EngineHost::loggedOut);
    emit opened(QString());
    reportOutbox();
}

void EngineHost::authenticate(bool registerNew, const QUrl &server, const QString &user,
    const QString &password, const QString &device, const QByteArray &trustedPem)
{
    if (!m_engine) {
        emit authFinished(tr("the local store is not open"));
        return;
    }
    if (!trustedPem.isEmpty()) {
        if (const QString e = m_engine->setTrustedCertificates(trustedPem); !e.isEmpty()) {
            emit authFinished(e);
            return;
        }
    }
    auto done = [this](const QString &error) { emit authFinished(error); };
    if (registerNew)
        m_engine->registerAccount(server, user, password, device, done);
    else
        m_engine->login(server, user, password, device, done);
}

void EngineHost::trustCertificates(const QByteArray &pem)
{
    if (!m_engine)
        return;
    if (const QString e = m_engine->setTrustedCertificates(pem); !e.isEmpty()) {
        qWarning("cannot save the trusted certificate: %s", qPrintable(e));
        return;
    }
    m_engine->stop(); // the next connection is made with the new trust
    m_engine->start();
}

void EngineHost::start()
{
    if (m_engine)
        m_engine->start();
}

void EngineHost::send(const QString &peer, const QString &text)
{
    if (!m_engine)
        return;
    try {
        m_engine->outbox().enqueueMessage(peer, text);
    } catch (const StoreError &e) {
        emit sendRejected(peer, text, tr("Cannot queue the message: %1").arg(e.message()));
        return;
    }
    emit outboxChanged(peer);
    m_engine->outboxChanged();
}

void EngineHost::retry(const QString &clientId)
{
    if (!m_engine)
        return;
    try {
        if (!m_engine->outbox().retry(clientId))
            return;
    } catch (const StoreError &e) {
        emit failed(e.message());
        return;
    }
    m_engine->outboxChanged();
}

void EngineHost::markRead(const QString &peer)
{
    if (!m_engine)
        return;
    try {
        const auto conv = m_store->conversationForPeer(peer);
        if (!conv)
            return;
        const auto summary = m_store->conversation(*conv);
        if (!summary || summary->unread == 0)
            return;
        m_engine->outbox().enqueueRead(peer);
    } catch (const StoreError &e) {
        emit failed(e.message());
        return;
    }
    emit conversationsChanged();
    m_engine->outboxChanged();
}

void EngineHost::saveDraft(const QString &peer, const QString &text)
{
    if (!m_store)
        return;
    try {
        m_store->setDraft(peer, text);
    } catch (const StoreError &e) {
        emit failed(e.message());
    }
}

void EngineHost::fetchDevices()
{
    if (!m_engine)
        return;
    m_engine->fetchDevices([this](const QList<DeviceInfo> &devices, const QString &error) {
        emit devicesFetched(devices, error);
    });
}

void EngineHost::revokeDevice(quint64 deviceId)
{
    if (!m_engine)
        return;
    m_engine->revokeDevice(deviceId, [this](const QString &error) {
        if (!error.isEmpty())
            emit failed(error);
        fetchDevices();
    });
}

void EngineHost::logout()
{
    if (!m_engine)
        return;
    m_engine->logout([this](const QString &error) {
        if (error.isEmpty())
            emit loggedOut(QString());
        else
            emit failed(tr("Log out failed: %1").arg(error));
    });
}

void EngineHost::close()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    m_store.reset();
}

void EngineHost::reportOutbox()
{
    if (!m_engine)
        return;
    try {
        emit outboxPendingChanged(m_engine->outbox().pendingMessageCount());
    } catch (const StoreError &e) {
        emit failed(e.message());
    }
}

} // namespace natter
