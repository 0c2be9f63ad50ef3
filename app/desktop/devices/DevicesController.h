// DevicesController, the QML singleton `Devices`: the account's devices as
// last fetched from the server (Settings shows them), and revoking one.
// Lives on the GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"
#include "models/DeviceListModel.h"

#include <QObject>
#include <QQmlEngine>

namespace natter {

class DevicesController : public QObject, public QmlSingleton<DevicesController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Devices)
    QML_SINGLETON

    Q_PROPERTY(natter::DeviceListModel *model READ model CONSTANT)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit DevicesController(AppContext &context, QObject *parent = nullptr);

    DeviceListModel *model() { return &m_model; }
    QString lastError() const { return m_lastError; }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void revoke(const QString &deviceId);

signals:
    void lastErrorChanged();

private:
    void setError(const QString &error);

    AppContext &m_ctx;
    DeviceListModel m_model;
    QString m_lastError;
};

} // namespace natter
