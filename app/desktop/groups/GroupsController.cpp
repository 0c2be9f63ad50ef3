#include "groups/GroupsController.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

namespace natter {

namespace {

int roleRank(const QString &role)
{
    return role == QLatin1String("owner") ? 0 : role == QLatin1String("admin") ? 1 : 2;
}

} // namespace

GroupsController::GroupsController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
    EngineProxy &engine = m_ctx.engine();
    connect(&engine, &EngineProxy::sendFailed, this,
        [this](const QString &clientId, const QString &error) {
            if (!m_queued.remove(clientId))
                return;
            setError(tr("Refused: %1").arg(error));
            if (m_id)
                load(groupId()); // what the group is now
        });
    connect(&engine, &EngineProxy::joinRequestsChanged, this, [this] {
        countRequests();
        fetchRequests();
    });
    connect(&m_ctx, &AppContext::refreshDue, this, &GroupsController::onRefresh);
    connect(&m_ctx, &AppContext::storeOpened, this, &GroupsController::countRequests);
    connect(&m_ctx, &AppContext::storeClosing, this, [this] {
        unload();
        m_queued.clear();
        m_awaited.clear();
        m_searchResults.clear();
        emit searchResultsChanged();
        m_requestsToDecide = 0;
        emit requestsToDecideChanged();
    });
}

QStringList GroupsController::parseUsers(const QString &text)
{
    QStringList users;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (QString u : text.split(separators, Qt::SkipEmptyParts)) {
        if (u.startsWith(QLatin1Char('@')))
            u = u.mid(1);
        if (!u.isEmpty() && !users.contains(u.toLower()))
            users.append(u.toLower());
    }
    return users;
}

QString GroupsController::myRole() const
{
    const quint64 me = m_ctx.store() ? m_ctx.store()->me().userId : 0;
    for (const GroupMemberInfo &m : m_info.members)
        if (m.userId == me)
            return m.role;
    return {};
}

QString GroupsController::myNickname() const
{
    const quint64 me = m_ctx.store() ? m_ctx.store()->me().userId : 0;
    for (const GroupMemberInfo &m : m_info.members)
        if (m.userId == me)
            return m.nickname;
    return {};
}

QVariantList GroupsController::members() const
{
    QList<GroupMemberInfo> sorted = m_info.members;
    std::sort(sorted.begin(), sorted.end(), [](const GroupMemberInfo &a, const GroupMemberInfo &b) {
        if (roleRank(a.role) != roleRank(b.role))
            return roleRank(a.role) < roleRank(b.role);
        return a.name < b.name;
    });
    QVariantList out;
    for (const GroupMemberInfo &m : sorted)
        out.append(QVariantMap { { QStringLiteral("userId"), QString::number(m.userId) },
            { QStringLiteral("user"), m.name }, { QStringLiteral("role"), m.role },
            { QStringLiteral("nickname"), m.nickname }, { QStringLiteral("online"), m.online } });
    return out;
}

void GroupsController::createGroup(
    const QString &name, const QString &membersText, const QString &join, const QString &history)
{
    if (name.trimmed().isEmpty())
        return setError(tr("A group needs a name."));
    setBusy(true);
    m_ctx.engine().createGroup(name.trimmed(), parseUsers(membersText), join, history,
        [this](quint64 id, const QString &error) {
            setBusy(false);
            if (!error.isEmpty())
                return setError(tr("Cannot create the group: %1").arg(error));
            setError(QString());
            m_awaited.insert(id); // the feed brings it
            onRefresh();
        });
}

void GroupsController::load(const QString &conversationId)
{
    const quint64 id = conversationId.toULongLong();
    if (id != m_id) {
        m_id = id;
        m_info = GroupInfo {};
        m_requests.clear();
        emit infoChanged();
        emit requestsChanged();
    }
    if (!id || Conversations::isLocal(id))
        return; // a group created offline: the server has no info yet
    setBusy(true);
    m_ctx.engine().fetchGroupInfo(id, [this, id](const GroupInfo &info, const QString &error) {
        setBusy(false);
        if (id != m_id)
            return; // another group was loaded meanwhile
        if (!error.isEmpty())
            return setError(tr("Cannot load the group: %1").arg(error));
        m_info = info;
        m_loadedVersion = info.version;
        emit infoChanged();
        fetchRequests();
    });
}

void GroupsController::unload()
{
    load(QString());
}

void GroupsController::fetchRequests()
{
    const QString role = myRole();
    if (!m_id || (role != QLatin1String("owner") && role != QLatin1String("admin")))
        return;
    const quint64 id = m_id;
    m_ctx.engine().fetchJoinRequests(
        id, [this, id](const QList<JoinRequestInfo> &requests, const QString &error) {
            if (id != m_id)
                return;
            if (!error.isEmpty())
                return setError(tr("Cannot list the requests: %1").arg(error));
            m_requests.clear();
            for (const JoinRequestInfo &r : requests)
                m_requests.append(QVariantMap { { QStringLiteral("user"), r.user },
                    { QStringLiteral("note"), r.note },
                    { QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(r.timeMs) } });
            emit requestsChanged();
        });
}

void GroupsController::queue(quint64 conversationId, const proto::GroupActionRequest &action)
{
    if (!conversationId)
        return;
    setError(QString());
    m_ctx.engine().queueGroupAction(
        conversationId, action, [this](const QString &clientId, const QString &error) {
            if (!error.isEmpty())
                return setError(tr("Cannot queue the change: %1").arg(error));
            m_queued.insert(clientId);
        });
}

