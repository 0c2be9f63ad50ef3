#include "sync/ConnectionSupervisor.h"

#include "Logging.h"
#include "sync/Replies.h"

namespace natter {

ConnectionSupervisor::ConnectionSupervisor(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_reconnect(200, 10000, Backoff::Jitter::TenPercent)
{
    connect(&m_reconnect, &Backoff::due, this, &ConnectionSupervisor::connectNow);
}

ConnectionSupervisor::~ConnectionSupervisor()
{
    shutdown();
}

void ConnectionSupervisor::shutdown()
{
    // Destroying a connection answers its pending requests with an error;
    // their callbacks see a connection that is no longer the session and
    // return (found by fuzz_client_responses under UBSan, when they ran on
    // an engine whose parts were already gone).
    m_running = false;
    m_reconnect.cancel();
    m_signedIn = false;
    m_conn = nullptr;
    const QList<Connection *> all = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
    for (Connection *conn : all) {
        conn->disconnect(this);
        delete conn;
    }
}

Connection *ConnectionSupervisor::newConnection()
{
    auto *conn = new Connection(this);
    try {
        const QString pem = m_store.accountState().trustedCertificates();
        if (!pem.isEmpty())
            conn->setTrustedCertificates(QSslCertificate::fromData(pem.toLatin1(), QSsl::Pem));
    } catch (const StoreError &e) {
        qCWarning(lcSync) << "cannot read the trusted certificate:" << e.message();
    }
    return conn;
}

void ConnectionSupervisor::start()
{
    m_running = true;
    if (!m_conn)
        connectNow();
}

void ConnectionSupervisor::stop()
{
    m_running = false;
    m_reconnect.cancel();
    dropConnection();
}

void ConnectionSupervisor::dropConnection()
{
    m_signedIn = false;
    if (Connection *old = std::exchange(m_conn, nullptr)) {
        old->disconnect(this);
        old->close();
        old->deleteLater();
    }
}

void ConnectionSupervisor::connectNow()
{
    Account account;
    try {
        account = m_store.account();
    } catch (const StoreError &e) {
        qCCritical(lcSync) << "cannot read the account:" << e.message();
        m_reconnect.schedule();
        return;
    }
    if (!account.isLoggedIn()) {
        m_running = false;
        emit loggedOut(QString());
        return;
    }
    dropConnection();
    m_conn = newConnection();
    connect(m_conn, &Connection::connected, this, &ConnectionSupervisor::onConnected);
    connect(m_conn, &Connection::disconnected, this, &ConnectionSupervisor::onDisconnected);
    connect(m_conn, &Connection::pushReceived, this, [this](const proto::Envelope &push) {
        if (m_signedIn)
            emit pushReceived(push);
    });
    emit connecting();
    m_conn->open(QUrl(account.serverUrl));
}

void ConnectionSupervisor::onConnected()
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
            m_signedIn = true;
            m_reconnect.reset();
            emit signedIn(conn);
            return;
        }
        if (reply.has_error() && reply.error().code() == proto::AUTH_FAILED) {
            const QString why = replyError(reply);
            qCWarning(lcSync) << "the server refused this device:" << why;
            try {
                m_store.accountState().clearToken();
            } catch (const StoreError &e) {
                qCCritical(lcSync) << "cannot forget the token:" << e.message();
            }
            stop();
            emit loggedOut(why);
            return;
        }
        if (reply.has_error() && reply.error().code() == proto::ACCOUNT_DISABLED) {
            const QString why = replyError(reply);
            qCWarning(lcSync) << "the server refused this account:" << why;
            conn->close();
            emit accountDisabled(why);
            return;
        }
        qCInfo(lcSync) << "resume failed:" << replyError(reply);
        conn->close();
    });
}

void ConnectionSupervisor::onDisconnected(const QString &reason)
{
    // Said once per lost session; failed attempts to reconnect stay quiet.
    if (m_signedIn)
        qCInfo(lcSync) << "disconnected:" << reason;
    else
        qCDebug(lcSync) << "connection attempt failed:" << reason;
    m_lastDisconnect = reason;
    const bool refused = m_conn && m_conn->certificateRefused();
    m_signedIn = false;
    emit lost();
    if (m_running)
        m_reconnect.schedule();
    if (refused)
        emit certificateRefused(reason);
}

} // namespace natter
