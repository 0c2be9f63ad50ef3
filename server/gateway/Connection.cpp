#include "gateway/Connection.h"

#include "common/Logging.h"
#include "gateway/GatewayContext.h"
#include "gateway/NetworkWorker.h"
#include "gateway/RequestHandler.h"
#include "net/HttpRoutes.h"

#include <QSslSocket>

#include <cerrno>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace natter::server {

namespace {
// A client that does not read its answers is cut off rather than buffered
// without bound: one largest answer plus some slack.
constexpr qsizetype kMaxBufferedOut = limits::kMaxServerFrameBytes + (1 << 20);
// What a QSslSocket may hold unsent (plain and encrypted) before we wait.
constexpr qint64 kSslWriteWindow = qint64(256) * 1024;
// One read per ready event: enough for a full frame, and fair to the others.
constexpr qsizetype kReadChunk = limits::kMaxClientFrameBytes + 16;

char *readScratch()
{
    thread_local std::unique_ptr<char[]> scratch(new char[kReadChunk]);
    return scratch.get(); // NOLINT(clang-analyzer-cplusplus.NewDelete): lives with the thread
}
} // namespace

Connection::Connection(NetworkWorker *worker, quint64 id, QString peerAddress)
    : m_worker(worker)
    , m_session(id, worker->index(), this, std::move(peerAddress), worker->metrics())
    , m_reader(limits::kMaxClientFrameBytes)
{
    m_session.metrics().connection(metrics::ConnectionState::Handshake, 1);
}

Connection::~Connection()
{
    setState(State::Gone); // the gauges count only live connections
}

void Connection::setState(State next)
{
    auto counted = [](State s, metrics::ConnectionState *as) {
        switch (s) {
        case State::Upgrading: *as = metrics::ConnectionState::Handshake; return true;
        case State::Open: *as = metrics::ConnectionState::Open; return true;
        case State::Closing: *as = metrics::ConnectionState::Closing; return true;
        case State::Gone: return false;
        }
        return false;
    };
    metrics::NetworkMetrics &m = m_session.metrics();
    metrics::ConnectionState as {};
    if (counted(m_state, &as))
        m.connection(as, -1);
    if (counted(next, &as))
        m.connection(as, 1);
    m_state = next;
}

void Connection::onBytes(char *data, qsizetype size)
{
    if (m_discardInput || m_state == State::Gone)
        return;
    m_session.metrics().bytesReceived.add(quint64(size));
    if (m_in.isEmpty()) {
        const qsizetype used = process(data, size);
        if (used < size && !m_discardInput && m_state != State::Gone)
            m_in = QByteArray(data + used, size - used);
        return;
    }
    m_in.append(data, size);
    const qsizetype used = process(m_in.data(), m_in.size());
    if (m_discardInput || m_state == State::Gone || used == m_in.size())
        m_in = QByteArray(); // frees the buffer
    else
        m_in.remove(0, used);
}

qsizetype Connection::process(char *data, qsizetype size)
{
    qsizetype used = 0;
    if (m_state == State::Upgrading) {
        // The reader keeps what it parsed: every byte is read once, and
        // nothing of an incomplete request waits in m_in.
        if (!m_request)
            m_request = std::make_unique<net::HttpRequestReader>();
        const net::HttpReadResult request = m_request->feed(QByteArrayView(data, size));
        if (request.status == net::HttpReadResult::NeedMore)
            return size;
        m_request.reset();
        if (request.status == net::HttpReadResult::Error) {
            qCDebug(lcGateway) << "HTTP request refused:" << request.why;
            answerAndFinish(
                net::httpResponseBytes(net::plainHttpResponse(request.httpStatus, request.why)));
            return size;
        }
        if (!ws::wantsWebSocket(request.request)) {
            qCDebug(lcGateway) << "HTTP" << request.request.method << request.request.path;
            answerAndFinish(m_worker->context().httpRoutes.answer(request.request));
            return size;
        }
        if (!admitForwarded(request.request))
            return size;
        const ws::UpgradeResult r = ws::answerUpgrade(request.request, request.consumed);
        if (r.status == ws::UpgradeResult::Refused) {
            qCDebug(lcGateway) << "upgrade refused:" << r.why;
            answerAndFinish(r.response);
            return size;
        }
        m_out.append(r.response);
        queue();
        setState(State::Open);
        m_worker->connectionOpened(this);
        used = r.consumed;
    }
    return used + m_reader.feed(data + used, size - used, *this);
}

