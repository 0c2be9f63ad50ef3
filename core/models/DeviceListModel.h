// The account's devices as last fetched from the server (the list is not
// kept in the store: it is only meaningful fresh). Plain value model; lives
// on the GUI thread.
#pragma once

#include "sync/AccountRequests.h"

#include <QAbstractListModel>

namespace natter {

class DeviceListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        DeviceIdRole = Qt::UserRole + 1, // QString
        NameRole, // QString
        CurrentRole, // bool: this device
        RevokedRole, // bool
        CreatedRole, // QDateTime
        LastSeenRole, // QDateTime
    };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setDevices(const QList<DeviceInfo> &devices);

signals:
    void countChanged();

private:
    QList<DeviceInfo> m_devices;
};

} // namespace natter