void GroupsController::invite(const QString &usersText)
{
    const QStringList users = parseUsers(usersText);
    if (users.isEmpty())
        return;
    proto::GroupActionRequest a;
    for (const QString &u : users)
        a.mutable_invite()->add_users(u.toStdString());
    queue(m_id, a);
}

void GroupsController::kick(const QString &user)
{
    proto::GroupActionRequest a;
    a.set_kick(user.toStdString());
    queue(m_id, a);
}

void GroupsController::leave()
{
    proto::GroupActionRequest a;
    a.mutable_leave();
    queue(m_id, a);
}

void GroupsController::dissolve()
{
    proto::GroupActionRequest a;
    a.mutable_dissolve();
    queue(m_id, a);
}

void GroupsController::transfer(const QString &user)
{
    proto::GroupActionRequest a;
    a.set_transfer(user.toStdString());
    queue(m_id, a);
}

void GroupsController::setAdmin(const QString &user, bool admin)
{
    proto::GroupActionRequest a;
    a.mutable_set_role()->set_user(user.toStdString());
    a.mutable_set_role()->set_role(admin ? proto::ROLE_ADMIN : proto::ROLE_MEMBER);
    queue(m_id, a);
}

void GroupsController::announce(const QString &text)
{
    proto::GroupActionRequest a;
    a.set_announce(text.trimmed().toStdString());
    queue(m_id, a);
}

void GroupsController::setMembersMayMentionAll(bool members)
{
    proto::GroupActionRequest a;
    a.set_mention_policy(members ? proto::MENTION_ALL_MEMBERS : proto::MENTION_ALL_ADMINS);
    queue(m_id, a);
}

void GroupsController::rename(const QString &name)
{
    if (name.trimmed().isEmpty())
        return setError(tr("A group needs a name."));
    proto::GroupActionRequest a;
    a.set_rename(name.trimmed().toStdString());
    queue(m_id, a);
}

void GroupsController::setNickname(const QString &nickname)
{
    proto::GroupActionRequest a;
    a.set_nickname(nickname.trimmed().toStdString());
    queue(m_id, a);
}

void GroupsController::setRemark(const QString &remark)
{
    proto::GroupActionRequest a;
    a.set_remark(remark.trimmed().toStdString());
    queue(m_id, a);
}

void GroupsController::approve(const QString &user)
{
    proto::GroupActionRequest a;
    a.set_approve(user.toStdString());
    queue(m_id, a);
}

void GroupsController::decline(const QString &user)
{
    proto::GroupActionRequest a;
    a.set_decline(user.toStdString());
    queue(m_id, a);
}

void GroupsController::search(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        m_searchResults.clear();
        emit searchResultsChanged();
        return;
    }
    setBusy(true);
    m_ctx.engine().searchGroups(
        text.trimmed(), [this](const QList<GroupSummary> &groups, const QString &error) {
            setBusy(false);
            if (!error.isEmpty())
                return setError(tr("Cannot search: %1").arg(error));
            setError(QString());
            m_searchResults.clear();
            for (const GroupSummary &g : groups)
                m_searchResults.append(
                    QVariantMap { { QStringLiteral("conversationId"), QString::number(g.id) },
                        { QStringLiteral("name"), g.name }, { QStringLiteral("join"), g.join },
                        { QStringLiteral("members"), g.members },
                        { QStringLiteral("member"), g.member } });
            emit searchResultsChanged();
        });
}

void GroupsController::joinGroup(const QString &conversationId, const QString &note)
{
    const quint64 id = conversationId.toULongLong();
    proto::GroupActionRequest a;
    a.set_join(note.trimmed().toStdString());
    bool approval = false;
    for (const QVariant &r : std::as_const(m_searchResults)) {
        const QVariantMap g = r.toMap();
        if (g.value(QStringLiteral("conversationId")).toString() == conversationId)
            approval = g.value(QStringLiteral("join")).toString() == QLatin1String("approval");
    }
    m_awaited.insert(id);
    queue(id, a);
    if (approval)
        emit requestSent(conversationId);
}

void GroupsController::onRefresh()
{
    Store *store = m_ctx.store();
    if (!store)
        return;
    try {
        for (auto it = m_awaited.begin(); it != m_awaited.end();) {
            const auto s = store->conversations().summary(*it);
            if (s && s->isMember()) {
                emit arrived(QString::number(*it));
                it = m_awaited.erase(it);
            } else {
                ++it;
            }
        }
        // The loaded group changed (its events are here): as the server has it now.
        if (m_id) {
            const auto s = store->conversations().summary(m_id);
            if (s && s->groupVersion > m_loadedVersion && m_busy == 0)
                load(groupId());
        }
    } catch (const StoreError &e) {
        setError(e.message());
    }
}

void GroupsController::countRequests()
{
    Store *store = m_ctx.store();
    int n = 0;
    try {
        if (store)
            n = int(store->groups()
                        .requests(JoinRequestRow::State::Pending, 0, 0, store->me().userId)
                        .size());
    } catch (const StoreError &e) {
        setError(e.message());
    }
    if (n == m_requestsToDecide)
        return;
    m_requestsToDecide = n;
    emit requestsToDecideChanged();
}

void GroupsController::setBusy(bool on)
{
    const bool was = busy();
    m_busy += on ? 1 : -1;
    if (busy() != was)
        emit busyChanged();
}

void GroupsController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

void GroupsController::clearError()
{
    setError(QString());
}

} // namespace natter
