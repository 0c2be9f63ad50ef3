#include "sync/SyncEngine.h"

#include "protocol/Frame.h"

#include "Logging.h"
#include <QRandomGenerator>

namespace natter {

namespace {

QString errorText(const proto::Envelope &reply)
{
    if (reply.body_case() != proto::Envelope::kError)
        return QStringLiteral("unexpected reply from the server");
    const QString msg = QString::fromStdString(reply.error().message());
    return msg.isEmpty() ? QString::fromLatin1(errorCodeName(reply.error().code())) : msg;
}

// Errors after which retrying the same request can succeed.
bool isTransient(proto::ErrorCode code)
{
    return code == proto::RATE_LIMITED || code == proto::INTERNAL || code == proto::UNAUTHENTICATED;
}

} // namespace

SyncEngine::SyncEngine(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_outbox(store)
{
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &SyncEngine::connectNow);
    m_outboxRetry.setSingleShot(true);
    connect(&m_outboxRetry, &QTimer::timeout, this, &SyncEngine::flushOutbox);
    m_syncRetry.setSingleShot(true);
    connect(&m_syncRetry, &QTimer::timeout, this, [this] {
        pullFeed();
        pullMissing();
    });
}

void SyncEngine::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

// --- account set-up ----------------------------------------------------------

void SyncEngine::authenticate(
    const QUrl &server, proto::Envelope request, const QString &user, Done done)
{
    Connection *conn = newConnection();
    auto finished = std::make_shared<bool>(false);
    auto finish = [conn, finished, done](const QString &error) {
        if (*finished)
            return;
        *finished = true;
        conn->deleteLater();
        done(error);
    };
    connect(conn, &Connection::disconnected, this, [this, conn, finish](const QString &reason) {
        m_lastDisconnect = reason;
        if (conn->certificateRefused())
            finish(reason);
        else
            finish(QStringLiteral("cannot reach the server (%1)").arg(reason));
    });
    const QString deviceName
        = QString::fromStdString(request.has_login() ? request.login().device_name()
                                                     : request.register_request().device_name());
    connect(conn, &Connection::connected, this,
        [this, conn, request, server, user, deviceName, finish] {
            conn->request(
                request, [this, server, user, deviceName, finish](const proto::Envelope &reply) {
                    if (reply.body_case() != proto::Envelope::kAuth) {
                        finish(errorText(reply));
                        return;
                    }
                    Account a;
                    a.serverUrl = server.toString();
                    a.user = reply.auth().user().empty()
                        ? user
                        : QString::fromStdString(reply.auth().user());
                    a.userId = reply.auth().user_id();
                    a.deviceId = reply.auth().device_id();
                    a.token = QString::fromStdString(reply.auth().token());
                    a.deviceName = deviceName;
                    try {
                        m_store.saveAccount(a);
                    } catch (const StoreError &e) {
                        finish(e.message());
                        return;
                    }
                    finish(QString());
                });
        });
    conn->open(server);
}

void SyncEngine::registerAccount(const QUrl &server, const QString &user, const QString &password,
    const QString &deviceName, Done done)
{
    proto::Envelope env;
    auto *r = env.mutable_register_request();
    r->set_user(user.toStdString());
    r->set_password(password.toStdString());
    r->set_device_name(deviceName.toStdString());
    authenticate(server, env, user, std::move(done));
}

void SyncEngine::login(const QUrl &server, const QString &user, const QString &password,
    const QString &deviceName, Done done)
{
    proto::Envelope env;
    auto *r = env.mutable_login();
    r->set_user(user.toStdString());
    r->set_password(password.toStdString());
    r->set_device_name(deviceName.toStdString());
    authenticate(server, env, user, std::move(done));
}

// --- connection life cycle ---------------------------------------------------

QString SyncEngine::setTrustedCertificates(const QByteArray &pem)
{
    if (!pem.trimmed().isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromData(pem, QSsl::Pem);
        if (certs.isEmpty() || certs.first().isNull())
            return QStringLiteral("no PEM certificate found");
    }
    try {
        m_store.setTrustedCertificates(QString::fromLatin1(pem.trimmed()));
    } catch (const StoreError &e) {
        return e.message();
    }
    return {};
}

Connection *SyncEngine::newConnection()
{
    auto *conn = new Connection(this);
    try {
        const QString pem = m_store.trustedCertificates();
        if (!pem.isEmpty())
            conn->setTrustedCertificates(QSslCertificate::fromData(pem.toLatin1(), QSsl::Pem));
    } catch (const StoreError &e) {
        qCWarning(lcSync) << "cannot read the trusted certificate:" << e.message();
    }
    return conn;
}

SyncEngine::~SyncEngine()
{
    // Destroying the connection answers its pending requests with an error.
    // Detached first, their callbacks see conn != m_conn and return, instead
    // of running on an engine whose members are already gone (found by
    // fuzz_client_responses under UBSan).
    if (Connection *conn = std::exchange(m_conn, nullptr)) {
        conn->disconnect(this);
        delete conn;
    }
}

void SyncEngine::start()
{
    m_running = true;
    if (!m_conn)
        connectNow();
}

void SyncEngine::stop()
{
    m_running = false;
    m_reconnect.stop();
    m_outboxRetry.stop();
    if (m_conn) {
        Connection *old = std::exchange(m_conn, nullptr);
        old->disconnect(this);
        old->close();
        old->deleteLater();
    }
    m_syncRetry.stop();
    m_authed = false;
    m_feedInFlight = m_feedAgain = m_pullInFlight = m_pullAgain = m_sendInFlight = false;
    setState(State::Offline);
}

void SyncEngine::connectNow()
{
    Account account;
    try {
        account = m_store.account();
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the account:" << e.message();
        scheduleReconnect();
        return;
    }
    if (!account.isLoggedIn()) {
        m_running = false;
        setState(State::LoggedOut);
        return;
    }
    if (m_conn) {
        m_conn->disconnect(this);
        m_conn->deleteLater();
    }
    m_conn = newConnection();
    connect(m_conn, &Connection::connected, this, &SyncEngine::onConnected);
    connect(m_conn, &Connection::disconnected, this, &SyncEngine::onDisconnected);
    connect(m_conn, &Connection::pushReceived, this, &SyncEngine::onPush);
    setState(State::Connecting);
    m_conn->open(QUrl(account.serverUrl));
}

void SyncEngine::onConnected()
{
    proto::Envelope env;
    try {
        env.mutable_resume()->set_token(m_store.account().token.toStdString());
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the account:" << e.message();
        m_conn->close();
        return;
    }
    Connection *conn = m_conn;
    conn->request(env, [this, conn](const proto::Envelope &reply) {
        if (conn != m_conn)
            return;
        if (reply.body_case() == proto::Envelope::kAuth) {
            m_authed = true;
            m_backoffMs = 0;
            setState(State::Syncing);
            pullFeed();
            flushOutbox();
            return;
        }
        if (reply.has_error() && reply.error().code() == proto::AUTH_FAILED) {
            qCWarning(lcSync) << "the server refused this device:" << errorText(reply);
            try {
                m_store.clearToken();
            } catch (const StoreError &e) {
                qCCritical(lcSync) << "cannot forget the token:" << e.message();
            }
            stop();
            setState(State::LoggedOut);
            emit authLost(errorText(reply));
            return;
        }
        qCInfo(lcSync) << "resume failed:" << errorText(reply);
        conn->close();
    });
}

void SyncEngine::onDisconnected(const QString &reason)
{
    // Said once per lost session; failed attempts to reconnect stay quiet.
    if (m_authed)
        qCInfo(lcSync) << "disconnected:" << reason;
    else
        qCDebug(lcSync) << "connection attempt failed:" << reason;
    m_lastDisconnect = reason;
    const bool refused = m_conn && m_conn->certificateRefused();
    m_authed = false;
    m_feedInFlight = m_feedAgain = m_pullInFlight = m_pullAgain = m_sendInFlight = false;
    if (m_state != State::LoggedOut)
        setState(State::Offline);
    if (m_running)
        scheduleReconnect();
    if (refused)
        emit certificateRefused(reason);
}

void SyncEngine::scheduleReconnect()
{
    m_backoffMs = m_backoffMs ? std::min(m_backoffMs * 2, kMaxBackoffMs) : kMinBackoffMs;
    const int jitter = int(QRandomGenerator::global()->bounded(m_backoffMs / 5 + 1));
    m_reconnect.start(m_backoffMs - m_backoffMs / 10 + jitter);
}

void SyncEngine::onPush(const proto::Envelope &push)
{
    if (!m_authed)
        return;
    try {
        if (push.has_notify()) {
            const auto &n = push.notify();
            if (!m_store.hasConversation(n.conversation_id())) {
                pullFeed(); // a conversation we learn about from the feed
                return;
            }
            if (m_store.applyHeads({ { n.conversation_id(), n.seq() } }))
                pullMissing();
        } else if (push.has_feed_notify()) {
            if (push.feed_notify().seq() > m_store.feedSeq())
                pullFeed();
        }
    } catch (const StoreError &e) {
        // The store refused (disk full?): catch up from the server later.
        qCCritical(lcSync) << "cannot record a notify:" << e.message();
        scheduleSyncRetry();
    }
}

void SyncEngine::syncRequestFailed(Connection *conn, const proto::Envelope &reply, const char *what)
{
    // A lost connection reconnects and catches up by itself; otherwise retry.
    if (!conn->isOpen())
        return;
    qCWarning(lcSync) << what << "failed:" << errorText(reply);
    scheduleSyncRetry();
}

void SyncEngine::scheduleSyncRetry()
{
    if (m_syncRetry.isActive())
        return;
    m_syncBackoffMs
        = m_syncBackoffMs ? std::min(m_syncBackoffMs * 2, kMaxBackoffMs) : kMinBackoffMs;
    m_syncRetry.start(m_syncBackoffMs);
}

// --- catching up ------------------------------------------------------------

void SyncEngine::pullFeed()
{
    if (!m_authed)
        return;
    if (m_feedInFlight) {
        m_feedAgain = true;
        return;
    }
    proto::Envelope env;
    try {
        env.mutable_feed_pull()->set_after_seq(m_store.feedSeq());
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the feed cursor:" << e.message();
        scheduleSyncRetry();
        return;
    }
    m_feedInFlight = true;
    m_feedAgain = false;
    env.mutable_feed_pull()->set_limit(limits::kDefaultPullLimit);
    Connection *conn = m_conn;
    conn->request(env, [this, conn](const proto::Envelope &reply) {
        if (conn != m_conn)
            return;
        m_feedInFlight = false;
        if (!reply.has_feed_response())
            return syncRequestFailed(conn, reply, "feed pull");
        const auto &resp = reply.feed_response();
        try {
            applyFeed(resp);
        } catch (const StoreError &e) {
            qCCritical(lcSync) << "cannot store the feed:" << e.message();
            scheduleSyncRetry();
            return;
        }
        m_syncBackoffMs = 0;
        if (m_feedAgain || resp.entries_size() >= int(limits::kDefaultPullLimit))
            pullFeed();
        pullMissing();
        checkIdle();
    });
}

void SyncEngine::applyFeed(const proto::FeedPullResponse &resp)
{
    const Account me = m_store.account();
    {
        Transaction txn(m_store.db());
        quint64 seq = m_store.feedSeq();
        for (const auto &entry : resp.entries()) {
            if (entry.has_joined()) {
                const auto &j = entry.joined();
                QString peer;
                for (const auto &m : j.members()) {
                    const QString name = QString::fromStdString(m.user());
                    m_store.upsertUser(m.user_id(), name);
                    if (m.user_id() != me.userId)
                        peer = name;
                }
                m_store.upsertConversation(
                    j.conversation_id(), j.kind(), j.kind() == proto::DIRECT ? peer : QString());
            } else if (entry.has_read()) {
                m_store.setReadSeq(entry.read().conversation_id(), entry.read().seq());
            }
            seq = std::max<quint64>(seq, entry.seq());
        }
        m_store.setFeedSeq(seq);
        txn.commit();
    }
    QList<HeadUpdate> heads;
    heads.reserve(resp.heads_size());
    for (const auto &h : resp.heads())
        heads.append({ h.conversation_id(), h.last_seq() });
    m_store.applyHeads(heads);
    emit conversationsChanged();
}

void SyncEngine::pullMissing()
{
    if (!m_authed)
        return;
    if (m_pullInFlight) {
        m_pullAgain = true;
        return;
    }
    QList<MissingRange> missing;
    try {
        missing = m_store.missingRanges();
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the store:" << e.message();
        scheduleSyncRetry();
        return;
    }
    if (missing.isEmpty()) {
        checkIdle();
        return;
    }
    m_pullInFlight = true;
    m_pullAgain = false;
    proto::Envelope env;
    auto *pull = env.mutable_pull();
    // Most recent conversations first, and a bounded response: at most
    // kClientPullBudget events over all ranges (kMaxPullRanges / 4 ranges).
    const qsizetype ranges = std::min<qsizetype>(missing.size(), limits::kMaxPullRanges / 4);
    const quint32 perRange = std::clamp<quint32>(
        limits::kClientPullBudget / quint32(ranges), 1, limits::kDefaultPullLimit);
    for (const MissingRange &r : std::as_const(missing).first(ranges)) {
        auto *range = pull->add_ranges();
        range->set_conversation_id(r.conversationId);
        range->set_after_seq(r.afterSeq);
        range->set_limit(perRange);
    }
    Connection *conn = m_conn;
    conn->request(env, [this, conn](const proto::Envelope &reply) {
        if (conn != m_conn)
            return;
        m_pullInFlight = false;
        if (!reply.has_pull_response())
            return syncRequestFailed(conn, reply, "pull");
        const auto &resp = reply.pull_response();
        QList<StoredEvent> events;
        events.reserve(resp.events_size());
        for (const auto &e : resp.events()) {
            StoredEvent ev;
            ev.conversationId = e.conversation_id();
            ev.seq = e.seq();
            ev.id = e.id();
            ev.senderId = e.sender_id();
            ev.senderDevice = e.sender_device();
            ev.clientId = QString::fromStdString(e.client_id());
            ev.kind = e.kind();
            ev.timeMs = e.time_ms();
            ev.body = QByteArray::fromStdString(e.body());
            events.append(std::move(ev));
        }
        QList<HeadUpdate> heads;
        for (const auto &h : resp.heads())
            heads.append({ h.conversation_id(), h.last_seq() });
        QList<quint64> changed;
        try {
            changed = m_store.insertEvents(events);
            m_store.applyHeads(heads);
        } catch (const StoreError &e) {
            qCCritical(lcSync) << "cannot store pulled events:" << e.message();
            scheduleSyncRetry();
            return;
        }
        m_syncBackoffMs = 0;
        for (quint64 id : std::as_const(changed))
            emit messagesChanged(id);
        if (!changed.isEmpty())
            emit conversationsChanged();
        // No progress means the server has nothing more for now: stop rather
        // than spin; a later notify or reconnect resumes.
        if (!events.isEmpty() || m_pullAgain)
            pullMissing();
        else
            checkIdle();
    });
}

// --- outbox replay ------------------------------------------------------------

void SyncEngine::outboxChanged()
{
    emit outboxStateChanged();
    flushOutbox();
}

void SyncEngine::flushOutbox()
{
    if (!m_authed || m_sendInFlight || m_outboxRetry.isActive())
        return;
    std::optional<OutboxEntry> next;
    try {
        next = m_outbox.nextPending();
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the outbox:" << e.message();
        return;
    }
    if (!next) {
        checkIdle();
        return;
    }
    const OutboxEntry entry = *next;
    proto::Envelope env;
    if (entry.kind == OutboxEntry::Message) {
        auto *send = env.mutable_send();
        send->set_client_id(entry.clientId.toStdString());
        send->set_to_user(entry.peer.toStdString());
        send->set_body(entry.body.toStdString());
    } else {
        env.mutable_mark_read()->set_conversation_id(entry.conversationId);
        env.mutable_mark_read()->set_seq(entry.readSeq);
    }
    m_sendInFlight = true;
    Connection *conn = m_conn;
    // One entry in flight at a time: the server assigns seqs in arrival order,
    // so this keeps the outbox order even when an entry must be retried.
    conn->request(env, [this, conn, entry](const proto::Envelope &reply) {
        if (conn != m_conn)
            return;
        m_sendInFlight = false;
        try {
            if (reply.has_ack()) {
                const auto &ack = reply.ack();
                m_outbox.acknowledge(
                    entry, ack.conversation_id(), ack.seq(), ack.id(), ack.time_ms());
                m_outboxBackoffMs = 0;
                emit messagesChanged(ack.conversation_id());
                emit conversationsChanged();
                emit outboxStateChanged();
                // The ack may reveal a new conversation or a gap before our seq.
                pullMissing();
            } else if (reply.has_ok()) {
                m_outbox.remove(entry.clientId);
                emit outboxStateChanged();
            } else if (!conn->isOpen()) {
                return; // connection lost: the entry is replayed after reconnecting
            } else if (reply.has_error() && isTransient(reply.error().code())) {
                m_outbox.noteAttempt(entry.clientId);
                m_outboxBackoffMs = m_outboxBackoffMs
                    ? std::min(m_outboxBackoffMs * 2, kMaxBackoffMs)
                    : kMinBackoffMs;
                m_outboxRetry.start(m_outboxBackoffMs);
                if (reply.error().code() == proto::UNAUTHENTICATED)
                    conn->close();
                return;
            } else {
                const QString why = errorText(reply);
                qCWarning(lcSync) << "send" << entry.clientId << "failed:" << why;
                m_outbox.fail(entry.clientId, why);
                emit outboxStateChanged();
                emit sendFailed(entry.clientId, why);
            }
        } catch (const StoreError &e) {
            // E.g. a full disk while storing an ack: the server has the
            // message, so a retry gets the same ack back.
            qCCritical(lcSync) << "cannot update the outbox:" << e.message();
            m_outboxBackoffMs = m_outboxBackoffMs ? std::min(m_outboxBackoffMs * 2, kMaxBackoffMs)
                                                  : kMinBackoffMs;
            m_outboxRetry.start(m_outboxBackoffMs);
            return;
        }
        flushOutbox();
    });
}

bool SyncEngine::isIdle() const
{
    if (!m_authed || m_feedInFlight || m_pullInFlight || m_sendInFlight || m_outboxRetry.isActive()
        || m_syncRetry.isActive())
        return false;
    auto *self = const_cast<SyncEngine *>(this);
    return self->m_store.missingRanges().isEmpty() && self->m_outbox.pendingCount() == 0;
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

// --- device management ---------------------------------------------------------

void SyncEngine::logout(Done done)
{
    if (!m_authed) {
        done(QStringLiteral("not connected to the server"));
        return;
    }
    proto::Envelope env;
    env.mutable_logout();
    m_conn->request(env, [this, done](const proto::Envelope &reply) {
        if (!reply.has_ok()) {
            done(errorText(reply));
            return;
        }
        try {
            m_store.clearToken();
        } catch (const StoreError &e) {
            qCCritical(lcSync) << "cannot forget the token:" << e.message();
        }
        stop();
        setState(State::LoggedOut);
        done(QString());
    });
}

void SyncEngine::fetchDevices(std::function<void(const QList<DeviceInfo> &, const QString &)> done)
{
    if (!m_authed) {
        done({}, QStringLiteral("not connected to the server"));
        return;
    }
    proto::Envelope env;
    env.mutable_devices_request();
    m_conn->request(env, [done](const proto::Envelope &reply) {
        if (!reply.has_devices()) {
            done({}, errorText(reply));
            return;
        }
        QList<DeviceInfo> out;
        for (const auto &d : reply.devices().devices())
            out.append({ d.id(), QString::fromStdString(d.name()), d.created_ms(), d.last_seen_ms(),
                d.current(), d.revoked() });
        done(out, QString());
    });
}

void SyncEngine::revokeDevice(quint64 deviceId, Done done)
{
    if (!m_authed) {
        done(QStringLiteral("not connected to the server"));
        return;
    }
    proto::Envelope env;
    env.mutable_revoke_device()->set_device_id(deviceId);
    m_conn->request(env, [done](const proto::Envelope &reply) {
        done(reply.has_ok() ? QString() : errorText(reply));
    });
}

} // namespace natter
