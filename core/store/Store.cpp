#include "store/Store.h"

#include "store/Schema.h"

#include <QDir>

namespace natter {

namespace {
Database &migrated(Database &db)
{
    schema::migrate(db);
    return db;
}
} // namespace

QString Store::databasePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(QStringLiteral("store.db"));
}

Store::Store(const QString &profileDir, const QByteArray &rawKey)
    : m_db((QDir().mkpath(profileDir), databasePath(profileDir)), rawKey)
    , m_accountState(migrated(m_db))
    , m_conversations(m_db, m_me)
    , m_groups(m_db)
    , m_timeline(m_db, m_me, m_conversations, m_groups)
    , m_drafts(m_db)
    , m_outbox(m_db, m_me, m_conversations, m_timeline, m_drafts)
    , m_receipts(m_db, m_me)
    , m_contacts(m_db)
{
    reloadAccount();
}

void Store::reloadAccount()
{
    const Account a = m_accountState.account();
    m_me = { a.userId, a.user, a.deviceId };
}

void Store::saveAccount(const Account &a)
{
    Transaction txn(*this);
    m_accountState.save(a);
    m_conversations.upsertUser(a.userId, a.user);
    txn.commit();
    m_me = { a.userId, a.user, a.deviceId };
}

QList<quint64> Store::joinConversation(quint64 id, int kind, const QList<MemberInfo> &members,
    const QString &title, quint64 visibleFrom)
{
    m_conversations.applyJoined(id, kind, members, title, visibleFrom);
    QList<quint64> merged;
    if (kind != proto::DIRECT)
        return merged;
    for (const MemberInfo &m : members) {
        if (m.userId == m_me.userId)
            continue;
        for (quint64 local : m_conversations.localsFor(m.name)) {
            m_outbox.retarget(local, id);
            m_drafts.move(local, id);
            m_conversations.adopt(local, id);
            merged.append(local);
        }
    }
    return merged;
}

QList<quint64> Store::insertEvents(const QList<StoredEvent> &events)
{
    if (events.isEmpty())
        return {};
    Transaction txn(*this);
    QList<quint64> changed = m_timeline.insert(events);
    txn.commit();
    return changed;
}

QList<MessageRow> Store::latestMessages(quint64 conversationId, int limit)
{
    return m_timeline.lines(conversationId, limit) + m_outbox.lines(conversationId);
}

} // namespace natter
