#include "AppContext.h"

#include "sync/SyncEngine.h"

namespace natter {

namespace {
constexpr int kRefreshCoalesceMs = 30;
}

AppContext::AppContext(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshCoalesceMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        const bool messages = std::exchange(m_refreshMessages, false);
        if (m_store)
            emit refreshDue(messages);
    });
    connect(
        &m_engine, &EngineProxy::conversationsChanged, this, [this] { scheduleRefresh(false); });
    connect(&m_engine, &EngineProxy::messagesChanged, this, [this] { scheduleRefresh(true); });
    connect(&m_engine, &EngineProxy::outboxPendingChanged, this, [this] { scheduleRefresh(true); });
    connect(&m_engine, &EngineProxy::conversationCreated, this, [this] { scheduleRefresh(true); });
    connect(&m_engine, &EngineProxy::stateChanged, this, [this](int s) {
        if (SyncEngine::State(s) == SyncEngine::State::Online)
            scheduleRefresh(true);
    });
}

AppContext::~AppContext()
{
    m_engine.close();
}

QString AppContext::openStore(const QByteArray &key)
{
    try {
        m_store = std::make_unique<Store>(m_options.profileDir, key);
    } catch (const StoreError &e) {
        return e.kind() == StoreError::Kind::WrongKey
            ? tr("The local store is damaged or not a Natter store (%1).")
                  .arg(Store::databasePath(m_options.profileDir))
            : e.message();
    }
    emit storeOpened();
    return {};
}

void AppContext::closeStore()
{
    if (!m_store)
        return;
    emit storeClosing();
    m_store.reset();
}

void AppContext::setWindowActive(bool active)
{
    if (active == m_windowActive)
        return;
    m_windowActive = active;
    emit windowActiveChanged();
}

void AppContext::scheduleRefresh(bool messages)
{
    m_refreshMessages = m_refreshMessages || messages;
    if (!m_refresh.isActive())
        m_refresh.start();
}

} // namespace natter
