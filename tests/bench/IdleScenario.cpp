#include "IdleScenario.h"

#include "Stats.h"
#include "protocol/Frame.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace natter::bench {

namespace {

constexpr int kIoTimeoutS = 15;

// One client frame (FIN set, masked as RFC 6455 requires of clients).
std::string clientFrame(int opcode, const std::string &payload)
{
    std::string f;
    f.push_back(static_cast<char>(0x80 | opcode));
    const size_t n = payload.size();
    if (n < 126) {
        f.push_back(static_cast<char>(0x80 | n));
    } else if (n < 65536) {
        f.push_back(static_cast<char>(0x80 | 126));
        f.push_back(static_cast<char>(n >> 8));
        f.push_back(static_cast<char>(n & 0xff));
    } else {
        f.push_back(static_cast<char>(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            f.push_back(static_cast<char>((static_cast<quint64>(n) >> (8 * i)) & 0xff));
    }
    const quint32 maskWord = QRandomGenerator::global()->generate();
    char mask[4];
    std::memcpy(mask, &maskWord, 4);
    f.append(mask, 4);
    for (size_t i = 0; i < n; ++i)
        f.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
    return f;
}

// Takes one complete frame off the front of buf. Returns false if buf does
// not hold a whole frame yet.
bool takeFrame(std::string &buf, int *opcode, std::string *payload)
{
    if (buf.size() < 2)
        return false;
    const auto *b = reinterpret_cast<const unsigned char *>(buf.data());
    const bool masked = b[1] & 0x80;
    quint64 len = b[1] & 0x7f;
    size_t pos = 2;
    if (len == 126) {
        if (buf.size() < 4)
            return false;
        len = (quint64(b[2]) << 8) | b[3];
        pos = 4;
    } else if (len == 127) {
        if (buf.size() < 10)
            return false;
        len = 0;
        for (int i = 0; i < 8; ++i)
            len = (len << 8) | b[2 + i];
        pos = 10;
    }
    const size_t maskPos = pos;
    if (masked)
        pos += 4;
    if (buf.size() < pos + len)
        return false;
    *opcode = b[0] & 0x0f;
    payload->assign(buf, pos, static_cast<size_t>(len));
    if (masked)
        for (size_t i = 0; i < payload->size(); ++i)
            (*payload)[i] = static_cast<char>((*payload)[i] ^ buf[maskPos + i % 4]);
    buf.erase(0, pos + static_cast<size_t>(len));
    return true;
}

bool writeAll(int fd, const std::string &data)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

// Reads what is there (blocking up to the socket's timeout) into buf.
// Returns false on EOF, error or timeout.
bool readSome(int fd, std::string &buf)
{
    char chunk[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            buf.append(chunk, static_cast<size_t>(n));
            return true;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return false;
    }
}

// "TCP: inuse 5 orphan 0 tw 0 alloc 7 mem 2" -> mem (pages), all sockets of the host.
qint64 tcpMemPages()
{
    QFile f(QStringLiteral("/proc/net/sockstat"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.startsWith("TCP:"))
            continue;
        const QList<QByteArray> w = line.simplified().split(' ');
        for (int i = 0; i + 1 < w.size(); ++i)
            if (w[i] == "mem")
                return w[i + 1].toLongLong();
    }
    return -1;
}

} // namespace

IdleScenario::IdleScenario(const IdleOptions &options, QObject *parent)
    : Scenario(parent)
    , m_opt(options)
{
    m_serviceTimer.setInterval(1000);
    connect(&m_serviceTimer, &QTimer::timeout, this, &IdleScenario::service);
}

IdleScenario::~IdleScenario()
{
    for (Conn &c : m_conns)
        if (c.fd >= 0)
            ::close(c.fd);
}

void IdleScenario::start()
{
    m_clock.start();
    // The bench holds N sockets itself: raise the soft open-files limit.
    rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
        m_fdLimit = static_cast<long>(rl.rlim_cur);
    }
    const long needed
        = m_opt.connections + (m_opt.withP2p ? 2L * m_opt.p2p.pairs : 0) + m_opt.users + 64;
    if (m_fdLimit > 0 && needed > m_fdLimit)
        return finish(2,
            QStringLiteral("%1 connections need ~%2 open files; this process may have %3 "
                           "(ulimit -Hn)")
                .arg(m_opt.connections)
                .arg(needed)
                .arg(m_fdLimit));

    m_host = m_opt.server.host();
    if (m_host == QLatin1String("localhost"))
        m_host = QStringLiteral("127.0.0.1");
    m_port = static_cast<quint16>(m_opt.server.port(80));
    m_path = m_opt.server.path().isEmpty() ? "/" : m_opt.server.path().toStdString();
    if (m_opt.server.scheme() != QLatin1String("ws"))
        return finish(2, QStringLiteral("idle speaks plain ws:// only"));

    if (m_opt.withP2p)
        runP2p("without idle", [this](const QJsonObject &r) {
            m_p2pWithout = r;
            registerUsers();
        });
    else
        registerUsers();
}

void IdleScenario::runP2p(const char *label, std::function<void(const QJsonObject &)> next)
{
    std::fprintf(stderr, "natter-bench: idle: p2p %s (%d pairs, %.0f s)\n", label, m_opt.p2p.pairs,
        m_opt.p2p.durationS);
    auto result = std::make_shared<QJsonObject>();
    P2pOptions o = m_opt.p2p;
    o.server = m_opt.server;
    o.onResult = [result](const QJsonObject &r) { *result = r; };
    auto *p2p = new P2pScenario(o, this);
    connect(p2p, &Scenario::finished, this, [p2p, result, next](int) {
        p2p->deleteLater();
        next(*result);
    });
    p2p->start();
}

void IdleScenario::registerUsers()
{
    const QString prefix = QStringLiteral("i") + UserSetup::randomPrefix(8);
    QStringList names;
    for (int i = 0; i < m_opt.users; ++i)
        names << QStringLiteral("%1-u%2").arg(prefix).arg(i);
    std::fprintf(stderr, "natter-bench: idle: registering %d users as %s-*\n", m_opt.users,
        qPrintable(prefix));
    m_setup = new UserSetup(this);
    m_setup->start(m_opt.server, names, 8, [this](const QString &error) {
        if (!error.isEmpty())
            return finish(1, QStringLiteral("setup: ") + error);
        for (BenchClient *c : m_setup->clients()) {
            m_tokens.push_back(c->token.toStdString());
            c->close();
        }
        // Let natterd drop those sessions before the "before" reading.
        QTimer::singleShot(1000, this, [this] {
            m_rssBeforeKiB = ProcessProbe::rssKiB(m_opt.serverPid);
            m_tcpMemBefore = tcpMemPages();
            openAll();
        });
    });
}

void IdleScenario::openAll()
{
    std::fprintf(stderr, "natter-bench: idle: opening %d connections from %d source addresses\n",
        m_opt.connections, m_opt.sources);
    m_conns.resize(static_cast<size_t>(m_opt.connections));
    QElapsedTimer t;
    t.start();
    int open = 0;
    for (int from = 0; from < m_opt.connections; from += m_opt.batch) {
        const int to = std::min(m_opt.connections, from + m_opt.batch);
        open += openBatch(from, to);
        if ((to / m_opt.batch) % 10 == 0 || to == m_opt.connections)
            std::fprintf(stderr, "natter-bench: idle: %d/%d open after %.1f s\n", open, to,
                t.nsecsElapsed() / 1e9);
    }
    m_openS = t.nsecsElapsed() / 1e9;
    m_serviceTimer.start();
    QTimer::singleShot(static_cast<int>(m_opt.holdS * 1000), this, &IdleScenario::measure);
}

int IdleScenario::openBatch(int from, int to)
{
    sockaddr_in server {};
    server.sin_family = AF_INET;
    server.sin_port = htons(m_port);
    inet_pton(AF_INET, m_host.toLatin1().constData(), &server.sin_addr);

    auto failConn = [this](Conn &c, const QString &why) {
        ++m_errors[why];
        if (c.fd >= 0)
            ::close(c.fd);
        c.fd = -1;
    };

    // 1. connect, from 127.0.0.(1 + i % sources)
    for (int i = from; i < to; ++i) {
        Conn &c = m_conns[static_cast<size_t>(i)];
        c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
        if (c.fd < 0) {
            failConn(c, QStringLiteral("socket: ") + QString::fromLocal8Bit(strerror(errno)));
            continue;
        }
        const int one = 1;
#ifdef IP_BIND_ADDRESS_NO_PORT
        setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
#endif
        setsockopt(c.fd, IPPROTO_TCP, 1 /* TCP_NODELAY */, &one, sizeof one);
        timeval tv { kIoTimeoutS, 0 };
        setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(c.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in local {};
        local.sin_family = AF_INET;
        local.sin_port = 0;
        local.sin_addr.s_addr = htonl(0x7f000001u + static_cast<quint32>(i % m_opt.sources));
        if (::bind(c.fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
            failConn(c, QStringLiteral("bind: ") + QString::fromLocal8Bit(strerror(errno)));
            continue;
        }
        if (::connect(c.fd, reinterpret_cast<sockaddr *>(&server), sizeof server) != 0)
            failConn(c, QStringLiteral("connect: ") + QString::fromLocal8Bit(strerror(errno)));
    }
    // 2. WebSocket handshake
    for (int i = from; i < to; ++i) {
        Conn &c = m_conns[static_cast<size_t>(i)];
        if (c.fd < 0)
            continue;
        quint32 key[4];
        QRandomGenerator::global()->fillRange(key, 4);
        const QByteArray key64
            = QByteArray(reinterpret_cast<const char *>(key), sizeof key).toBase64();
        std::string req = "GET " + m_path + " HTTP/1.1\r\nHost: " + m_host.toStdString() + ":"
            + std::to_string(m_port)
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + key64.toStdString() + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        if (!writeAll(c.fd, req))
            failConn(c, QStringLiteral("handshake write"));
    }
    for (int i = from; i < to; ++i) {
        Conn &c = m_conns[static_cast<size_t>(i)];
        if (c.fd < 0)
            continue;
        size_t end = std::string::npos;
        while ((end = c.in.find("\r\n\r\n")) == std::string::npos)
            if (!readSome(c.fd, c.in))
                break;
        if (end == std::string::npos) {
            failConn(c, QStringLiteral("handshake: no answer"));
            continue;
        }
        if (c.in.compare(0, 12, "HTTP/1.1 101") != 0) {
            failConn(c, QStringLiteral("handshake refused"));
            continue;
        }
        c.in.erase(0, end + 4);
    }
    // 3. Resume with a token
    for (int i = from; i < to; ++i) {
        Conn &c = m_conns[static_cast<size_t>(i)];
        if (c.fd < 0)
            continue;
        proto::Envelope e;
        e.set_version(kProtocolVersion);
        e.set_request_id(1);
        e.mutable_resume()->set_token(m_tokens[static_cast<size_t>(i) % m_tokens.size()]);
        if (!writeAll(c.fd, clientFrame(0x2, e.SerializeAsString())))
            failConn(c, QStringLiteral("resume write"));
    }
    int ok = 0;
    for (int i = from; i < to; ++i) {
        Conn &c = m_conns[static_cast<size_t>(i)];
        if (c.fd < 0)
            continue;
        bool done = false;
        while (!done) {
            int opcode = 0;
            std::string payload;
            bool got = false;
            for (;;) {
                if (takeFrame(c.in, &opcode, &payload)) {
                    got = true;
                    break;
                }
                if (!readSome(c.fd, c.in))
                    break;
            }
            if (!got) {
                failConn(c, QStringLiteral("resume: no answer"));
                break;
            }
            if (opcode == 0x8) {
                failConn(c, QStringLiteral("resume: closed by server"));
                break;
            }
            if (opcode != 0x2)
                continue; // ping etc. during setup: answered later by service()
            proto::Envelope r;
            if (!r.ParseFromString(payload)) {
                failConn(c, QStringLiteral("resume: undecodable"));
                break;
            }
            if (r.request_id() != 1)
                continue; // a push
            if (r.has_auth()) {
                ++ok;
                done = true;
            } else {
                failConn(c,
                    QStringLiteral("resume: ")
                        + QLatin1String(
                            r.has_error() ? errorCodeName(r.error().code()) : "unexpected reply"));
                break;
            }
        }
    }
    return ok;
}

void IdleScenario::service()
{
    std::vector<pollfd> fds;
    std::vector<size_t> index;
    fds.reserve(m_conns.size());
    for (size_t i = 0; i < m_conns.size(); ++i)
        if (m_conns[i].fd >= 0) {
            fds.push_back({ m_conns[i].fd, POLLIN, 0 });
            index.push_back(i);
        }
    if (fds.empty() || ::poll(fds.data(), fds.size(), 0) <= 0)
        return;
    for (size_t k = 0; k < fds.size(); ++k) {
        if (!fds[k].revents)
            continue;
        Conn &c = m_conns[index[k]];
        char chunk[4096];
        const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            ++m_closedByServer;
            ::close(c.fd);
            c.fd = -1;
            continue;
        }
        if (n < 0)
            continue;
        c.in.append(chunk, static_cast<size_t>(n));
        int opcode = 0;
        std::string payload;
        while (c.fd >= 0 && takeFrame(c.in, &opcode, &payload)) {
            if (opcode == 0x9) {
                writeAll(c.fd, clientFrame(0xA, payload));
                ++m_pingsAnswered;
            } else if (opcode == 0x8) {
                ++m_closedByServer;
                ::close(c.fd);
                c.fd = -1;
            }
        }
    }
}

void IdleScenario::measure()
{
    service();
    m_rssAfterKiB = ProcessProbe::rssKiB(m_opt.serverPid);
    const qint64 tcpMemAfter = tcpMemPages();
    int open = 0;
    for (const Conn &c : m_conns)
        open += c.fd >= 0 ? 1 : 0;

    QJsonObject &o = m_result;
    o[QStringLiteral("connections")] = m_opt.connections;
    o[QStringLiteral("open")] = open;
    o[QStringLiteral("sources")] = m_opt.sources;
    o[QStringLiteral("users")] = m_opt.users;
    o[QStringLiteral("open_s")] = round2(m_openS);
    o[QStringLiteral("hold_s")] = m_opt.holdS;
    int failed = 0;
    QJsonObject kinds;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        failed += it.value();
        kinds[it.key()] = it.value();
    }
    o[QStringLiteral("failed")] = failed;
    o[QStringLiteral("error_kinds")] = kinds;
    if (m_rssBeforeKiB >= 0 && m_rssAfterKiB >= 0 && open > 0) {
        o[QStringLiteral("server_rss_before_kib")] = m_rssBeforeKiB;
        o[QStringLiteral("server_rss_after_kib")] = m_rssAfterKiB;
        const double perConn = (m_rssAfterKiB - m_rssBeforeKiB) * 1024.0 / open;
        o[QStringLiteral("server_rss_per_conn_bytes")] = std::round(perConn);
        o[QStringLiteral("server_rss_per_conn_kib")] = round2(perConn / 1024.0);
    } else {
        o[QStringLiteral("server_rss_per_conn_bytes")] = QJsonValue(); // no --server-pid
    }
    if (m_tcpMemBefore >= 0 && tcpMemAfter >= 0 && open > 0)
        o[QStringLiteral("kernel_tcp_mem_per_conn_bytes_both_ends")]
            = std::round((tcpMemAfter - m_tcpMemBefore) * 4096.0 / open);
    o[QStringLiteral("bench_fd_limit")] = static_cast<qint64>(m_fdLimit);

    if (!m_opt.withP2p)
        return finish(0);
    runP2p("with idle connections open", [this](const QJsonObject &r) {
        service();
        int stillOpen = 0;
        for (const Conn &c : m_conns)
            stillOpen += c.fd >= 0 ? 1 : 0;
        m_result[QStringLiteral("open_after_p2p")] = stillOpen;
        m_result[QStringLiteral("p2p_without_idle")] = m_p2pWithout;
        m_result[QStringLiteral("p2p_with_idle")] = r;
        const double without = m_p2pWithout.value(QStringLiteral("delivered_per_s")).toDouble();
        const double with = r.value(QStringLiteral("delivered_per_s")).toDouble();
        m_result[QStringLiteral("p2p_ratio")]
            = without > 0 ? QJsonValue(std::round(with / without * 1000) / 1000) : QJsonValue();
        finish(0);
    });
}

void IdleScenario::finish(int code, const QString &error)
{
    m_serviceTimer.stop();
    m_result[QStringLiteral("scenario")] = QStringLiteral("idle");
    m_result[QStringLiteral("closed_by_server")] = m_closedByServer;
    m_result[QStringLiteral("pings_answered")] = m_pingsAnswered;
    if (!error.isEmpty()) {
        std::fprintf(stderr, "natter-bench: idle failed: %s\n", qPrintable(error));
        m_result[QStringLiteral("error")] = error;
    }
    std::printf("%s\n", QJsonDocument(m_result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    for (Conn &c : m_conns)
        if (c.fd >= 0) {
            ::close(c.fd);
            c.fd = -1;
        }
    Q_EMIT finished(code);
}

} // namespace natter::bench
