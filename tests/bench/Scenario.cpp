#include "Scenario.h"

#include "protocol/Frame.h"

#include <QRandomGenerator>

namespace natter::bench {

UserSetup::UserSetup(QObject *parent)
    : QObject(parent)
{
}

QString UserSetup::randomPrefix(int chars)
{
    static const char kHex[] = "0123456789abcdef";
    QString s;
    for (int i = 0; i < chars; ++i)
        s += QLatin1Char(kHex[QRandomGenerator::global()->bounded(16)]);
    return s;
}

void UserSetup::start(const QUrl &server, const QStringList &names, int concurrency,
    std::function<void(const QString &error)> done)
{
    m_server = server;
    m_names = names;
    m_concurrency = std::max(1, concurrency);
    m_done = std::move(done);
    m_timer.start();
    for (int i = 0; i < names.size(); ++i)
        m_clients.push_back(new BenchClient(this));
    if (names.isEmpty()) {
        m_finished = true;
        m_done(QString());
        return;
    }
    while (m_active < m_concurrency && m_next < m_names.size())
        startNext();
}

void UserSetup::startNext()
{
    const int index = m_next++;
    ++m_active;
    BenchClient *client = m_clients[static_cast<size_t>(index)];
    const QString name = m_names.at(index);

    connect(client, &BenchClient::disconnected, this,
        [this, name](const QString &reason) { fail(QStringLiteral("%1: %2").arg(name, reason)); });
    connect(client, &BenchClient::connected, this, [this, client, name] {
        proto::Envelope e;
        auto *reg = e.mutable_register_request();
        reg->set_user(name.toStdString());
        client->password = QStringLiteral("pw-") + randomPrefix(16);
        reg->set_password(client->password.toStdString());
        reg->set_device_name("natter-bench");
        client->request(std::move(e), [this, client, name](const proto::Envelope &r) {
            if (r.has_error()) {
                fail(QStringLiteral("register %1: %2 %3")
                         .arg(name, QLatin1String(errorCodeName(r.error().code())),
                             QString::fromStdString(r.error().message())));
                return;
            }
            if (!r.has_auth()) {
                fail(QStringLiteral("register %1: unexpected response").arg(name));
                return;
            }
            client->userId = r.auth().user_id();
            client->userName = name;
            client->token = QString::fromStdString(r.auth().token());
            // From here on, disconnects are the scenario's business.
            disconnect(client, &BenchClient::disconnected, this, nullptr);
            --m_active;
            ++m_signedIn;
            if (m_signedIn == m_names.size()) {
                m_finished = true;
                m_done(QString());
                return;
            }
            if (!m_finished && m_next < m_names.size())
                startNext();
        });
    });
    client->open(m_server);
}

void UserSetup::fail(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_done(error);
}

} // namespace natter::bench
