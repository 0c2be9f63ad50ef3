// Shared by the natterd integration tests: a natterd process owned by the
// test (ephemeral port, temporary data dir, stopped by its own QProcess,
// never by name) and a QWebSocket protocol client. Header-only on purpose:
// each test is one executable.
#pragma once

#include "protocol/Frame.h"
#include "protocol/Snowflake.h"

#include "ChildProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

namespace natter::test {

// One natterd process owned by the test.
class Natterd
{
public:
    ~Natterd() { kill(); }

    // scheme: what the ready line must announce ("wss" when the config or
    // extraArgs give it a certificate).
    bool start(const QString &dataDir, const QString &configText = {},
        const QStringList &extraArgs = {}, const QByteArray &scheme = "ws")
    {
        QStringList args = QStringList { "--listen", "127.0.0.1:0", "--data", dataDir } + extraArgs;
        if (!configText.isEmpty()) {
            m_configPath = dataDir + "-natterd.ini";
            QFile f(m_configPath);
            if (!f.open(QIODevice::WriteOnly))
                return false;
            f.write(configText.toUtf8());
            f.close();
            args << "--config" << m_configPath;
        }
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        dieWithTest(*m_process);
        m_process->start(NATTERD_PATH, args);
        if (!m_process->waitForStarted(5000))
            return false;
        QByteArray line;
        QElapsedTimer timer;
        timer.start();
        // The ready line; "metrics on http://..." may come before it.
        while (timer.elapsed() < 10000) {
            if (line.startsWith("metrics on ") && line.contains('\n'))
                line = line.mid(line.indexOf('\n') + 1);
            else if (line.contains('\n'))
                break;
            if (m_process->state() == QProcess::NotRunning)
                return false;
            m_process->waitForReadyRead(100);
            line += m_process->readAllStandardOutput();
        }
        const QByteArray prefix = "listening on " + scheme + "://";
        if (!line.startsWith(prefix)) {
            qWarning("natterd did not start: %s %s", line.constData(),
                m_process->readAllStandardError().constData());
            return false;
        }
        m_url = QUrl(QString::fromLatin1(line.mid(13).trimmed())); // after "listening on "
        return m_url.port() > 0;
    }

    // SIGTERM; returns the exit code (-1 on crash or timeout).
    int stop()
    {
        if (!m_process)
            return -1;
        m_process->terminate();
        if (!m_process->waitForFinished(15000))
            return -1;
        const int code
            = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
        if (code != 0)
            qWarning("natterd exited with %d:\n%s", code,
                m_process->readAllStandardError().right(6000).constData());
        m_process.reset();
        return code;
    }

    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        m_process.reset();
    }

    QUrl url() const { return m_url; }
    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    QByteArray stderrText() { return m_process ? m_process->readAllStandardError() : QByteArray(); }

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_configPath;
};

// A protocol client on a QWebSocket; collects every envelope it receives.
class Client
{
public:
    Client()
    {
        QObject::connect(&ws, &QWebSocket::binaryMessageReceived, [this](const QByteArray &m) {
            proto::Envelope env;
            if (env.ParseFromArray(m.constData(), int(m.size())))
                received.append(env);
        });
    }

    bool open(const QUrl &url)
    {
        QSignalSpy connected(&ws, &QWebSocket::connected);
        ws.open(url);
        return connected.wait(5000) || ws.state() == QAbstractSocket::ConnectedState;
    }

    quint64 post(proto::Envelope env)
    {
        env.set_version(kProtocolVersion);
        env.set_request_id(++lastId);
        ws.sendBinaryMessage(encodeEnvelope(env));
        return lastId;
    }

    // Sends a request and waits for its response.
    proto::Envelope call(const proto::Envelope &request, int timeoutMs = 10000)
    {
        const quint64 id = post(request);
        return waitFor(id, timeoutMs);
    }

    proto::Envelope waitFor(quint64 requestId, int timeoutMs = 10000)
    {
        proto::Envelope out;
        const bool answered = QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < received.size(); ++i) {
                    if (received[i].request_id() == requestId) {
                        out = received.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        if (!answered) // an empty envelope: the caller's check says what was expected
            qWarning() << "no answer to request" << requestId << "within" << timeoutMs << "ms";
        return out;
    }

    QList<proto::Envelope> pushes(proto::Envelope::BodyCase kind) const
    {
        QList<proto::Envelope> out;
        for (const auto &e : received)
            if (e.request_id() == 0 && e.body_case() == kind)
                out.append(e);
        return out;
    }

    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [&] { return ws.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

    QWebSocket ws;
    QList<proto::Envelope> received;
    quint64 lastId = 0;
};

inline proto::Envelope registerReq(const std::string &user,
    const std::string &password = "password123", const std::string &device = "dev")
{
    proto::Envelope env;
    auto *r = env.mutable_register_request();
    r->set_user(user);
    r->set_password(password);
    r->set_device_name(device);
    return env;
}

inline proto::Envelope loginReq(const std::string &user,
    const std::string &password = "password123", const std::string &device = "dev2")
{
    proto::Envelope env;
    auto *r = env.mutable_login();
    r->set_user(user);
    r->set_password(password);
    r->set_device_name(device);
    return env;
}

inline proto::Envelope resumeReq(const std::string &token)
{
    proto::Envelope env;
    env.mutable_resume()->set_token(token);
    return env;
}

inline std::string textBody(const QString &text)
{
    proto::EventBody body;
    body.mutable_text()->set_text(text.toStdString());
    return body.SerializeAsString();
}

inline proto::Envelope sendTo(
    const std::string &user, const std::string &clientId, const QString &text)
{
    proto::Envelope env;
    auto *s = env.mutable_send();
    s->set_client_id(clientId);
    s->set_to_user(user);
    s->set_body(textBody(text));
    return env;
}

inline proto::Envelope sendIn(
    quint64 conversationId, const std::string &clientId, const QString &text)
{
    proto::Envelope env;
    auto *s = env.mutable_send();
    s->set_client_id(clientId);
    s->set_conversation_id(conversationId);
    s->set_body(textBody(text));
    return env;
}

inline proto::Envelope pullReq(quint64 conversationId, quint64 afterSeq, quint32 limit = 0)
{
    proto::Envelope env;
    auto *r = env.mutable_pull()->add_ranges();
    r->set_conversation_id(conversationId);
    r->set_after_seq(afterSeq);
    r->set_limit(limit);
    return env;
}

inline proto::Envelope feedPullReq(quint64 afterSeq)
{
    proto::Envelope env;
    env.mutable_feed_pull()->set_after_seq(afterSeq);
    return env;
}

inline proto::Envelope devicesReq()
{
    proto::Envelope env;
    env.mutable_devices_request();
    return env;
}

inline proto::ErrorCode errorOf(const proto::Envelope &env)
{
    return env.body_case() == proto::Envelope::kError ? env.error().code() : proto::ERROR_NONE;
}

// Cheap Argon2id parameters keep the suite fast; production uses INTERACTIVE.
inline const QString kFastConfig = QStringLiteral("[auth]\npwhash_ops=1\npwhash_mem_bytes=1048576\n"
                                                  "[limits]\nip_rate=1000\nip_burst=1000\n");

} // namespace natter::test
