// AppContext: what the desktop's feature controllers share — the options
// the app was started with, the engine proxy, the GUI thread's read
// connection to the profile's store (while a profile is open), whether the
// window is in front, and one coalesced "something changed" tick that
// refreshes every model at most once per 30 ms. Not seen by QML. Lives on
// the GUI thread.
#pragma once

#include "engine/EngineProxy.h"
#include "store/Store.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace natter {

class AppContext : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString profileDir;
        bool forcePassphrase = false; // do not offer the keychain
    };

    explicit AppContext(const Options &options, QObject *parent = nullptr);
    ~AppContext() override;

    const Options &options() const { return m_options; }
    EngineProxy &engine() { return m_engine; }
    // The GUI thread's own store connection; nullptr while no profile is open.
    Store *store() const { return m_store.get(); }
    // Opens the GUI's connection; an error for the user, or "".
    QString openStore(const QByteArray &key);
    void closeStore();

    bool windowActive() const { return m_windowActive; }
    void setWindowActive(bool active);

signals:
    void storeOpened();
    void storeClosing();
    void windowActiveChanged();
    // Coalesced engine changes: the list always, the open chat when messages.
    void refreshDue(bool messages);

private:
    void scheduleRefresh(bool messages);

    Options m_options;
    EngineProxy m_engine;
    std::unique_ptr<Store> m_store;
    bool m_windowActive = true;
    QTimer m_refresh;
    bool m_refreshMessages = false;
};

} // namespace natter
