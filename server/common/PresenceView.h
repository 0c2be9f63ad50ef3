// PresenceView: who is online on this node (any device connected) and when
// each user was last seen (their last session closed), for the people and
// groups modules. The gateway's SessionRegistry implements it; a cluster's
// shared presence can implement the same interface. Any thread.
#pragma once

#include <QList>
#include <QSet>
#include <QtGlobal>

namespace natter::server {

struct PresenceState
{
    bool online = false;
    qint64 lastSeenMs = 0; // 0: not since this process started
};

class PresenceView
{
public:
    virtual PresenceState presenceOf(quint64 userId) const = 0;
    // Those of userIds who are online (one lock for all).
    virtual QSet<quint64> onlineAmong(const QList<quint64> &userIds) const = 0;

protected:
    ~PresenceView() = default;
};

} // namespace natter::server
