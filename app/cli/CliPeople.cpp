// natter-cli's people commands: friend (request, accept, decline, cancel,
// remove, block, unblock, requests), friends (with presence), contacts
// (every relation this profile knows, offline too), users search, profile
// (show, set) and settings (show, change any of them). Changes go through
// the outbox (--offline: queued only; else sent, a refusal exits 1 with the
// server's reason); what they change reaches the user's other devices on
// the feed.
#include "Cli.h"
#include "CliJson.h"

#include <cstdio>

namespace natter {

using cli::printJson;
using cli::userName;

namespace {

const char *kFriendUsage = R"(usage:
  friend request @USER [--note TEXT] | accept @USER | decline @USER | cancel @USER
  friend remove @USER | block @USER | unblock @USER
  friend requests [--offline])";

// "on"/"off" → true/false; std::nullopt (printed) otherwise.
std::optional<bool> onOff(const QCommandLineParser &parser, const char *option)
{
    const QString value = parser.value(QLatin1String(option));
    if (value == QLatin1String("on"))
        return true;
    if (value == QLatin1String("off"))
        return false;
    fprintf(stderr, "natter-cli: --%s takes on or off\n", option);
    return std::nullopt;
}

} // namespace

void Cli::whenCaughtUp(std::function<void()> work)
{
    // idle comes again after each later change: run work once.
    runEngineUntilIdle([work = std::move(work), done = false]() mutable {
        if (std::exchange(done, true))
            return;
        work();
    });
}

int Cli::printLocal(std::function<void()> print)
{
    if (m_offline) {
        try {
            print();
        } catch (const StoreError &e) {
            fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
            return StoreFailure;
        }
        return Success;
    }
    whenCaughtUp([this, print = std::move(print)] {
        try {
            print();
        } catch (const StoreError &e) {
            return fail(e.message(), StoreFailure);
        }
        finish();
    });
    return -1;
}

int Cli::printContacts(std::function<bool(const ContactRow &)> which)
{
    return printLocal([this, which = std::move(which)] {
        for (const ContactRow &c : m_store->contacts().list())
            if (which(c))
                printJson(cli::contactJson(c, nullptr));
    });
}

int Cli::cmdFriend(const QStringList &args)
{
    if (args == QStringList { QStringLiteral("requests") })
        return printContacts([](const ContactRow &c) {
            return c.state == ContactState::Incoming || c.state == ContactState::Outgoing;
        });
    PeopleRequests::Action action {};
    if (args.size() != 2 || !PeopleRequests::parseAction(args[0], &action)
        || (action != PeopleRequests::Action::Request && m_parser.isSet(QStringLiteral("note")))) {
        fprintf(stderr, "natter-cli: %s\n", kFriendUsage);
        return Usage;
    }
    const QString note = m_parser.value(QStringLiteral("note"));
    return queueAndWait([this, user = userName(args[1]), action, note](QString *error) {
        return m_engine->people().queueAction(user, action, note, error);
    });
}

int Cli::cmdFriends()
{
    if (m_offline)
        return printContacts([](const ContactRow &c) { return c.state == ContactState::Friend; });
    whenOnline([this] {
        m_engine->people().fetchFriends(
            [this](const QList<ContactInfo> &friends, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                for (const ContactInfo &f : friends)
                    printJson(cli::contactJson(f.contact, &f.presence));
                finish();
            });
    });
    return -1;
}

int Cli::cmdUsers(const QStringList &args)
{
    bool ok = false;
    const int limit = m_parser.value(QStringLiteral("limit")).toInt(&ok);
    if (args.size() != 2 || args[0] != QLatin1String("search") || !ok || limit <= 0) {
        fprintf(stderr, "natter-cli: usage: users search TEXT [--limit N]\n");
        return Usage;
    }
    whenOnline([this, query = args[1], limit] {
        m_engine->people().search(
            query, limit, [this](const QList<ProfileInfo> &users, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                for (const ProfileInfo &u : users)
                    printJson(cli::profileJson(u, false));
                finish();
            });
    });
    return -1;
}