bool Connection::admitForwarded(const net::HttpRequest &request)
{
    const IpPolicy &policy = m_worker->context().ipPolicy;
    const QByteArray forwarded = request.header("x-forwarded-for");
    if (forwarded.isNull() || !policy.isTrustedProxy(QHostAddress(m_session.peerAddress())))
        return true; // from anyone else, the header means nothing
    const QHostAddress client = policy.clientBehind(forwarded);
    if (client.isNull())
        return true; // only proxies named: the proxy's own address stands
    if (!policy.admits(client)) {
        m_worker->context().ipPolicy.countRefused();
        qCDebug(lcGateway) << "refused" << client.toString() << "behind proxy"
                           << m_session.peerAddress();
        answerAndFinish(net::httpResponseBytes(net::plainHttpResponse(403, "forbidden")));
        return false;
    }
    m_session.setPeerAddress(client.toString());
    return true;
}

void Connection::answerAndFinish(const QByteArray &response)
{
    // Whatever else the client sent is ignored; after the answer, FIN.
    m_out.append(response);
    m_discardInput = true;
    setState(State::Closing);
    m_worker->connectionClosing(this);
    finish();
}

bool Connection::onBinary(QByteArrayView message)
{
    if (m_state != State::Open || m_session.isClosing())
        return m_state != State::Gone; // the closing handshake still needs the peer's close
    m_session.metrics().framesReceived.add();
    // handleFrame decodes at once and keeps nothing, so no copy is made.
    handleFrame(
        m_worker->context(), m_session, QByteArray::fromRawData(message.data(), message.size()));
    return m_state != State::Gone;
}

bool Connection::onText(QByteArrayView)
{
    if (m_state == State::Open)
        m_session.close(CloseCode::UnsupportedData, QStringLiteral("binary frames only"));
    return m_state != State::Gone;
}

bool Connection::onPing(QByteArrayView payload)
{
    if (m_state == State::Open && !m_session.isClosing()) {
        ws::appendFrame(m_out, ws::Pong, payload);
        queue();
    }
    return true;
}

bool Connection::onClose(CloseCode code, QByteArrayView)
{
    if (m_state == State::Open) {
        // Echo the peer's code (RFC 6455 §5.5.1), then end the TCP connection.
        m_session.close(code == CloseCode::NoStatus ? CloseCode::Normal : code, {});
    }
    m_discardInput = true;
    finish();
    return false;
}

void Connection::onViolation(CloseCode code, const char *why)
{
    qCDebug(lcGateway) << "session" << id() << "protocol violation:" << why;
    m_session.close(code, QString::fromLatin1(why)); // no-op when already closing
    m_discardInput = true;
    finish();
}

void Connection::sendBinary(QByteArrayView message)
{
    if (m_state != State::Open)
        return;
    ws::appendFrame(m_out, ws::Binary, message);
    m_session.metrics().framesSent.add();
    if (m_out.size() > kMaxBufferedOut) {
        abort("client does not read its answers");
        return;
    }
    queue();
}

void Connection::close(CloseCode code, QByteArrayView reason)
{
    if (m_state != State::Open)
        return;
    ws::appendClose(m_out, code, reason);
    setState(State::Closing);
    m_worker->connectionClosing(this);
    queue();
}

void Connection::queue()
{
    if (!m_queued && m_state != State::Gone) {
        m_queued = true;
        m_worker->queueFlush(this);
    }
}

void Connection::finish()
{
    m_finishing = true;
    queue();
}

void Connection::flush()
{
    m_queued = false;
    if (m_state == State::Gone)
        return;
    if (!m_out.isEmpty()) {
        const qint64 n = writeSome(m_out.constData(), m_out.size());
        if (n < 0) {
            onTransportGone();
            return;
        }
        m_written += quint64(n);
        m_session.metrics().bytesSent.add(quint64(n));
        if (n == m_out.size()) {
            m_out = QByteArray(); // idle connections hold no buffer
        } else {
            m_out.remove(0, qsizetype(n));
            if (!m_writeBlocked) {
                m_writeBlocked = true;
                setWriteInterest(true);
                m_worker->connectionWriteBlocked(this);
            }
            return;
        }
    }
    if (m_writeBlocked) {
        m_writeBlocked = false;
        setWriteInterest(false);
    }
    if (m_finishing) {
        m_finishing = false;
        shutdownTransport();
    }
}

