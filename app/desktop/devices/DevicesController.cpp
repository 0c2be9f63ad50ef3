#include "devices/DevicesController.h"

namespace natter {

DevicesController::DevicesController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
    connect(&m_ctx.engine(), &EngineProxy::devicesFetched, this,
        [this](const QList<DeviceInfo> &devices, const QString &error) {
            if (!error.isEmpty())
                return setError(tr("Cannot list the devices: %1").arg(error));
            setError(QString());
            m_model.setDevices(devices);
        });
    connect(&m_ctx, &AppContext::storeClosing, this, [this] { m_model.setDevices({}); });
}

void DevicesController::refresh()
{
    m_ctx.engine().fetchDevices();
}

void DevicesController::revoke(const QString &deviceId)
{
    m_ctx.engine().revokeDevice(deviceId.toULongLong());
}

void DevicesController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

} // namespace natter
