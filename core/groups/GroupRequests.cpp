#include "groups/GroupRequests.h"

#include "sync/Replies.h"

namespace natter {

namespace {

const char *const kJoinNames[] = { "invite", "open", "approval" }; // proto::JoinPolicy
const char *const kHistoryNames[] = { "joined", "all" }; // proto::HistoryPolicy

template<size_t N> bool parseName(const char *const (&names)[N], const QString &name, int *out)
{
    for (size_t i = 0; i < N; ++i)
        if (name == QLatin1String(names[i])) {
            *out = int(i);
            return true;
        }
    return false;
}

template<size_t N> QString nameOf(const char *const (&names)[N], int value)
{
    return value >= 0 && size_t(value) < N ? QString::fromLatin1(names[value]) : QString();
}

} // namespace

GroupRequests::GroupRequests(ConnectionSupervisor &supervisor, QObject *parent)
    : QObject(parent)
    , m_supervisor(supervisor)
{
}

QString GroupRequests::roleName(int role)
{
    switch (role) {
    case proto::ROLE_OWNER: return QStringLiteral("owner");
    case proto::ROLE_ADMIN: return QStringLiteral("admin");
    default: return QStringLiteral("member");
    }
}

bool GroupRequests::parseJoin(const QString &name, int *policy)
{
    return parseName(kJoinNames, name, policy);
}

bool GroupRequests::parseHistory(const QString &name, int *policy)
{
    return parseName(kHistoryNames, name, policy);
}

QString GroupRequests::joinName(int policy)
{
    return nameOf(kJoinNames, policy);
}

JoinRequestInfo GroupRequests::requestInfo(const proto::JoinRequest &r)
{
    return { r.conversation_id(), r.user().user_id(), QString::fromStdString(r.user().user()),
        QString::fromStdString(r.note()), r.time_ms(), QString::fromStdString(r.title()) };
}

void GroupRequests::fetchInfo(quint64 conversationId, InfoDone done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done({}, notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_group_info_request()->set_conversation_id(conversationId);
    session->request(env, [done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_group_info()) {
            done({}, replyError(reply));
            return;
        }
        const proto::GroupInfo &g = reply.group_info();
        GroupInfo info;
        info.id = g.conversation_id();
        info.name = QString::fromStdString(g.name());
        info.join = nameOf(kJoinNames, g.join());
        info.history = nameOf(kHistoryNames, g.history());
        info.version = g.version();
        info.announcement = QString::fromStdString(g.announcement());
        info.dissolved = g.dissolved();
        info.maxMembers = int(g.max_members());
        info.remark = QString::fromStdString(g.remark());
        info.pendingRequests = int(g.pending_requests());
        info.membersMayMentionAll = g.mention_policy() == proto::MENTION_ALL_MEMBERS;
        info.online = int(g.online());
        for (const auto &m : g.members())
            info.members.append({ m.user_id(), QString::fromStdString(m.user()), roleName(m.role()),
                QString::fromStdString(m.nickname()), m.online() });
        done(info, QString());
    });
}

void GroupRequests::search(const QString &text, SearchDone done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done({}, notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_group_search_request()->set_query(text.toStdString());
    session->request(env, [done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_group_search()) {
            done({}, replyError(reply));
            return;
        }
        QList<GroupSummary> groups;
        for (const auto &g : reply.group_search().groups())
            groups.append({ g.conversation_id(), QString::fromStdString(g.name()),
                nameOf(kJoinNames, g.join()), int(g.members()), g.member() });
        done(groups, QString());
    });
}

void GroupRequests::fetchRequests(quint64 conversationId, RequestsDone done)
{
    Connection *session = m_supervisor.session();
    if (!session) {
        done({}, notConnected());
        return;
    }
    proto::Envelope env;
    env.mutable_group_requests_request()->set_conversation_id(conversationId);
    session->request(env, [done = std::move(done)](const proto::Envelope &reply) {
        if (!reply.has_group_requests()) {
            done({}, replyError(reply));
            return;
        }
        QList<JoinRequestInfo> requests;
        for (const auto &r : reply.group_requests().requests())
            requests.append(requestInfo(r));
        done(requests, QString());
    });
}

} // namespace natter
