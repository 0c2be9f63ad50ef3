#include "Cli.h"

#include "CliJson.h"
#include "StdinReader.h"
#include "protocol/Frame.h"
#include "store/KeyVault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHostInfo>

#include <cstdio>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

namespace natter {

using cli::printJson;

namespace {

// Certificate refusals get a pointer to the way out.
QString certificateHint(const QString &reason)
{
    if (!reason.contains(QLatin1String("not trusted")))
        return reason;
    return reason
        + QStringLiteral(" (to trust a self-hosted server, pass its certificate or CA with "
                         "--trust-cert FILE)");
}

} // namespace

void Cli::fail(const QString &message, int code)
{
    if (m_finished)
        return;
    m_finished = true;
    fprintf(stderr, "natter-cli: %s\n", qPrintable(message));
    exitLater(code);
}

void Cli::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    exitLater(code);
}

// Queued, so that it also works when called before the event loop runs.
void Cli::exitLater(int code)
{
    fflush(stdout);
    QMetaObject::invokeMethod(
        qApp, [code] { QCoreApplication::exit(code); }, Qt::QueuedConnection);
}

int Cli::start(const QStringList &arguments)
{
    cli::describe(m_parser);
    m_parser.addPositionalArgument(
        QStringLiteral("command"), QStringLiteral("See the list above."));
    if (!m_parser.parse(arguments)) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(m_parser.errorText()));
        return Usage;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        fputs(qPrintable(m_parser.helpText()), stdout);
        return Success;
    }
    QStringList args = m_parser.positionalArguments();
    m_profile = m_parser.value(QStringLiteral("profile"));
    if (args.isEmpty() || m_profile.isEmpty()) {
        fprintf(stderr,
            "natter-cli: usage: natter-cli --profile DIR [--server URL] COMMAND ... "
            "(see --help)\n");
        return Usage;
    }
    bool ok = false;
    m_timeoutSec = m_parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || m_timeoutSec <= 0) {
        fprintf(stderr, "natter-cli: --timeout takes a positive number of seconds\n");
        return Usage;
    }
    m_offline = m_parser.isSet(QStringLiteral("offline"));
    if (m_parser.isSet(QStringLiteral("server")))
        m_server = QUrl(m_parser.value(QStringLiteral("server")));

    const QString command = args.takeFirst();
    if (command == QLatin1String("register") || command == QLatin1String("login"))
        return cmdAuth(command == QLatin1String("register"), args);
    if (!openProfile(false))
        return StoreFailure;
    if (!applyTrustCert())
        return Failure;
    if (command == QLatin1String("send"))
        return cmdSend(args);
    if (command == QLatin1String("sync"))
        return cmdSync();
    if (command == QLatin1String("history"))
        return cmdHistory(args);
    if (command == QLatin1String("conversations"))
        return cmdConversations();
    if (command == QLatin1String("read"))
        return cmdRead(args);
    if (command == QLatin1String("devices"))
        return cmdDevices();
    if (command == QLatin1String("logout"))
        return cmdLogout();
    if (command == QLatin1String("key"))
        return cmdKey();
    if (command == QLatin1String("group"))
        return cmdGroup(args);
    if (command == QLatin1String("receipts"))
        return cmdReceipts(args);
    if (command == QLatin1String("settings"))
        return cmdSettings(args);
    if (command == QLatin1String("friend"))
        return cmdFriend(args);
    if (command == QLatin1String("friends") && args.isEmpty())
        return cmdFriends();
    if (command == QLatin1String("contacts") && args.isEmpty())
        return printContacts([](const ContactRow &) { return true; });
    if (command == QLatin1String("users"))
        return cmdUsers(args);
    if (command == QLatin1String("profile"))
        return cmdProfile(args);
    if (command == QLatin1String("listen") && args.isEmpty())
        return cmdListen();
    fprintf(stderr, "natter-cli: unknown command '%s' (see --help)\n", qPrintable(command));
    return Usage;
}

