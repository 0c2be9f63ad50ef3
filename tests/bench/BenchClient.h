// BenchClient: one protocol connection for natter-bench. Speaks the real wire
// protocol (one Envelope per binary WebSocket frame), pairs responses to
// requests by request_id and hands pushes (request_id 0) to a callback.
// Single-threaded: all clients of a run live on the main thread's event loop.
#pragma once

#include "natter.pb.h"

#include <QHash>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace natter::bench {

class BenchClient : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const proto::Envelope &)>;

    explicit BenchClient(QObject *parent = nullptr);

    void open(const QUrl &url);
    void close();
    bool isOpen() const { return m_open; }

    // Sends a request (the body must be set; version and request_id are
    // filled in). The handler gets the response, which may be an Error; it
    // is not called if the connection drops first (see disconnected()).
    void request(proto::Envelope envelope, Handler onResponse);

    void setPushHandler(Handler handler) { m_onPush = std::move(handler); }
    int pendingRequests() const { return static_cast<int>(m_pending.size()); }

    // Identity after register/login.
    quint64 userId = 0;
    QString userName;
    QString password; // as registered by UserSetup
    QString token; // the device token from the AuthResponse

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void protocolError(const QString &reason); // undecodable or unpaired frame

private:
    void onBinary(const QByteArray &frame);

    QWebSocket m_socket;
    bool m_open = false;
    quint64 m_nextRequestId = 1;
    QHash<quint64, Handler> m_pending;
    Handler m_onPush;
    proto::Envelope m_scratch; // reused for decoding
};

} // namespace natter::bench
