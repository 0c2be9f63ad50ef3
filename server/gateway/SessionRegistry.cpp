#include "gateway/SessionRegistry.h"

#include <QDateTime>

namespace natter::server {

bool SessionRegistry::add(const SessionRef &ref)
{
    std::lock_guard lock(m_mutex);
    if (m_revoked.contains(ref.deviceId) || m_disabled.contains(ref.userId))
        return false;
    m_byUser[ref.userId].append(ref);
    return true;
}

void SessionRegistry::remove(const SessionRef &ref)
{
    std::lock_guard lock(m_mutex);
    auto it = m_byUser.find(ref.userId);
    if (it == m_byUser.end())
        return;
    it->removeIf([&](const SessionRef &r) { return r.sessionId == ref.sessionId; });
    if (it->isEmpty()) {
        m_byUser.erase(it);
        m_lastSeenMs.insert(ref.userId, QDateTime::currentMSecsSinceEpoch());
    }
}

QList<SessionRef> SessionRegistry::sessionsOfUser(quint64 userId) const
{
    std::lock_guard lock(m_mutex);
    return m_byUser.value(userId);
}

QList<SessionRef> SessionRegistry::revokeDevice(quint64 deviceId)
{
    std::lock_guard lock(m_mutex);
    m_revoked.insert(deviceId);
    QList<SessionRef> out;
    for (const auto &list : std::as_const(m_byUser))
        for (const SessionRef &r : list)
            if (r.deviceId == deviceId)
                out.append(r);
    return out;
}

QList<SessionRef> SessionRegistry::disableUser(quint64 userId)
{
    std::lock_guard lock(m_mutex);
    m_disabled.insert(userId);
    return m_byUser.value(userId);
}

void SessionRegistry::enableUser(quint64 userId)
{
    std::lock_guard lock(m_mutex);
    m_disabled.remove(userId);
}

bool SessionRegistry::isDisabled(quint64 userId) const
{
    std::lock_guard lock(m_mutex);
    return m_disabled.contains(userId);
}

qsizetype SessionRegistry::size() const
{
    std::lock_guard lock(m_mutex);
    qsizetype n = 0;
    for (const auto &list : m_byUser)
        n += list.size();
    return n;
}

qsizetype SessionRegistry::usersOnline() const
{
    std::lock_guard lock(m_mutex);
    return m_byUser.size();
}

PresenceState SessionRegistry::presenceOf(quint64 userId) const
{
    std::lock_guard lock(m_mutex);
    if (m_byUser.contains(userId))
        return { true, QDateTime::currentMSecsSinceEpoch() };
    return { false, m_lastSeenMs.value(userId) };
}

QSet<quint64> SessionRegistry::onlineAmong(const QList<quint64> &userIds) const
{
    std::lock_guard lock(m_mutex);
    QSet<quint64> online;
    for (quint64 id : userIds)
        if (m_byUser.contains(id))
            online.insert(id);
    return online;
}

} // namespace natter::server