bool Cli::openProfile(bool create)
{
    const QByteArray passphrase = qgetenv("NATTER_PASSPHRASE");
    if (passphrase.isEmpty()) {
        fprintf(stderr, "natter-cli: set NATTER_PASSPHRASE to the profile's passphrase\n");
        return false;
    }
    const QString pass = QString::fromUtf8(passphrase);
    try {
        if (create && !KeyVault::exists(m_profile))
            m_key = KeyVault::create(m_profile, pass);
        else
            m_key = KeyVault::unlock(m_profile, pass);
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::WrongKey)
            fprintf(
                stderr, "natter-cli: wrong passphrase for the profile %s\n", qPrintable(m_profile));
        else
            fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return false;
    }
    try {
        m_store = std::make_unique<Store>(m_profile, m_key);
    } catch (const StoreError &e) {
        // The key unwrapped fine, so an undecryptable file is damage, not a wrong passphrase.
        const QString why = e.kind() == StoreError::Kind::WrongKey
            ? QStringLiteral("the store %1 is corrupt or not a Natter store")
                  .arg(Store::databasePath(m_profile))
            : e.message();
        fprintf(stderr, "natter-cli: cannot open the profile: %s\n", qPrintable(why));
        return false;
    }
    m_engine = std::make_unique<SyncEngine>(*m_store);
    connect(m_engine.get(), &SyncEngine::authLost, this, [this](const QString &reason) {
        fail(QStringLiteral("this device is logged out: %1").arg(reason));
    });
    connect(m_engine.get(), &SyncEngine::certificateRefused, this, [this](const QString &reason) {
        fail(QStringLiteral("cannot connect: %1").arg(certificateHint(reason)));
    });
    connect(m_engine.get(), &SyncEngine::accountDisabled, this,
        [this](const QString &reason) { fail(QStringLiteral("cannot sign in: %1").arg(reason)); });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        int pending = 0;
        try {
            pending = m_store->outbox().pendingCount();
        } catch (const StoreError &) {
        }
        fail(QStringLiteral("timed out after %1 s (%2; %3 outbox entries still pending, kept for "
                            "the next run)")
                 .arg(m_timeoutSec)
                 .arg(m_engine->state() == SyncEngine::State::Syncing
                             || m_engine->state() == SyncEngine::State::Online
                         ? QStringLiteral("still syncing")
                         : m_engine->lastDisconnectReason().isEmpty()
                         ? QStringLiteral("server unreachable")
                         : QStringLiteral("server unreachable: %1")
                               .arg(m_engine->lastDisconnectReason()))
                 .arg(pending));
    });
    return true;
}

bool Cli::applyTrustCert()
{
    if (!m_parser.isSet(QStringLiteral("trust-cert")))
        return true;
    const QString path = m_parser.value(QStringLiteral("trust-cert"));
    QByteArray pem;
    if (!path.isEmpty()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            fprintf(stderr, "natter-cli: cannot read %s: %s\n", qPrintable(path),
                qPrintable(f.errorString()));
            return false;
        }
        pem = f.readAll();
    }
    if (const QString e = m_engine->account().setTrustedCertificates(pem); !e.isEmpty()) {
        fprintf(stderr, "natter-cli: --trust-cert %s: %s\n", qPrintable(path), qPrintable(e));
        return false;
    }
    return true;
}

std::optional<quint64> Cli::conversationArg(const QString &arg, bool create)
{
    if (arg.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const quint64 id = arg.mid(1).toULongLong(&ok);
        if (ok && m_store->conversations().contains(id))
            return id;
        if (!ok) { // a group's name
            QList<quint64> named;
            for (const ConversationSummary &c : m_store->conversations().list(100000))
                if (c.kind == proto::GROUP && c.isMember() && c.title == arg.mid(1))
                    named.append(c.id);
            if (named.size() == 1)
                return named.first();
            if (named.size() > 1) {
                fprintf(stderr, "natter-cli: %lld groups are called %s: use #ID\n",
                    static_cast<long long>(named.size()), qPrintable(arg.mid(1)));
                return std::nullopt;
            }
        }
        fprintf(
            stderr, "natter-cli: no conversation %s here (see conversations)\n", qPrintable(arg));
        return std::nullopt;
    }
    const QString name = (arg.startsWith(QLatin1Char('@')) ? arg.mid(1) : arg).toLower();
    if (!isValidUserName(name) || name == m_store->me().userName) {
        fprintf(stderr, "natter-cli: '%s' is not a user you can write to\n", qPrintable(arg));
        return std::nullopt;
    }
    // The only place the CLI turns a user name into a conversation.
    if (const auto id = m_store->conversations().directWith(name))
        return id;
    if (create)
        return m_store->conversations().startDirect(name, QDateTime::currentMSecsSinceEpoch());
    return 0; // none yet: an empty history
}

