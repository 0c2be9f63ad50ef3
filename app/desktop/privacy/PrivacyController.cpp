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
    m_ctx.engine().receiptsShared([this](bool shared) { setShared(shared); });
}

void PrivacyController::setReceiptsShared(bool shared)
{
    if (m_busy)
        return;
    m_busy = true;
    emit busyChanged();
    m_ctx.engine().setReceiptsShared(shared, [this, shared](const QString &error) {
        m_busy = false;
        emit busyChanged();
        if (!error.isEmpty()) {
            setError(tr("Cannot change the setting: %1").arg(error));
            emit receiptsSharedChanged(); // the switch shows the setting as it is
            return;
        }
        setError(QString());
        setShared(shared);
    });
}

void PrivacyController::setShared(bool shared)
{
    if (shared == m_receiptsShared)
        return;
    m_receiptsShared = shared;
    emit receiptsSharedChanged();
}

void PrivacyController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

} // namespace natter
