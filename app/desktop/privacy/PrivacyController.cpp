#include "privacy/PrivacyController.h"

namespace natter {

PrivacyController::PrivacyController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
    connect(&m_ctx, &AppContext::storeOpened, this, &PrivacyController::reload);
    connect(&m_ctx.engine(), &EngineProxy::settingsChanged, this, &PrivacyController::reload);
    connect(&m_ctx.engine(), &EngineProxy::sendFailed, this,
        [this](const QString &clientId, const QString &error) {
            if (!m_queued.remove(clientId))
                return;
            setError(tr("Cannot change the setting: %1").arg(error));
            reload(); // as the store has them
        });
}

void PrivacyController::reload()
{
    if (!m_ctx.store())
        return;
    try {
        m_settings = m_ctx.store()->accountState().settings();
    } catch (const StoreError &e) {
        setError(e.message());
    }
    emit settingsChanged();
}

void PrivacyController::setReceiptsShared(bool shared)
{
    PrivacySettings s = m_settings;
    s.receiptsOff = !shared;
    change(PeopleRequests::Receipts, s);
}

void PrivacyController::setPresenceShared(bool shared)
{
    PrivacySettings s = m_settings;
    s.presenceOff = !shared;
    change(PeopleRequests::Presence, s);
}

void PrivacyController::setSearchable(bool searchable)
{
    PrivacySettings s = m_settings;
    s.unsearchable = !searchable;
    change(PeopleRequests::Searchable, s);
}

void PrivacyController::setFriendsOnly(bool friendsOnly)
{
    PrivacySettings s = m_settings;
    s.friendsOnly = friendsOnly;
    change(PeopleRequests::Messages, s);
}

void PrivacyController::change(int field, const PrivacySettings &settings)
{
    if (m_busy) {
        emit settingsChanged(); // the switch shows the setting as it is
        return;
    }
    m_busy = true;
    emit busyChanged();
    m_ctx.engine().queueSettings(
        settings, field, [this, settings](const QString &clientId, const QString &error) {
            m_busy = false;
            emit busyChanged();
            if (clientId.isEmpty()) {
                setError(tr("Cannot change the setting: %1").arg(error));
                emit settingsChanged(); // the switches show the settings as they are
                return;
            }
            setError(QString());
            m_queued.insert(clientId);
            m_settings = settings; // queued (and saved): sent when connected
            emit settingsChanged();
        });
}

void PrivacyController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

} // namespace natter
