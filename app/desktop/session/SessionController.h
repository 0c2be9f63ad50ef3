// SessionController, the QML singleton `Session`: the profile and its key
// (keychain or passphrase), the account set-up and sign-in, which page the
// app shows, the connection state, log out, and the server certificate the
// profile trusts. Opening a profile opens the GUI's store (AppContext),
// which the other controllers then read. Lives on the GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"
#include "session/KeychainStore.h"
#include "store/KeyVault.h"

#include <QObject>
#include <QQmlEngine>

namespace natter {

class SessionController : public QObject, public QmlSingleton<SessionController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Session)
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

public:
    explicit SessionController(AppContext &context, QObject *parent = nullptr);

    QString page() const { return m_page; }
    bool busy() const { return m_busy; }
    QString lastError() const { return m_lastError; }
    bool keychainAvailable() const { return m_keychainAvailable; }
    QString keychainProblem() const { return m_keychainProblem; }
    QString connectionState() const;
    int outboxPending() const { return m_outboxPending; }
    QString userName() const { return m_account.user; }
    QString deviceName() const { return m_account.deviceName; }
    QString serverUrl() const { return m_account.serverUrl; }

    // certificateFile: a PEM file to trust for this (wss://) server, or "".
    Q_INVOKABLE void setupAccount(bool registerNew, const QString &server, const QString &user,
        const QString &password, const QString &device, bool useKeychain, const QString &passphrase,
        const QString &certificateFile = {});
    // Trusts the certificate(s) in this PEM file for the account's wss://
    // server from now on ("": the system's authorities only) and reconnects.
    Q_INVOKABLE void trustServerCertificate(const QString &certificateFile);
    Q_INVOKABLE void unlock(const QString &passphrase);
    Q_INVOKABLE void logout();
    Q_INVOKABLE void clearError();

signals:
    void pageChanged();
    void busyChanged();
    void lastErrorChanged();
    void keychainAvailableChanged();
    void connectionStateChanged();
    void outboxPendingChanged();
    void accountChanged();

private:
    enum class KeyMode { None, Passphrase, Keychain };
    KeyMode keyMode() const;
    QString keychainMarker() const;
    // The PEM in certificateFile (none when it is "") for `server`, or an
    // error for the user.
    QString readCertificate(
        const QString &certificateFile, const QUrl &server, QByteArray *pem) const;
    void setPage(const QString &page);
    void setBusy(bool busy);
    void setError(const QString &error);
    // Opens the profile with its key on both threads; then(error).
    void openWithKey(const QByteArray &key, std::function<void(const QString &)> then);
    void showMain();
    // This device is no longer part of an account: its local copy goes.
    void discardProfile();
    void reloadAccount();

    AppContext &m_ctx;
    KeychainStore m_keychain;
    QString m_page;
    bool m_busy = false;
    QString m_lastError;
    bool m_keychainAvailable = false;
    QString m_keychainProblem;
    int m_engineState = 0;
    int m_outboxPending = 0;
    Account m_account;
};

} // namespace natter
