#include "sync/SyncEngine.h"

#include "Logging.h"

namespace natter {

SyncEngine::SyncEngine(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_supervisor(store)
    , m_account(store, m_supervisor)
    , m_groups(m_supervisor)
    , m_people(store, m_supervisor)
    , m_feed(store)
    , m_timeline(store)
    , m_sender(store)
    , m_receipts(store)
{
    connect(&m_supervisor, &ConnectionSupervisor::connecting, this,
        [this] { setState(State::Connecting); });
    connect(&m_supervisor, &ConnectionSupervisor::signedIn, this, [this](Connection *session) {
        attach(session);
        setState(State::Syncing);
        m_feed.pull();
        m_sender.flush();
        m_receipts.catchUp();
    });
    connect(&m_supervisor, &ConnectionSupervisor::lost, this, [this] {
        attach(nullptr);
        if (m_state != State::LoggedOut)
            setState(State::Offline);
    });
    connect(&m_supervisor, &ConnectionSupervisor::loggedOut, this, [this](const QString &why) {
        attach(nullptr);
        setState(State::LoggedOut);
        if (!why.isEmpty())
            emit authLost(why);
    });
    connect(&m_supervisor, &ConnectionSupervisor::certificateRefused, this,
        &SyncEngine::certificateRefused);
    connect(
        &m_supervisor, &ConnectionSupervisor::accountDisabled, this, &SyncEngine::accountDisabled);
    connect(&m_supervisor, &ConnectionSupervisor::pushReceived, this, &SyncEngine::onPush);
    connect(&m_account, &AccountRequests::loggedOut, this, [this] {
        attach(nullptr);
        setState(State::LoggedOut);
    });

    connect(&m_feed, &FeedSync::conversationsChanged, this, &SyncEngine::conversationsChanged);
    connect(&m_feed, &FeedSync::joinRequestsChanged, this, &SyncEngine::joinRequestsChanged);
    connect(&m_feed, &FeedSync::settingsChanged, this, &SyncEngine::settingsChanged);
    connect(&m_feed, &FeedSync::contactsChanged, this, &SyncEngine::contactsChanged);
    connect(&m_people, &PeopleRequests::queued, this, &SyncEngine::outboxChanged);
    connect(&m_feed, &FeedSync::profileChanged, this, &SyncEngine::profileChanged);
    connect(&m_receipts, &ReceiptSync::receiptsChanged, this, &SyncEngine::messagesChanged);
    connect(&m_feed, &FeedSync::conversationCreated, this, &SyncEngine::conversationCreated);
    connect(&m_feed, &FeedSync::applied, this, [this] {
        m_timeline.pullMissing();
        checkIdle();
    });
    connect(&m_timeline, &TimelineSync::messagesChanged, this, &SyncEngine::messagesChanged);
    connect(
        &m_timeline, &TimelineSync::conversationsChanged, this, &SyncEngine::conversationsChanged);
    connect(&m_timeline, &TimelineSync::unknownConversation, &m_feed, &FeedSync::pull);
    connect(&m_timeline, &TimelineSync::settled, this, &SyncEngine::checkIdle);
    connect(&m_sender, &OutboxSender::outboxStateChanged, this, &SyncEngine::outboxStateChanged);
    connect(&m_sender, &OutboxSender::messagesChanged, this, &SyncEngine::messagesChanged);
    connect(
        &m_sender, &OutboxSender::conversationsChanged, this, &SyncEngine::conversationsChanged);
    connect(&m_sender, &OutboxSender::conversationCreated, this, &SyncEngine::conversationCreated);
    connect(&m_sender, &OutboxSender::acknowledged, &m_timeline, &TimelineSync::pullMissing);
    connect(&m_sender, &OutboxSender::feedGrew, &m_feed, &FeedSync::pull);
    connect(&m_sender, &OutboxSender::sendFailed, this, &SyncEngine::sendFailed);
    connect(&m_sender, &OutboxSender::settled, this, &SyncEngine::checkIdle);
}

SyncEngine::~SyncEngine()
{
    attach(nullptr); // the parts forget the session, then it goes
    m_supervisor.shutdown();
}

void SyncEngine::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void SyncEngine::attach(Connection *session)
{
    m_feed.attach(session);
    m_timeline.attach(session);
    m_sender.attach(session);
    m_receipts.attach(session);
}

void SyncEngine::start()
{
    m_supervisor.start();
}

void SyncEngine::stop()
{
    attach(nullptr);
    m_supervisor.stop();
    setState(State::Offline);
}

void SyncEngine::outboxChanged()
{
    emit outboxStateChanged();
    m_sender.flush();
}

void SyncEngine::onPush(const proto::Envelope &push)
{
    if (push.has_notify())
        m_timeline.onNotify(push.notify().conversation_id(), push.notify().seq());
    else if (push.has_feed_notify())
        m_feed.onFeedNotify(push.feed_notify().seq());
    else if (push.has_receipt_notify())
        m_receipts.onReceiptNotify(
            push.receipt_notify().conversation_id(), push.receipt_notify().seq());
}

bool SyncEngine::isIdle() const
{
    if (!m_supervisor.session() || m_feed.isBusy() || m_timeline.isBusy() || m_sender.isBusy())
        return false;
    return m_store.conversations().missingRanges().isEmpty()
        && m_store.outbox().pendingCount() == 0;
}

void SyncEngine::checkIdle()
{
    bool idleNow = false;
    try {
        idleNow = isIdle();
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the store:" << e.message();
        return;
    }
    if (!idleNow)
        return;
    setState(State::Online);
    emit idle();
}

} // namespace natter
