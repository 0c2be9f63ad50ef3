#include "store/Outbox.h"

#include "natter.pb.h"
#include "protocol/Frame.h"

#include <QDateTime>
#include <QUuid>

namespace natter {

namespace {

QString newClientId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void bindRelation(Statement &st, int first, const Relation &relation)
{
    st.bind(first, qint64(relation.type)).bind(first + 1, qint64(relation.seq));
    if (relation.key.isEmpty())
        st.bindNull(first + 2);
    else
        st.bind(first + 2, relation.key);
}

} // namespace

Outbox::Outbox(Database &db, const Identity &me, Conversations &conversations, Timeline &timeline,
    Drafts &drafts)
    : m_db(db)
    , m_me(me)
    , m_conversations(conversations)
    , m_timeline(timeline)
    , m_drafts(drafts)
{
}

QString Outbox::enqueueMessage(quint64 target, const QString &text, const Relation &relation)
{
    if (const QString why = content::checkText(text); !why.isEmpty())
        throw StoreError(StoreError::Kind::Sql, why);
    const quint64 conversationId = m_conversations.resolve(target);
    if (!m_conversations.contains(conversationId))
        throw StoreError(StoreError::Kind::Missing, QStringLiteral("no such conversation"));
    QString clientId = newClientId(); // not const: returned by move
    Statement &st = m_db.prepare("INSERT INTO outbox (client_id, kind, conversation_id, body, "
                                 "rel_type, rel_seq, rel_key, created_ms) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, clientId)
        .bind(2, qint64(OutboxEntry::Message))
        .bind(3, qint64(conversationId))
        .bind(4, content::textBody(text, mentionsIn(conversationId, text)));
    bindRelation(st, 5, relation);
    st.bind(8, QDateTime::currentMSecsSinceEpoch());
    st.exec();
    return clientId;
}

content::Mentions Outbox::mentionsIn(quint64 conversationId, const QString &text)
{
    content::Mentions mentions;
    if (!text.contains(QLatin1Char('@')))
        return mentions;
    const auto summary = m_conversations.summary(conversationId);
    const content::MentionWords words
        = content::mentionWords(text, summary && summary->kind == proto::GROUP);
    mentions.all = words.all;
    for (const QString &name : words.names)
        if (const auto id = m_conversations.userIdByName(name); id && *id != m_me.userId)
            mentions.users.append(*id);
    return mentions;
}

bool Outbox::enqueueRead(quint64 target)
{
    const quint64 conversationId = m_conversations.resolve(target);
    if (Conversations::isLocal(conversationId))
        return false;
    const auto summary = m_conversations.summary(conversationId);
    if (!summary)
        return false;
    // Only what this device holds: a read mark must not cover messages the
    // user has never been shown (they would stay unread on other devices).
    const quint64 seq = summary->localSeq;
    Transaction txn(m_db);
    m_conversations.setReadSeq(conversationId, seq);
    m_db.prepare("INSERT INTO outbox (client_id, kind, conversation_id, read_seq, created_ms) "
                 "VALUES (?, ?, ?, ?, ?)")
        .bind(1, newClientId())
        .bind(2, qint64(OutboxEntry::Read))
        .bind(3, qint64(conversationId))
        .bind(4, qint64(seq))
        .bind(5, QDateTime::currentMSecsSinceEpoch())
        .exec();
    txn.commit();
    return true;
}

QString Outbox::enqueueGroupAction(quint64 target, proto::GroupActionRequest action)
{
    const quint64 conversationId = m_conversations.resolve(target);
    const auto summary = m_conversations.summary(conversationId);
    // A remark is one's own note: also on a group one has left.
    const bool mayHaveLeft = action.has_remark();
    if (!summary || summary->kind != proto::GROUP || (!summary->isMember() && !mayHaveLeft))
        throw StoreError(StoreError::Kind::Missing, QStringLiteral("not a group you are in"));
    action.set_base_version(summary->groupVersion);
    return insertGroupAction(conversationId, std::move(action));
}

QString Outbox::enqueueJoin(quint64 groupId, const QString &note)
{
    proto::GroupActionRequest action;
    action.set_join(note.toStdString());
    return insertGroupAction(groupId, std::move(action)); // no version: not in it yet
}

QString Outbox::enqueueAccountRequest(const proto::Envelope &request)
{
    if (!request.has_friend_action() && !request.has_profile_set()
        && !request.has_settings_request())
        throw StoreError(StoreError::Kind::Sql, QStringLiteral("not a request about the user"));
    QString clientId = newClientId(); // not const: returned by move
    m_db.prepare("INSERT INTO outbox (client_id, kind, conversation_id, body, created_ms) "
                 "VALUES (?, ?, 0, ?, ?)")
        .bind(1, clientId)
        .bind(2, qint64(OutboxEntry::Account))
        .bind(3, QByteArray::fromStdString(request.SerializeAsString()))
        .bind(4, QDateTime::currentMSecsSinceEpoch())
        .exec();
    return clientId;
}

QString Outbox::enqueueGroupCreate(
    const QString &name, const QStringList &members, int join, int history, quint64 *localId)
{
    if (name.trimmed().isEmpty() || name.size() > limits::kMaxGroupNameChars)
        throw StoreError(StoreError::Kind::Sql,
            QStringLiteral("a group's name has 1 to %1 characters")
                .arg(limits::kMaxGroupNameChars));
    Transaction txn(m_db);
    const quint64 id = m_conversations.startGroup(name, QDateTime::currentMSecsSinceEpoch());
    QString clientId = newClientId(); // not const: returned by move
    proto::GroupCreateRequest req;
    req.set_client_id(clientId.toStdString()); // the server's create is idempotent by it
    req.set_name(name.toStdString());
    for (const QString &m : members)
        req.add_members(m.toStdString());
    req.set_join(proto::JoinPolicy(join));
    req.set_history(proto::HistoryPolicy(history));
    m_db.prepare("INSERT INTO outbox (client_id, kind, conversation_id, body, created_ms) "
                 "VALUES (?, ?, ?, ?, ?)")
        .bind(1, clientId)
        .bind(2, qint64(OutboxEntry::GroupCreate))
        .bind(3, qint64(id))
        .bind(4, QByteArray::fromStdString(req.SerializeAsString()))
        .bind(5, QDateTime::currentMSecsSinceEpoch())
        .exec();
    txn.commit();
    *localId = id;
    return clientId;
}

void Outbox::abandonLocal(const OutboxEntry &create, const QString &error)
{
    Transaction txn(m_db);
    remove(create.clientId);
    m_db.prepare("UPDATE outbox SET state = ?, error = ? WHERE conversation_id = ?")
        .bind(1, qint64(OutboxEntry::Failed))
        .bind(2, error)
        .bind(3, qint64(create.conversationId))
        .exec();
    txn.commit();
}

QString Outbox::insertGroupAction(quint64 conversationId, proto::GroupActionRequest action)
{
    QString clientId = newClientId(); // not const: returned by move
    action.set_client_id(clientId.toStdString());
    action.set_conversation_id(conversationId);
    m_db.prepare("INSERT INTO outbox (client_id, kind, conversation_id, body, created_ms) "
                 "VALUES (?, ?, ?, ?, ?)")
        .bind(1, clientId)
        .bind(2, qint64(OutboxEntry::GroupAction))
        .bind(3, qint64(conversationId))
        .bind(4, QByteArray::fromStdString(action.SerializeAsString()))
        .bind(5, QDateTime::currentMSecsSinceEpoch())
        .exec();
    return clientId;
}

std::optional<OutboxEntry> Outbox::nextPending()
{
    Statement &st = m_db.prepare("SELECT ord, client_id, kind, conversation_id, body, read_seq, "
                                 "attempts, rel_type, rel_seq, rel_key FROM outbox "
                                 "WHERE state = ? ORDER BY ord LIMIT 1");
    st.bind(1, qint64(OutboxEntry::Pending));
    std::optional<OutboxEntry> out;
    if (st.step()) {
        OutboxEntry e;
        e.ord = st.int64(0);
        e.clientId = st.text(1);
        e.kind = OutboxEntry::Kind(st.int64(2));
        e.conversationId = quint64(st.int64(3));
        e.body = st.blob(4);
        e.readSeq = quint64(st.int64(5));
        e.attempts = int(st.int64(6));
        e.relation.type = Relation::Type(st.int64(7));
        e.relation.seq = quint64(st.int64(8));
        e.relation.key = st.text(9);
        out = e;
    }
    st.reset();
    return out;
}

int Outbox::pendingMessageCount()
{
    Statement &st = m_db.prepare("SELECT count(*) FROM outbox WHERE state = ? AND kind = ?");
    st.bind(1, qint64(OutboxEntry::Pending)).bind(2, qint64(OutboxEntry::Message));
    st.step();
    const int n = int(st.int64(0));
    st.reset();
    return n;
}

int Outbox::pendingCount()
{
    Statement &st = m_db.prepare("SELECT count(*) FROM outbox WHERE state = ?");
    st.bind(1, qint64(OutboxEntry::Pending));
    st.step();
    const int n = int(st.int64(0));
    st.reset();
    return n;
}

quint64 Outbox::acknowledge(
    const OutboxEntry &entry, quint64 conversationId, quint64 seq, quint64 id, qint64 timeMs)
{
    Transaction txn(m_db);
    if (entry.kind == OutboxEntry::GroupCreate && entry.conversationId != conversationId) {
        // The server created the local group: the local conversation is that one now.
        retarget(entry.conversationId, conversationId);
        m_drafts.move(entry.conversationId, conversationId);
        m_conversations.adopt(entry.conversationId, conversationId);
    }
    if (entry.kind == OutboxEntry::GroupAction || entry.kind == OutboxEntry::GroupCreate) {
        m_conversations.raiseHead(conversationId, seq);
        m_db.prepare("DELETE FROM outbox WHERE client_id = ?").bind(1, entry.clientId).exec();
        txn.commit();
        return conversationId;
    }
    if (entry.conversationId != conversationId && Conversations::isLocal(entry.conversationId)) {
        // The server created the direct chat: the local conversation is that one now.
        retarget(entry.conversationId, conversationId);
        m_drafts.move(entry.conversationId, conversationId);
        m_conversations.adopt(entry.conversationId, conversationId);
    }
    StoredEvent ev;
    ev.conversationId = conversationId;
    ev.seq = seq;
    ev.id = id;
    ev.senderId = m_me.userId;
    ev.senderDevice = m_me.deviceId;
    ev.clientId = entry.clientId;
    ev.kind = proto::EVENT_MESSAGE;
    ev.timeMs = timeMs;
    ev.body = entry.body;
    ev.relation = entry.relation;
    m_timeline.insert({ ev });
    m_db.prepare("DELETE FROM outbox WHERE client_id = ?").bind(1, entry.clientId).exec();
    txn.commit();
    return conversationId;
}

void Outbox::remove(const QString &clientId)
{
    m_db.prepare("DELETE FROM outbox WHERE client_id = ?").bind(1, clientId).exec();
}

void Outbox::fail(const QString &clientId, const QString &error)
{
    m_db.prepare("UPDATE outbox SET state = ?, error = ? WHERE client_id = ?")
        .bind(1, qint64(OutboxEntry::Failed))
        .bind(2, error)
        .bind(3, clientId)
        .exec();
}

void Outbox::noteAttempt(const QString &clientId)
{
    m_db.prepare("UPDATE outbox SET attempts = attempts + 1 WHERE client_id = ?")
        .bind(1, clientId)
        .exec();
}

bool Outbox::retry(const QString &clientId)
{
    m_db.prepare("UPDATE outbox SET state = ?, error = NULL WHERE client_id = ? AND state = ?")
        .bind(1, qint64(OutboxEntry::Pending))
        .bind(2, clientId)
        .bind(3, qint64(OutboxEntry::Failed))
        .exec();
    return m_db.changes() > 0;
}

void Outbox::retarget(quint64 from, quint64 to)
{
    m_db.prepare("UPDATE outbox SET conversation_id = ? WHERE conversation_id = ?")
        .bind(1, qint64(to))
        .bind(2, qint64(from))
        .exec();
}

QList<MessageRow> Outbox::lines(quint64 conversationId)
{
    QList<MessageRow> out;
    Statement &st = m_db.prepare("SELECT client_id, body, state, created_ms, error, rel_type, "
                                 "rel_seq FROM outbox WHERE conversation_id = ? AND kind = ? "
                                 "ORDER BY ord");
    st.bind(1, qint64(conversationId)).bind(2, qint64(OutboxEntry::Message));
    while (st.step()) {
        MessageRow row;
        row.clientId = st.text(0);
        row.text = content::text(st.blob(1));
        row.state = st.int64(2) == OutboxEntry::Failed ? MessageRow::State::Failed
                                                       : MessageRow::State::Pending;
        row.timeMs = st.int64(3);
        row.error = st.text(4);
        if (st.int64(5) == qint64(Relation::Type::Reply))
            row.replyTo = quint64(st.int64(6));
        row.from = m_me.userName;
        out.append(row);
    }
    st.reset();
    return out;
}

} // namespace natter
