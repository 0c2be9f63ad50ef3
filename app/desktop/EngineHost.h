// EngineHost: owns the sync engine's Store and SyncEngine on a worker thread
// so that the GUI thread never waits on the network or writes to the store.
// Every slot is invoked queued from the GUI thread; every signal reaches the
// GUI thread queued. Nothing here is touched from another thread directly.
#pragma once

#include "store/Store.h"
#include "sync/SyncEngine.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace natter {

class EngineHost : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~EngineHost() override;

public slots:
    void open(const QString &profileDir, const QByteArray &key);
    // trustedPem: certificates to trust for this server (saved in the
    // profile first), or empty.
    void authenticate(bool registerNew, const QUrl &server, const QString &user,
        const QString &password, const QString &device, const QByteArray &trustedPem = {});
    void start();
    // Saves the certificates to trust (empty: none) and reconnects with them.
    void trustCertificates(const QByteArray &pem);
    void send(const QString &peer, const QString &text);
    void retry(const QString &clientId);
    void markRead(const QString &peer);
    void saveDraft(const QString &peer, const QString &text);
    void fetchDevices();
    void revokeDevice(quint64 deviceId);
    void logout();
    // Stops the engine and closes the store; call before the thread ends.
    void close();

signals:
    void opened(const QString &error);
    void authFinished(const QString &error);
    void stateChanged(int state); // SyncEngine::State
    void outboxPendingChanged(int pending);
    void conversationsChanged();
    void messagesChanged(quint64 conversationId);
    void outboxChanged(const QString &peer);
    // The message could not be written to the outbox (e.g. the disk is full).
    void sendRejected(const QString &peer, const QString &text, const QString &error);
    void devicesFetched(const QList<natter::DeviceInfo> &devices, const QString &error);
    void loggedOut(const QString &reason);
    void failed(const QString &message);

private:
    void reportOutbox();

    std::unique_ptr<Store> m_store;
    std::unique_ptr<SyncEngine> m_engine;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::DeviceInfo)
