// EngineHost's group calls (see EngineHost.h): online requests through the
// engine's GroupRequests, changes through the outbox.
#include "engine/EngineHost.h"

namespace natter {

quint64 EngineHost::createGroup(const QString &name, const QStringList &members,
    const QString &join, const QString &history, QString *error)
{
    if (!m_engine) {
        *error = notOpen();
        return 0;
    }
    int joinPolicy = 0;
    int historyPolicy = 0;
    if (!GroupRequests::parseJoin(join, &joinPolicy)
        || !GroupRequests::parseHistory(history, &historyPolicy)) {
        *error = QStringLiteral("unknown join or history policy");
        return 0;
    }
    quint64 id = 0;
    try {
        m_store->outbox().enqueueGroupCreate(name, members, joinPolicy, historyPolicy, &id);
    } catch (const StoreError &e) {
        *error = e.message();
        return 0;
    }
    m_engine->outboxChanged();
    emit conversationsChanged();
    return id;
}

void EngineHost::fetchGroupInfo(quint64 conversationId, GroupRequests::InfoDone done)
{
    if (!m_engine)
        return done({}, notOpen());
    m_engine->groups().fetchInfo(conversationId, std::move(done));
}

void EngineHost::searchGroups(const QString &text, GroupRequests::SearchDone done)
{
    if (!m_engine)
        return done({}, notOpen());
    m_engine->groups().search(text, std::move(done));
}

void EngineHost::fetchJoinRequests(quint64 conversationId, GroupRequests::RequestsDone done)
{
    if (!m_engine)
        return done({}, notOpen());
    m_engine->groups().fetchRequests(conversationId, std::move(done));
}

QString EngineHost::queueGroupAction(
    quint64 conversationId, const proto::GroupActionRequest &action, QString *error)
{
    if (!m_engine) {
        *error = notOpen();
        return {};
    }
    QString clientId;
    try {
        clientId = action.has_join()
            ? m_store->outbox().enqueueJoin(conversationId, QString::fromStdString(action.join()))
            : m_store->outbox().enqueueGroupAction(conversationId, action);
    } catch (const StoreError &e) {
        *error = e.message();
        return {};
    }
    m_engine->outboxChanged();
    return clientId;
}

} // namespace natter
