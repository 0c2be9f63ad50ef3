#include "gateway/Session.h"

#include "common/Logging.h"

namespace natter::server {

Session::Session(
    quint64 id, int thread, Link *link, QString peerAddress, metrics::NetworkMetrics &metrics)
    : m_id(id)
    , m_thread(thread)
    , m_link(link)
    , m_metrics(metrics)
    , m_peerAddress(std::move(peerAddress))
{
}

void Session::setAuthenticated(quint64 userId, quint64 deviceId)
{
    m_userId = userId;
    m_deviceId = deviceId;
}

void Session::clearAuthentication()
{
    m_userId = 0;
    m_deviceId = 0;
}

void Session::send(const proto::Envelope &envelope)
{
    if (m_closing)
        return;
    const QByteArray bytes = encodeEnvelope(envelope);
    m_link->sendBinary(bytes);
    using metrics::NotifyKind;
    switch (envelope.body_case()) {
    case proto::Envelope::kError: m_metrics.error(envelope.error().code()); break;
    case proto::Envelope::kPullResponse:
        m_metrics.pullEvents.observe(envelope.pull_response().events_size());
        break;
    case proto::Envelope::kFeedResponse:
        m_metrics.pullEvents.observe(envelope.feed_response().entries_size());
        break;
    case proto::Envelope::kNotify: m_metrics.notifies[int(NotifyKind::Conversation)].add(); break;
    case proto::Envelope::kFeedNotify: m_metrics.notifies[int(NotifyKind::Feed)].add(); break;
    case proto::Envelope::kReceiptNotify: m_metrics.notifies[int(NotifyKind::Receipt)].add(); break;
    default: break;
    }
}

void Session::sendError(quint64 requestId, proto::ErrorCode code, const QString &message)
{
    send(makeError(requestId, code, message));
}

void Session::close(CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    qCDebug(lcGateway) << "closing session" << m_id << reason;
    m_link->close(code, reason.toUtf8());
}

} // namespace natter::server