void Cli::runEngineUntilIdle(std::function<void()> whenIdle)
{
    if (!m_store->account().isLoggedIn()) {
        fail(QStringLiteral("not logged in (register or log in first)"));
        return;
    }
    connect(m_engine.get(), &SyncEngine::idle, this, [this, whenIdle = std::move(whenIdle)] {
        if (m_inputDone)
            whenIdle();
    });
    m_deadline.start(m_timeoutSec * 1000);
    m_engine->start();
}

int Cli::cmdAuth(bool isRegister, const QStringList &args)
{
    if (args.size() != 2) {
        fprintf(stderr, "natter-cli: usage: %s USER PASSWORD [--device NAME]\n",
            isRegister ? "register" : "login");
        return Usage;
    }
    if (!openProfile(true))
        return StoreFailure;
    const Account existing = m_store->account();
    if (existing.isLoggedIn()) {
        fprintf(stderr,
            "natter-cli: the profile %s is already logged in as %s; use another --profile\n",
            qPrintable(m_profile), qPrintable(existing.user));
        return Failure;
    }
    if (!existing.user.isEmpty() && existing.user != args[0]) {
        fprintf(stderr,
            "natter-cli: the profile %s holds the history of %s; use another --profile\n",
            qPrintable(m_profile), qPrintable(existing.user));
        return Failure;
    }
    if (!applyTrustCert())
        return Failure;
    QUrl server = m_server.isValid() && !m_server.isEmpty() ? m_server
        : !existing.serverUrl.isEmpty()                     ? QUrl(existing.serverUrl)
                                        : QUrl(QStringLiteral("ws://127.0.0.1:7070"));
    const QString device = m_parser.isSet(QStringLiteral("device"))
        ? m_parser.value(QStringLiteral("device"))
        : QHostInfo::localHostName();
    auto done = [this](const QString &error) {
        if (!error.isEmpty()) {
            fail(certificateHint(error));
            return;
        }
        const Account a = m_store->account();
        printJson({ { QStringLiteral("user"), a.user },
            { QStringLiteral("user_id"), QString::number(a.userId) },
            { QStringLiteral("device_id"), QString::number(a.deviceId) },
            { QStringLiteral("server"), a.serverUrl } });
        finish();
    };
    m_deadline.start(m_timeoutSec * 1000);
    if (isRegister)
        m_engine->account().registerAccount(server, args[0], args[1], device, done);
    else
        m_engine->account().login(server, args[0], args[1], device, done);
    return -1;
}

int Cli::cmdSend(const QStringList &args)
{
    if (args.size() != 2) {
        fprintf(stderr, "natter-cli: usage: send @USER|#ID TEXT|- [--offline] [--reply-to SEQ]\n");
        return Usage;
    }
    Relation relation;
    if (m_parser.isSet(QStringLiteral("reply-to"))) {
        bool ok = false;
        relation = Relation::reply(m_parser.value(QStringLiteral("reply-to")).toULongLong(&ok));
        if (!ok || relation.seq == 0) {
            fprintf(stderr, "natter-cli: --reply-to takes the seq of a message\n");
            return Usage;
        }
    }
    std::optional<quint64> conversation;
    try {
        conversation = conversationArg(args[0], true);
    } catch (const StoreError &e) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return StoreFailure;
    }
    if (!conversation)
        return Usage;
    auto failures = std::make_shared<QStringList>();
    connect(m_engine.get(), &SyncEngine::sendFailed, this,
        [this, failures](const QString &clientId, const QString &error) {
            if (m_queued.contains(clientId))
                failures->append(error);
        });
    auto done = [this, failures] {
        if (!failures->isEmpty())
            fail(QStringLiteral("%1 message(s) failed: %2")
                     .arg(failures->size())
                     .arg(failures->first()));
        else
            finish();
    };
    auto enqueue = [this, id = *conversation, relation](const QString &text) -> bool {
        try {
            m_queued.append(m_store->outbox().enqueueMessage(id, text, relation));
        } catch (const StoreError &e) {
            fail(QStringLiteral("cannot queue the message: %1").arg(e.message()));
            return false;
        }
        if (!m_offline)
            m_engine->outboxChanged();
        return true;
    };
    if (args[1] != QLatin1String("-")) {
        if (!enqueue(args[1]))
            return Failure;
        if (m_offline)
            return Success;
        runEngineUntilIdle(done);
        return -1;
    }
    m_inputDone = false;
    // Not a child of this object and never deleted: a QThread destroyed while
    // blocked in a read aborts the process; the thread ends with the process.
    auto *reader = new StdinReader;
