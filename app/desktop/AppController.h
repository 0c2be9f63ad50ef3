// AppController, the QML singleton `App`: the state of the desktop app
// (which page, connection, account) and the user's actions. It holds no
// sync logic: actions go queued to the EngineHost on its worker thread,
// and the UI reads the models, which read the GUI thread's own Store.
// Lives on the GUI thread.
#pragma once

#include "EngineHost.h"
#include "KeychainStore.h"
#include "Notifier.h"
#include "models/ConversationListModel.h"
#include "models/DeviceListModel.h"
#include "models/MessageListModel.h"

#include <QHash>
#include <QObject>
#include <QQmlEngine>
#include <QThread>
#include <QTimer>

#include <memory>

namespace natter {

class AppController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON

    Q_PROPERTY(QString page READ page NOTIFY pageChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable NOTIFY keychainAvailableChanged)
    Q_PROPERTY(QString keychainProblem READ keychainProblem NOTIFY keychainAvailableChanged)
    Q_PROPERTY(QString connectionState READ connectionState NOTIFY connectionStateChanged)
    Q_PROPERTY(int outboxPending READ outboxPending NOTIFY outboxPendingChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY accountChanged)
    Q_PROPERTY(QString deviceName READ deviceName NOTIFY accountChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY accountChanged)
    Q_PROPERTY(QString currentPeer READ currentPeer WRITE setCurrentPeer NOTIFY currentPeerChanged)
    Q_PROPERTY(natter::ConversationListModel *conversations READ conversations NOTIFY modelsChanged)
    Q_PROPERTY(natter::MessageListModel *messages READ messages NOTIFY modelsChanged)
    Q_PROPERTY(natter::DeviceListModel *devices READ devices CONSTANT)
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
    Q_PROPERTY(bool dark READ dark NOTIFY themeChanged)

public:
    struct Options
    {
        QString profileDir;
        bool forcePassphrase = false; // do not offer the keychain
    };

    explicit AppController(const Options &options, QObject *parent = nullptr);
    ~AppController() override;

    // The one instance, created by main() before the QML engine loads.
    static AppController *instance();
    static AppController *create(QQmlEngine *, QJSEngine *);

    QString page() const { return m_page; }
    bool busy() const { return m_busy; }
    QString lastError() const { return m_lastError; }
    bool keychainAvailable() const { return m_keychainAvailable; }
    QString keychainProblem() const { return m_keychainProblem; }
    QString connectionState() const;
    int outboxPending() const { return m_outboxPending; }
    QString userName() const { return m_account.user; }
    QString deviceName() const { return m_deviceName; }
    QString serverUrl() const { return m_account.serverUrl; }
    QString currentPeer() const { return m_currentPeer; }
    void setCurrentPeer(const QString &peer);
    ConversationListModel *conversations() const { return m_conversations.get(); }
    MessageListModel *messages() const { return m_messages.get(); }
    DeviceListModel *devices() const { return m_devices; }
    QString theme() const { return m_theme; }
    void setTheme(const QString &theme);
    bool dark() const;

    // certificateFile: a PEM file to trust for this (wss://) server, or "".
    Q_INVOKABLE void setupAccount(bool registerNew, const QString &server, const QString &user,
        const QString &password, const QString &device, bool useKeychain, const QString &passphrase,
        const QString &certificateFile = {});
    // Trusts the certificate(s) in this PEM file for the account's wss://
    // server from now on ("": the system's authorities only) and reconnects.
    Q_INVOKABLE void trustServerCertificate(const QString &certificateFile);
    Q_INVOKABLE void unlock(const QString &passphrase);
    Q_INVOKABLE void send(const QString &text);
    Q_INVOKABLE bool openChat(const QString &user);
    Q_INVOKABLE void retry(const QString &clientId);
    Q_INVOKABLE void loadOlder();
    Q_INVOKABLE void markRead();
    Q_INVOKABLE void setDraft(const QString &peer, const QString &text);
    Q_INVOKABLE QString draft(const QString &peer);
    Q_INVOKABLE void refreshDevices();
    Q_INVOKABLE void revokeDevice(const QString &deviceId);
    Q_INVOKABLE void logout();
    Q_INVOKABLE void clearError();
    // Whether the window is in front (set by main): the open chat is then
    // marked read and not notified.
    void setWindowActive(bool active);

signals:
    void pageChanged();
    void busyChanged();
    void lastErrorChanged();
    void keychainAvailableChanged();
    void connectionStateChanged();
    void outboxPendingChanged();
    void accountChanged();
    void currentPeerChanged();
    void modelsChanged();
    void themeChanged();
    void notificationClicked(const QString &peer);
    // A message could not be queued: its text is back in the draft.
    void sendRejected(const QString &peer, const QString &text);
    void raiseRequested();
    // Emitted once the first screen's data is in the models (start-up timing).
    void firstScreenReady();

private:
    // The PEM in certificateFile (none when it is "") for `server`, or an
    // error for the user.
    QString readCertificate(
        const QString &certificateFile, const QUrl &server, QByteArray *pem) const;
    enum class KeyMode { None, Passphrase, Keychain };
    KeyMode keyMode() const;
    QString keychainMarker() const;
    void setPage(const QString &page);
    void setBusy(bool busy);
    void setError(const QString &error);
    void openWithKey(const QByteArray &key, std::function<void(const QString &)> then);
    void startEngineThread();
    void stopEngineThread();
    void discardNewProfile();
    void scheduleRefresh(bool messages);
    void refreshNow();
    void notifyNew();

    Options m_options;
    QString m_page;
    bool m_busy = false;
    QString m_lastError;
    bool m_keychainAvailable = false;
    QString m_keychainProblem;
    int m_engineState = 0;
    int m_outboxPending = 0;
    Account m_account;
    QString m_deviceName;
    QString m_currentPeer;
    QString m_theme;
    bool m_windowActive = true;

    KeychainStore m_keychain;
    Notifier *m_notifier = nullptr;
    std::unique_ptr<Store> m_store; // the GUI thread's read connection
    std::unique_ptr<ConversationListModel> m_conversations;
    std::unique_ptr<MessageListModel> m_messages;
    DeviceListModel *m_devices = nullptr;
    QThread m_engineThread;
    EngineHost *m_host = nullptr; // lives on m_engineThread
    QTimer m_refresh;
    bool m_refreshMessages = false;
    QHash<QString, QString> m_drafts; // peer -> draft, written through to the engine
    QHash<quint64, int> m_lastUnread; // conversation -> unread at the last refresh
    bool m_firstScreenSent = false;
};

} // namespace natter
