// SessionRegistry: which authenticated sessions are online, by user and by
// device, and on which network thread each lives. Written by network
// threads (on auth and disconnect), read by the notify router (writer
// thread) and, as the PresenceView, by the people and groups modules. One
// mutex guards all of it.
#pragma once

#include "common/PresenceView.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <mutex>

namespace natter::server {

struct SessionRef
{
    int thread = 0;
    quint64 sessionId = 0;
    quint64 userId = 0;
    quint64 deviceId = 0;
};

class SessionRegistry final : public PresenceView
{
public:
    // False if the device was revoked or its user disabled meanwhile (the
    // caller closes the session).
    bool add(const SessionRef &ref);
    void remove(const SessionRef &ref);
    QList<SessionRef> sessionsOfUser(quint64 userId) const;
    // Marks the device revoked (later add() fails) and returns its open sessions.
    QList<SessionRef> revokeDevice(quint64 deviceId);
    // Marks the user disabled (later add() fails) and returns their open
    // sessions; enableUser() admits them again.
    QList<SessionRef> disableUser(quint64 userId);
    void enableUser(quint64 userId);
    bool isDisabled(quint64 userId) const;
    qsizetype size() const; // sessions
    qsizetype usersOnline() const;

    PresenceState presenceOf(quint64 userId) const override;
    QSet<quint64> onlineAmong(const QList<quint64> &userIds) const override;

private:
    mutable std::mutex m_mutex;
    QHash<quint64, QList<SessionRef>> m_byUser;
    QSet<quint64> m_revoked; // devices revoked while this process runs
    QSet<quint64> m_disabled; // users disabled (and not enabled again) while it runs
    QHash<quint64, qint64> m_lastSeenMs; // users whose last session closed, when
};

} // namespace natter::server
