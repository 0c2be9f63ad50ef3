#include "sync/FeedSync.h"

#include "people/PeopleRequests.h"

#include "Logging.h"
#include "protocol/Frame.h"
#include "sync/Replies.h"

namespace natter {

FeedSync::FeedSync(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_retry(200, 10000, Backoff::Jitter::None)
{
    connect(&m_retry, &Backoff::due, this, &FeedSync::pull);
}

void FeedSync::attach(Connection *session)
{
    m_session = session;
    m_inFlight = m_again = false;
    if (!session)
        m_retry.cancel();
}

void FeedSync::onFeedNotify(quint64 seq)
{
    try {
        if (seq > m_store.accountState().feedSeq())
            pull();
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the feed cursor:" << e.message();
        m_retry.schedule();
    }
}

void FeedSync::pull()
{
    if (!m_session)
        return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    proto::Envelope env;
    try {
        env.mutable_feed_pull()->set_after_seq(m_store.accountState().feedSeq());
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the feed cursor:" << e.message();
        m_retry.schedule();
        return;
    }
    m_inFlight = true;
    m_again = false;
    env.mutable_feed_pull()->set_limit(limits::kDefaultPullLimit);
    Connection *session = m_session;
    session->request(env, [this, session](const proto::Envelope &reply) {
        if (session != m_session)
            return;
        m_inFlight = false;
        if (!reply.has_feed_response()) {
            // A lost connection reconnects and catches up by itself.
            if (session->isOpen()) {
                qCWarning(lcSync) << "feed pull failed:" << replyError(reply);
                m_retry.schedule();
            }
            return;
        }
        const auto &resp = reply.feed_response();
        QList<std::pair<quint64, quint64>> merged;
        try {
            merged = apply(resp);
        } catch (const StoreError &e) {
            qCCritical(lcSync) << "cannot store the feed:" << e.message();
            m_retry.schedule();
            return;
        }
        m_retry.reset();
        for (const auto &[local, id] : std::as_const(merged))
            emit conversationCreated(local, id);
        if (m_again || resp.entries_size() >= int(limits::kDefaultPullLimit))
            pull();
        emit applied();
    });
}

QList<std::pair<quint64, quint64>> FeedSync::apply(const proto::FeedPullResponse &resp)
{
    QList<std::pair<quint64, quint64>> merged;
    bool requestsChanged = false;
    bool newSettings = false;
    bool contactsChanged = false;
    bool newProfile = false;
    {
        Store::Transaction txn(m_store);
        quint64 seq = m_store.accountState().feedSeq();
        for (const auto &entry : resp.entries()) {
            if (entry.has_joined()) {
                const auto &j = entry.joined();
                QList<MemberInfo> members;
                for (const auto &m : j.members())
                    members.append({ m.user_id(), QString::fromStdString(m.user()) });
                for (quint64 local : m_store.joinConversation(j.conversation_id(), j.kind(),
                         members, QString::fromStdString(j.title()), j.visible_from()))
                    merged.append({ local, j.conversation_id() });
            } else if (entry.has_left()) {
                m_store.conversations().applyLeft(entry.left().conversation_id(),
                    entry.left().last_seq(), entry.left().dissolved());
            } else if (entry.has_read()) {
                m_store.conversations().setReadSeq(
                    entry.read().conversation_id(), entry.read().seq());
            } else if (entry.has_join_request()) {
                const auto &r = entry.join_request();
                m_store.groups().applyRequest({ r.conversation_id(), r.user().user_id(),
                    QString::fromStdString(r.user().user()), QString::fromStdString(r.note()),
                    r.time_ms(), QString::fromStdString(r.title()), JoinRequestRow::State::Pending,
                    {} });
                requestsChanged = true;
            } else if (entry.has_join_decision()) {
                const auto &d = entry.join_decision();
                m_store.groups().applyDecision(d.conversation_id(), d.user().user_id(),
                    d.approved(), QString::fromStdString(d.by().user()));
                requestsChanged = true;
            } else if (entry.has_remark()) {
                m_store.groups().setRemark(entry.remark().conversation_id(),
                    QString::fromStdString(entry.remark().text()));
            } else if (entry.has_settings()) {
                const auto &us = entry.settings();
                m_store.accountState().setSettings({ us.receipts_off(), us.presence_off(),
                    us.unsearchable(), us.message_policy() == proto::MESSAGES_FRIENDS });
                newSettings = true;
            } else if (entry.has_contact()) {
                m_store.contacts().upsert(PeopleRequests::contactRow(entry.contact()));
                contactsChanged = true;
            } else if (entry.has_profile()) {
                m_store.accountState().setProfile(
                    { QString::fromStdString(entry.profile().display_name()),
                        QString::fromStdString(entry.profile().status()) });
                newProfile = true;
            }
            seq = std::max<quint64>(seq, entry.seq());
        }
        m_store.accountState().setFeedSeq(seq);
        txn.commit();
    }
    QList<HeadUpdate> heads;
    heads.reserve(resp.heads_size());
    for (const auto &h : resp.heads())
        heads.append({ h.conversation_id(), h.last_seq() });
    m_store.conversations().applyHeads(heads);
    emit conversationsChanged();
    if (requestsChanged)
        emit joinRequestsChanged();
    if (newSettings)
        emit settingsChanged();
    if (contactsChanged)
        emit this->contactsChanged();
    if (newProfile)
        emit profileChanged();
    return merged;
}

} // namespace natter