#ifdef __SANITIZE_ADDRESS__
    // Left to the end of the process on purpose: not a leak to report.
    __lsan_ignore_object(reader);
#endif
    connect(reader, &StdinReader::line, this, [enqueue](const QString &text) {
        if (!text.isEmpty())
            enqueue(text);
    });
    connect(reader, &StdinReader::finished_, this, [this, done] {
        m_inputDone = true;
        if (m_offline)
            finish();
        else if (m_engine->isIdle())
            done();
    });
    if (!m_offline)
        runEngineUntilIdle(done);
    reader->start();
    return -1;
}

int Cli::cmdSync()
{
    runEngineUntilIdle([this] { finish(); });
    return -1;
}

int Cli::cmdHistory(const QStringList &args)
{
    if (args.size() != 1) {
        fprintf(stderr, "natter-cli: usage: history @USER|#ID [--limit N]\n");
        return Usage;
    }
    bool ok = false;
    const int limit = m_parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0) {
        fprintf(stderr, "natter-cli: --limit takes a positive number\n");
        return Usage;
    }
    try {
        const std::optional<quint64> conversation = conversationArg(args[0], false);
        if (!conversation)
            return Usage;
        if (*conversation == 0)
            return Success; // no conversation with that user yet
        QList<MessageRow> rows = m_store->latestMessages(*conversation, limit);
        if (rows.size() > limit)
            rows = rows.mid(rows.size() - limit);
        const auto s = m_store->conversations().summary(*conversation);
        if (s && s->historyGap())
            fprintf(stderr,
                "natter-cli: history not loaded yet: events %llu..%llu are on the server "
                "only (run sync)\n",
                static_cast<unsigned long long>(s->localSeq + 1),
                static_cast<unsigned long long>(s->serverSeq));
        for (const MessageRow &r : std::as_const(rows))
            printJson(cli::messageJson(*conversation, r));
    } catch (const StoreError &e) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return StoreFailure;
    }
    return Success;
}

int Cli::cmdConversations()
{
    try {
        for (const ConversationSummary &c : m_store->conversations().list(1000))
            printJson(cli::conversationJson(c, m_store->conversations().members(c.id),
                m_store->me().userName, m_store->groups().remark(c.id)));
    } catch (const StoreError &e) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return StoreFailure;
    }
    return Success;
}

int Cli::cmdRead(const QStringList &args)
{
    if (args.size() != 1) {
        fprintf(stderr, "natter-cli: usage: read @USER|#ID\n");
        return Usage;
    }
    try {
        const std::optional<quint64> conversation = conversationArg(args[0], false);
        if (!conversation)
            return Usage;
        if (*conversation == 0 || !m_store->outbox().enqueueRead(*conversation)) {
            fprintf(stderr, "natter-cli: no conversation with %s\n", qPrintable(args[0]));
            return Failure;
        }
    } catch (const StoreError &e) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return StoreFailure;
    }
    if (m_offline)
        return Success;
    runEngineUntilIdle([this] { finish(); });
    return -1;
}

int Cli::cmdDevices()
{
    connect(m_engine.get(), &SyncEngine::stateChanged, this, [this](SyncEngine::State s) {
        if (s != SyncEngine::State::Syncing)
            return;
        m_engine->account().fetchDevices(
            [this](const QList<DeviceInfo> &devices, const QString &error) {
                if (!error.isEmpty()) {
                    fail(error);
                    return;
                }
                for (const DeviceInfo &d : devices)
                    printJson(cli::deviceJson(d));
                finish();
            });
    });
    runEngineUntilIdle([] {});
    return -1;
}

int Cli::cmdLogout()
{
    connect(m_engine.get(), &SyncEngine::stateChanged, this, [this](SyncEngine::State s) {
        if (s != SyncEngine::State::Syncing)
            return;
        m_engine->account().logout([this](const QString &error) {
            if (error.isEmpty())
                finish();
            else
                fail(QStringLiteral("logout failed: %1").arg(error));
        });
    });
    runEngineUntilIdle([] {});
    return -1;
}

int Cli::cmdKey()
{
    printf("%s\n", m_key.toHex().constData());
    return Success;
}

} // namespace natter
