// Connection: one client connection on a network thread — the WebSocket
// protocol state (upgrade, frames, closing handshake), the buffered output
// and the Session the request handlers see. Its first request may also be
// plain HTTP instead of an upgrade: that one is answered from the server's
// HttpRoutes and the connection ends after the answer. Two transports:
//
// - FdConnection (ws://): the accepted descriptor itself, non-blocking,
//   watched by the thread's EpollDispatcher. No QObject, no QTcpSocket: an
//   idle connection holds only this object (a few hundred bytes) — the input
//   buffer exists only while a frame is incomplete, the output buffer only
//   until the end of the event-loop pass that filled it.
// - SslConnection (wss://): a QSslSocket (TLS costs its buffers anyway),
//   whose decrypted bytes go through the same protocol code.
//
// Ownership: created and destroyed by its NetworkWorker, on that thread
// only. A connection that ends is "retired": unregistered at once, freed at
// the end of the event-loop pass (an event already fetched may still name it).
// Writes are buffered and flushed once per pass (NetworkWorker::afterPass),
// so the replies, acks and notifies of one pass leave in one write.
#pragma once

#include "gateway/Session.h"
#include "net/EpollDispatcher.h"
#include "net/WsProtocol.h"

#include <QByteArray>

#include <memory>

class QSslSocket;

namespace natter::server {

class NetworkWorker;

class Connection : public Link, protected ws::FrameReader::Sink
{
public:
    enum class State {
        Upgrading, // reading the HTTP request, upgrade or plain (and TLS before it)
        Open,
        Closing, // we sent a close frame; waiting for the peer's
        Gone, // retired
    };

    Connection(NetworkWorker *worker, quint64 id, QString peerAddress);
    virtual ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    Session &session() { return m_session; }
    State state() const { return m_state; }
    quint64 id() const { return m_session.id(); }
    // Output is waiting for the transport; how much was written so far.
    bool writeBlocked() const { return m_writeBlocked; }
    quint64 bytesWritten() const { return m_written; }

    // Writes what is buffered; once a finished connection's output is all
    // out, the transport is shut down.
    void flush();
    // Drops the connection at once (no close frame).
    void abort(const char *why);

    // Link
    void sendBinary(QByteArrayView message) override;
    void close(CloseCode code, QByteArrayView reason) override;

protected:
    // Bytes from the transport, in order.
    void onBytes(char *data, qsizetype size);
    // The transport ended (EOF, reset, error).
    void onTransportGone();

    // Takes up to size bytes; returns how many, or -1 on a broken transport.
    virtual qint64 writeSome(const char *data, qint64 size) = 0;
    // Called when there is output the transport did not take (wantWrite=true)
    // and when it all went (false).
    virtual void setWriteInterest(bool wantWrite) = 0;
    // All output is out and nothing more will come: end the transport
    // gracefully (the peer sees EOF after the last byte).
    virtual void shutdownTransport() = 0;
    // Stop at once and release the transport.
    virtual void releaseTransport() = 0;

    NetworkWorker *m_worker;

    // Sink
    bool onBinary(QByteArrayView message) override;
    bool onText(QByteArrayView message) override;
    bool onPing(QByteArrayView payload) override;
    bool onClose(CloseCode code, QByteArrayView reason) override;
    void onViolation(CloseCode code, const char *why) override;

private:
    qsizetype process(char *data, qsizetype size);
    void queue(); // ask for a flush at the end of this pass
    void finish(); // no more output after what is buffered
    void answerAndFinish(const QByteArray &response); // HTTP answer or refusal, then FIN
    // Behind a trusted proxy, the client its X-Forwarded-For names becomes
    // the session's address, and the IpPolicy decides on it; false: refused
    // (answered 403).
    bool admitForwarded(const net::HttpRequest &request);
    void retire();
    void setState(State next); // keeps the thread's connection gauges

    Session m_session;
    ws::FrameReader m_reader;
    std::unique_ptr<net::HttpRequestReader> m_request; // Upgrading: the request so far
    QByteArray m_in; // an incomplete frame; empty when idle
    QByteArray m_out; // not yet written
    State m_state = State::Upgrading;
    bool m_queued = false; // in the worker's flush list
    bool m_finishing = false; // shut down once m_out is written
    bool m_discardInput = false; // failed: ignore whatever else comes
    bool m_writeBlocked = false; // the transport said "later"
    quint64 m_written = 0; // bytes the transport took, in all
};

// ws:// on a raw descriptor.
class FdConnection final : public Connection, public net::IoHandler
{
public:
    FdConnection(NetworkWorker *worker, quint64 id, int fd, QString peerAddress);
    ~FdConnection() override;

    void onIo(quint32 epollEvents) override;

protected:
    qint64 writeSome(const char *data, qint64 size) override;
    void setWriteInterest(bool wantWrite) override;
    void shutdownTransport() override;
    void releaseTransport() override;

private:
    int m_fd;
    bool m_shutDown = false; // our side sent FIN; reading until the peer's
};

// wss:// on a QSslSocket created by the worker from the descriptor.
class SslConnection final : public Connection
{
public:
    SslConnection(NetworkWorker *worker, quint64 id, QSslSocket *socket);
    ~SslConnection() override;

protected:
    qint64 writeSome(const char *data, qint64 size) override;
    void setWriteInterest(bool wantWrite) override { m_wantWrite = wantWrite; }
    void shutdownTransport() override;
    void releaseTransport() override;

private:
    void readAvailable();

    bool m_wantWrite = false; // flush again when the socket wrote some

    QSslSocket *m_socket; // owned; deleted with deleteLater()
};

} // namespace natter::server