int Cli::cmdProfile(const QStringList &args)
{
    const bool set = !args.isEmpty() && args[0] == QLatin1String("set");
    const bool changes
        = m_parser.isSet(QStringLiteral("name")) || m_parser.isSet(QStringLiteral("status"));
    if (set ? args.size() != 1 || !changes : args.size() > 1 || changes) {
        fprintf(
            stderr, "natter-cli: usage: profile [@USER] | profile set [--name N] [--status S]\n");
        return Usage;
    }
    if (!set) {
        whenOnline([this, user = args.isEmpty() ? QString() : userName(args[0])] {
            m_engine->people().fetchProfile(user, [this](const ProfileInfo &p, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                printJson(cli::profileJson(p, true));
                finish();
            });
        });
        return -1;
    }
    // Unchanged fields keep what they are (caught up first, unless --offline).
    auto shown = std::make_shared<OwnProfile>();
    return queueAndWait(
        [this, shown](QString *error) {
            OwnProfile p;
            try {
                p = m_store->accountState().profile();
            } catch (const StoreError &e) {
                *error = e.message();
                return QString();
            }
            if (m_parser.isSet(QStringLiteral("name")))
                p.displayName = m_parser.value(QStringLiteral("name"));
            if (m_parser.isSet(QStringLiteral("status")))
                p.status = m_parser.value(QStringLiteral("status"));
            *shown = p;
            return m_engine->people().queueProfile(p, error);
        },
        [this, shown] {
            printJson({ { QStringLiteral("user"), m_store->me().userName },
                { QStringLiteral("display_name"), shown->displayName.trimmed() },
                { QStringLiteral("status"), shown->status.trimmed() },
                { QStringLiteral("self"), true } });
        });
}

int Cli::cmdSettings(const QStringList &args)
{
    if (!args.isEmpty()) {
        fprintf(stderr,
            "natter-cli: usage: settings [--receipts on|off] [--presence on|off] "
            "[--searchable on|off] [--messages everyone|friends]\n");
        return Usage;
    }
    // Parse every change first: a bad value changes nothing.
    std::optional<bool> receipts, presence, searchable, friendsOnly;
    for (auto [option, target] : { std::pair { "receipts", &receipts },
             std::pair { "presence", &presence }, std::pair { "searchable", &searchable } }) {
        if (!m_parser.isSet(QLatin1String(option)))
            continue;
        *target = onOff(m_parser, option);
        if (!target->has_value())
            return Usage;
    }
    if (m_parser.isSet(QStringLiteral("messages"))) {
        const QString v = m_parser.value(QStringLiteral("messages"));
        if (v != QLatin1String("everyone") && v != QLatin1String("friends")) {
            fprintf(stderr, "natter-cli: --messages takes everyone or friends\n");
            return Usage;
        }
        friendsOnly = v == QLatin1String("friends");
    }
    int change = 0;
    PrivacySettings wanted;
    if (receipts) {
        change |= PeopleRequests::Receipts;
        wanted.receiptsOff = !*receipts;
    }
    if (presence) {
        change |= PeopleRequests::Presence;
        wanted.presenceOff = !*presence;
    }
    if (searchable) {
        change |= PeopleRequests::Searchable;
        wanted.unsearchable = !*searchable;
    }
    if (friendsOnly) {
        change |= PeopleRequests::Messages;
        wanted.friendsOnly = *friendsOnly;
    }
    const auto print = [this] { printJson(cli::settingsJson(m_store->accountState().settings())); };
    if (!change)
        return printLocal(print);
    // Only the settings named change (the server keeps the others as they
    // are, whatever another device set meanwhile).
    return queueAndWait(
        [this, wanted, change](
            QString *error) { return m_engine->people().queueSettings(wanted, change, error); },
        [this, print] {
            try {
                print();
            } catch (const StoreError &e) {
                fail(e.message(), StoreFailure);
            }
        });
}

} // namespace natter
