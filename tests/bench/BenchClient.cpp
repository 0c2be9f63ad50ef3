#include "BenchClient.h"

#include "protocol/Frame.h"

namespace natter::bench {

BenchClient::BenchClient(QObject *parent)
    : QObject(parent)
{
    m_socket.setMaxAllowedIncomingMessageSize(limits::kMaxServerFrameBytes);
    m_socket.setMaxAllowedIncomingFrameSize(limits::kMaxServerFrameBytes);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        // QWebSocket sets TCP_NODELAY on its socket itself (checked with strace).
        m_open = true;
        Q_EMIT connected();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        const bool wasOpen = m_open;
        m_open = false;
        m_pending.clear();
        QString reason = m_socket.closeReason();
        if (reason.isEmpty())
            reason = m_socket.errorString();
        if (reason.isEmpty())
            reason = wasOpen ? QStringLiteral("closed") : QStringLiteral("connect failed");
        Q_EMIT disconnected(reason);
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &BenchClient::onBinary);
}

void BenchClient::open(const QUrl &url)
{
    m_socket.open(url);
}

void BenchClient::close()
{
    m_pending.clear();
    m_socket.close();
}

void BenchClient::request(proto::Envelope envelope, Handler onResponse)
{
    const quint64 id = m_nextRequestId++;
    envelope.set_version(kProtocolVersion);
    envelope.set_request_id(id);
    m_pending.insert(id, std::move(onResponse));
    m_socket.sendBinaryMessage(encodeEnvelope(envelope));
}

void BenchClient::onBinary(const QByteArray &frame)
{
    m_scratch.Clear();
    if (decodeEnvelope(frame, &m_scratch) != DecodeResult::Ok) {
        Q_EMIT protocolError(QStringLiteral("undecodable frame"));
        return;
    }
    if (m_scratch.request_id() == 0) {
        if (m_onPush)
            m_onPush(m_scratch);
        return;
    }
    auto it = m_pending.find(m_scratch.request_id());
    if (it == m_pending.end()) {
        Q_EMIT protocolError(QStringLiteral("response to unknown request"));
        return;
    }
    Handler handler = std::move(it.value());
    m_pending.erase(it);
    if (handler)
        handler(m_scratch);
}

} // namespace natter::bench
