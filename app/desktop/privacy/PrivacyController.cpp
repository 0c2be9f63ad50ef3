#include "privacy/PrivacyController.h"

namespace natter {

PrivacyController::PrivacyController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
    connect(&m_ctx, &AppContext::storeOpened, this, &PrivacyController::reload);
    connect(&m_ctx.engine(), &EngineProxy::settingsChanged, this, &PrivacyController::reload);
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
    change(s);
}

void PrivacyController::setPresenceShared(bool shared)
{
    PrivacySettings s = m_settings;
    s.presenceOff = !shared;
    change(s);
}

void PrivacyController::setSearchable(bool searchable)
{
    PrivacySettings s = m_settings;
    s.unsearchable = !searchable;
    change(s);
}

void PrivacyController::setFriendsOnly(bool friendsOnly)
{
    PrivacySettings s = m_settings;
    s.friendsOnly = friendsOnly;
    change(s);
}

void PrivacyController::change(PrivacySettings settings)
{
    if (m_busy) {
        emit settingsChanged(); // the switch shows the setting as it is
        return;
    }
    m_busy = true;
    emit busyChanged();
    m_ctx.engine().setSettings(settings, [this, settings](const QString &error) {
        m_busy = false;
        emit busyChanged();
        if (!error.isEmpty()) {
            setError(tr("Cannot change the setting: %1").arg(error));
            emit settingsChanged(); // the switches show the settings as they are
            return;
        }
        setError(QString());
        m_settings = settings;
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
