// GroupRequests: the engine's requests about groups that need the server
// there and then — create a group (its id comes from the server; the feed
// then brings it to every device), fetch a group's info (members with
// roles and nicknames, announcement, version, the user's remark), search
// open groups by name, and list a group's pending join requests. Changes
// to a group (joining one included) go through the outbox instead
// (Outbox::enqueueGroupAction, enqueueJoin), so they work offline.
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
    QString nickname; // their own, for this group ("" when none)
    bool online = false; // when asked; false when they or the user hide presence
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
    QString remark; // the user's private note on the group
    int pendingRequests = 0; // owner and admins: join requests waiting
    bool membersMayMentionAll = false; // the mention policy: every member may @all (small groups)
    int online = 0; // members online when asked (of those who share presence)
};

struct GroupSummary
{
    quint64 id = 0;
    QString name;
    QString join; // open or approval
    int members = 0;
    bool member = false; // the user is in it
};

struct JoinRequestInfo
{
    quint64 conversationId = 0;
    quint64 userId = 0;
    QString user;
    QString note;
    qint64 timeMs = 0;
    QString title; // the group's name
};

class GroupRequests : public QObject
{
    Q_OBJECT
public:
    // error: "" on success, else the server's typed refusal, in words.
    using InfoDone = std::function<void(const GroupInfo &info, const QString &error)>;
    using SearchDone = std::function<void(const QList<GroupSummary> &groups, const QString &error)>;
    using RequestsDone
        = std::function<void(const QList<JoinRequestInfo> &requests, const QString &error)>;

    explicit GroupRequests(ConnectionSupervisor &supervisor, QObject *parent = nullptr);

    void fetchInfo(quint64 conversationId, InfoDone done);
    void search(const QString &text, SearchDone done);
    void fetchRequests(quint64 conversationId, RequestsDone done);

    static QString roleName(int role); // proto::GroupRole
    static bool parseJoin(const QString &name, int *policy);
    static bool parseHistory(const QString &name, int *policy);
    static QString joinName(int policy); // proto::JoinPolicy
    static JoinRequestInfo requestInfo(const proto::JoinRequest &request);

private:
    ConnectionSupervisor &m_supervisor;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::GroupInfo)
