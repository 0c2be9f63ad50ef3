// EngineHost's group calls (see EngineHost.h): online requests through the
// engine's GroupRequests, changes through the outbox.
#include "engine/EngineHost.h"

namespace natter {

void EngineHost::createGroup(const QString &name, const QStringList &members, const QString &join,
    const QString &history, GroupRequests::Created done)
{
    if (!m_engine)
        return done(0, notOpen());
    m_engine->groups().create(name, members, join, history, std::move(done));
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
