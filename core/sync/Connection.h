// One WebSocket connection to natterd speaking Envelopes: pairs requests with
// responses by request id, times out silent requests, and hands pushes
// (Notify, FeedNotify) to whoever listens. Finds dead links by itself: a
// connect that does not complete in time, or a connection that stops
// answering pings (a half-open socket after sleep or a network change), is
// closed, so the owner reconnects. Lives on the thread that created
// it; not thread-safe. When the socket closes, every pending request is
// answered with an INTERNAL "connection lost" error.
//
// wss:// URLs verify the server's certificate against the system CAs plus
// any certificates set with setTrustedCertificates() (a self-hosted server's
// own certificate or its CA), including the host name. Certificate errors are
// never ignored: the connection is refused and the reason ("the server's
// certificate is not trusted (self-signed certificate)") becomes the
// disconnected() reason.
#pragma once

#include "natter.pb.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace natter {

class Connection : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const proto::Envelope &reply)>;

    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    // Extra trust anchors for wss://; applies to the next open().
    void setTrustedCertificates(const QList<QSslCertificate> &certificates);
    void open(const QUrl &url);
    void close();
    bool isOpen() const { return m_open; }
    // True when the last attempt failed on the server's certificate.
    bool certificateRefused() const { return !m_certificateError.isEmpty(); }

    // "the server's certificate does not match host 127.0.0.1; …"
    static QString describeSslErrors(const QList<QSslError> &errors, const QString &host);

    // Sends a request (version and request id are filled in). The callback
    // runs exactly once: with the response, or with a synthesized error.
    void request(proto::Envelope envelope, Callback callback);

    static constexpr int kRequestTimeoutMs = 30000;
    static constexpr int kConnectTimeoutMs = 15000;
    // Ping period; a connection silent for two periods is dropped.
    // NATTER_KEEPALIVE_MS overrides it (tests).
    static int keepAliveMs();

signals:
    void connected();
    void disconnected(const QString &reason);
    void pushReceived(const natter::proto::Envelope &push);

private:
    void onBinary(const QByteArray &frame);
    void onClosed();
    void failAll(const QString &reason);
    void checkTimeouts();
    void keepAlive();

    struct Pending
    {
        Callback callback;
        qint64 deadlineMs;
    };
    QWebSocket m_socket;
    QTimer m_timeouts;
    QTimer m_connectTimer;
    QTimer m_keepAlive;
    bool m_awaitingPong = false;
    bool m_closeHandled = false;
    QHash<quint64, Pending> m_pending;
    quint64 m_nextId = 1;
    bool m_open = false;
    QList<QSslCertificate> m_trusted;
    QString m_certificateError; // set by sslErrors, reported by onClosed
};

} // namespace natter
