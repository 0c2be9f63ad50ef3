// GroupRequests: the engine's requests about groups that need the server
// there and then — create a group (its id comes from the server; the feed
// then brings it to every device) and fetch a group's info (members with
// roles, announcement, version). Changes to an existing group go through
// the outbox instead (Outbox::enqueueGroupAction), so they work offline.
// Lives on the engine's thread.
#pragma once

#include "sync/ConnectionSupervisor.h"

#include <QObject>

#include <functional>

namespace natter {

struct GroupMemberInfo
{
    quint64 userId = 0;
    QString name;
    QString role; // owner, admin or member
};

struct GroupInfo
{
    quint64 id = 0;
    QString name;
    QString join; // invite, open or approval
    QString history; // joined or all
    quint64 version = 0;
    QString announcement;
    QList<GroupMemberInfo> members;
    bool dissolved = false;
    int maxMembers = 0;
};

class GroupRequests : public QObject
{
    Q_OBJECT
public:
    // error: "" on success, else the server's typed refusal, in words.
    using Created = std::function<void(quint64 conversationId, const QString &error)>;
    using InfoDone = std::function<void(const GroupInfo &info, const QString &error)>;

    explicit GroupRequests(ConnectionSupervisor &supervisor, QObject *parent = nullptr);

    // members: user names besides the creator. join: "invite", "open" or
    // "approval"; history: "joined" or "all".
    void create(const QString &name, const QStringList &members, const QString &join,
        const QString &history, Created done);
    void fetchInfo(quint64 conversationId, InfoDone done);

    static QString roleName(int role); // proto::GroupRole
    static bool parseJoin(const QString &name, int *policy);
    static bool parseHistory(const QString &name, int *policy);

private:
    ConnectionSupervisor &m_supervisor;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::GroupInfo)
