#include "engine/EngineHost.h"

#include <QDateTime>

namespace natter {

EngineHost::~EngineHost()
{
    close();
}

QString EngineHost::open(const QString &profileDir, const QByteArray &key)
{
    try {
        m_store = std::make_unique<Store>(profileDir, key);
    } catch (const StoreError &e) {
        return e.message();
    }
    m_engine = std::make_unique<SyncEngine>(*m_store);
    connect(m_engine.get(), &SyncEngine::stateChanged, this,
        [this](SyncEngine::State s) { emit stateChanged(int(s)); });
    connect(
        m_engine.get(), &SyncEngine::conversationsChanged, this, &EngineHost::conversationsChanged);
    connect(m_engine.get(), &SyncEngine::messagesChanged, this, &EngineHost::messagesChanged);
    connect(
        m_engine.get(), &SyncEngine::conversationCreated, this, &EngineHost::conversationCreated);
    connect(m_engine.get(), &SyncEngine::outboxStateChanged, this, &EngineHost::reportOutbox);
    connect(m_engine.get(), &SyncEngine::authLost, this, &EngineHost::loggedOut);
    connect(m_engine.get(), &SyncEngine::sendFailed, this, &EngineHost::sendFailed);
    connect(
        m_engine.get(), &SyncEngine::joinRequestsChanged, this, &EngineHost::joinRequestsChanged);
    connect(m_engine.get(), &SyncEngine::settingsChanged, this, &EngineHost::settingsChanged);
    connect(m_engine.get(), &SyncEngine::contactsChanged, this, &EngineHost::contactsChanged);
    connect(m_engine.get(), &SyncEngine::profileChanged, this, &EngineHost::profileChanged);
    reportOutbox();
    return {};
}

void EngineHost::authenticate(bool registerNew, const QUrl &server, const QString &user,
    const QString &password, const QString &device, const QByteArray &trustedPem)
{
    if (!m_engine) {
        emit authFinished(notOpen());
        return;
    }
    if (!trustedPem.isEmpty()) {
        if (const QString e = m_engine->account().setTrustedCertificates(trustedPem);
            !e.isEmpty()) {
            emit authFinished(e);
            return;
        }
    }
    auto done = [this](const QString &error) { emit authFinished(error); };
    if (registerNew)
        m_engine->account().registerAccount(server, user, password, device, done);
    else
        m_engine->account().login(server, user, password, device, done);
}

void EngineHost::trustCertificates(const QByteArray &pem)
{
    if (!m_engine)
        return;
    if (const QString e = m_engine->account().setTrustedCertificates(pem); !e.isEmpty()) {
        emit failed(tr("Cannot save the trusted certificate: %1").arg(e));
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

quint64 EngineHost::startDirect(const QString &userName, QString *error)
{
    if (!m_store) {
        *error = notOpen();
        return 0;
    }
    try {
        const quint64 id
            = m_store->conversations().startDirect(userName, QDateTime::currentMSecsSinceEpoch());
        emit conversationsChanged();
        return id;
    } catch (const StoreError &e) {
        *error = e.message();
        return 0;
    }
}

void EngineHost::send(quint64 conversationId, const QString &text)
{
    if (!m_engine)
        return;
    try {
        m_store->outbox().enqueueMessage(conversationId, text);
    } catch (const StoreError &e) {
        emit sendRejected(
            conversationId, text, tr("Cannot queue the message: %1").arg(e.message()));
        return;
    }
    emit messagesChanged(conversationId);
    m_engine->outboxChanged();
}

void EngineHost::retry(const QString &clientId)
{
    if (!m_engine)
        return;
    try {
        if (!m_store->outbox().retry(clientId))
            return;
    } catch (const StoreError &e) {
        emit failed(e.message());
        return;
    }
    m_engine->outboxChanged();
}

void EngineHost::markRead(quint64 conversationId)
{
    if (!m_engine)
        return;
    try {
        const auto summary = m_store->conversations().summary(conversationId);
        if (!summary || summary->unread == 0)
            return;
        if (!m_store->outbox().enqueueRead(conversationId))
            return;
    } catch (const StoreError &e) {
        emit failed(e.message());
        return;
    }
    emit conversationsChanged();
    m_engine->outboxChanged();
}

void EngineHost::saveDraft(quint64 conversationId, const QString &text)
{
    if (!m_store)
        return;
    try {
        m_store->drafts().setDraft(m_store->conversations().resolve(conversationId), text);
    } catch (const StoreError &e) {
        emit failed(e.message());
    }
}

void EngineHost::fetchDevices()
{
    if (!m_engine)
        return;
    m_engine->account().fetchDevices(
        [this](const QList<DeviceInfo> &devices, const QString &error) {
            emit devicesFetched(devices, error);
        });
}

void EngineHost::revokeDevice(quint64 deviceId)
{
    if (!m_engine)
        return;
    m_engine->account().revokeDevice(deviceId, [this](const QString &error) {
        if (!error.isEmpty())
            emit failed(error);
        fetchDevices();
    });
}

void EngineHost::refreshReceipts(quint64 conversationId)
{
    if (m_engine)
        m_engine->receipts().refresh(conversationId);
}

void EngineHost::logout()
{
    if (!m_engine)
        return;
    m_engine->account().logout([this](const QString &error) {
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
        emit outboxPendingChanged(m_store->outbox().pendingMessageCount());
    } catch (const StoreError &e) {
        emit failed(e.message());
    }
}

} // namespace natter
