#include "models/DeviceListModel.h"

#include <QDateTime>

namespace natter {

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_devices.size());
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeviceInfo &d = m_devices.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return d.name;
    case DeviceIdRole: return QString::number(d.id);
    case CurrentRole: return d.current;
    case RevokedRole: return d.revoked;
    case CreatedRole: return QDateTime::fromMSecsSinceEpoch(d.createdMs);
    case LastSeenRole: return QDateTime::fromMSecsSinceEpoch(d.lastSeenMs);
    default: return {};
    }
}

QHash<int, QByteArray> DeviceListModel::roleNames() const
{
    return { { DeviceIdRole, "deviceId" }, { NameRole, "name" }, { CurrentRole, "current" },
        { RevokedRole, "revoked" }, { CreatedRole, "created" }, { LastSeenRole, "lastSeen" } };
}

void DeviceListModel::setDevices(const QList<DeviceInfo> &devices)
{
    const qsizetype before = m_devices.size();
    beginResetModel();
    m_devices = devices;
    endResetModel();
    if (before != m_devices.size())
        emit countChanged();
}

} // namespace natter