void Connection::abort(const char *why)
{
    if (m_state == State::Gone)
        return;
    qCDebug(lcGateway) << "dropping session" << id() << why;
    retire();
}

void Connection::onTransportGone()
{
    retire();
}

void Connection::retire()
{
    if (m_state == State::Gone)
        return;
    setState(State::Gone);
    m_in = QByteArray();
    m_out = QByteArray();
    releaseTransport();
    m_worker->connectionGone(this);
}

// --- FdConnection ---------------------------------------------------------

FdConnection::FdConnection(NetworkWorker *worker, quint64 id, int fd, QString peerAddress)
    : Connection(worker, id, std::move(peerAddress))
    , m_fd(fd)
{
}

FdConnection::~FdConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void FdConnection::onIo(quint32 events)
{
    if (m_fd < 0)
        return; // retired earlier in this pass
    if (events & EPOLLOUT)
        flush();
    if (m_fd < 0 || !(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
        return;
    char *buf = readScratch();
    const ssize_t n = ::read(m_fd, buf, size_t(kReadChunk));
    if (n > 0) {
        if (!m_shutDown)
            onBytes(buf, qsizetype(n));
        return; // whatever else is there comes back on the next pass
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    onTransportGone(); // EOF or reset
}

qint64 FdConnection::writeSome(const char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::send(m_fd, data + done, size_t(size - done), MSG_NOSIGNAL);
        if (n > 0) {
            done += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return done;
        return -1;
    }
    return done;
}

void FdConnection::setWriteInterest(bool wantWrite)
{
    m_worker->dispatcher()->modify(
        m_fd, EPOLLIN | EPOLLRDHUP | (wantWrite ? quint32(EPOLLOUT) : 0u), this);
}

void FdConnection::shutdownTransport()
{
    // FIN after the last byte; the descriptor stays open (reading and
    // discarding) until the peer closes too or the close deadline passes,
    // so unread input cannot turn our close frame into a reset.
    m_shutDown = true;
    ::shutdown(m_fd, SHUT_WR);
}

void FdConnection::releaseTransport()
{
    if (m_fd < 0)
        return;
    m_worker->dispatcher()->unwatch(m_fd);
    ::close(m_fd);
    m_fd = -1;
}

// --- SslConnection --------------------------------------------------------

SslConnection::SslConnection(NetworkWorker *worker, quint64 id, QSslSocket *socket)
    : Connection(worker, id, socket->peerAddress().toString())
    , m_socket(socket)
{
    QObject::connect(m_socket, &QIODevice::readyRead, m_socket, [this] { readAvailable(); });
    QObject::connect(
        m_socket, &QAbstractSocket::disconnected, m_socket, [this] { onTransportGone(); });
    QObject::connect(m_socket, &QSslSocket::encryptedBytesWritten, m_socket, [this] {
        if (m_wantWrite)
            flush();
    });
    if (m_socket->bytesAvailable() > 0)
        readAvailable();
}

SslConnection::~SslConnection()
{
    releaseTransport();
}

void SslConnection::readAvailable()
{
    char *buf = readScratch();
    while (m_socket && m_socket->bytesAvailable() > 0) {
        const qint64 n = m_socket->read(buf, kReadChunk);
        if (n <= 0)
            break;
        onBytes(buf, qsizetype(n));
    }
}

qint64 SslConnection::writeSome(const char *data, qint64 size)
{
    if (!m_socket)
        return -1;
    // QSslSocket would take it all and buffer without bound; take only a
    // window, so a client that does not read is held to kMaxBufferedOut
    // and the write-stall deadline like a ws:// one.
    const qint64 room
        = kSslWriteWindow - m_socket->bytesToWrite() - m_socket->encryptedBytesToWrite();
    return room > 0 ? m_socket->write(data, qMin(size, room)) : 0;
}

void SslConnection::shutdownTransport()
{
    if (m_socket)
        m_socket->disconnectFromHost(); // after its buffered output
}

void SslConnection::releaseTransport()
{
    if (!m_socket)
        return;
    QSslSocket *s = std::exchange(m_socket, nullptr);
    QObject::disconnect(s, nullptr, nullptr, nullptr);
    s->abort();
    s->deleteLater();
}

} // namespace natter::server
