// natter-cli group …: create and inspect groups (online requests), and
// change them (invite, kick, leave, dissolve, transfer, admin, announce,
// rename) through the outbox like a message: queued with the group version
// this profile has seen, sent when connected, refused with the server's
// typed error (exit 1) when the group changed meanwhile or the user may not.
#include "Cli.h"
#include "CliJson.h"

#include "protocol/Frame.h"

#include <QJsonArray>

#include <cstdio>

namespace natter {

using cli::printJson;

namespace {

const char *kGroupUsage = R"(usage:
  group create NAME [--members @a,@b] [--join open|approval|invite] [--history joined|all]
  group info #G | members #G
  group invite #G @USER... | kick #G @USER | leave #G | dissolve #G
  group transfer #G @USER | admin #G @USER [--remove]
  group announce #G TEXT | rename #G NAME)";

QString userName(const QString &arg)
{
    return (arg.startsWith(QLatin1Char('@')) ? arg.mid(1) : arg).toLower();
}

QJsonObject memberJson(const GroupMemberInfo &m)
{
    return { { QStringLiteral("user"), m.name },
        { QStringLiteral("user_id"), QString::number(m.userId) },
        { QStringLiteral("role"), m.role } };
}

QJsonObject groupInfoJson(const GroupInfo &g)
{
    QJsonArray members;
    for (const GroupMemberInfo &m : g.members)
        members.append(memberJson(m));
    return { { QStringLiteral("conversation"), QString::number(g.id) },
        { QStringLiteral("name"), g.name }, { QStringLiteral("join"), g.join },
        { QStringLiteral("history"), g.history }, { QStringLiteral("version"), qint64(g.version) },
        { QStringLiteral("announcement"), g.announcement },
        { QStringLiteral("dissolved"), g.dissolved },
        { QStringLiteral("max_members"), g.maxMembers }, { QStringLiteral("members"), members } };
}

} // namespace

int Cli::cmdGroup(const QStringList &all)
{
    if (all.isEmpty()) {
        fprintf(stderr, "natter-cli: %s\n", kGroupUsage);
        return Usage;
    }
    const QString &sub = all.first();
    const QStringList args = all.mid(1);
    if (sub == QLatin1String("create"))
        return groupCreate(args);
    if (args.isEmpty()) {
        fprintf(stderr, "natter-cli: %s\n", kGroupUsage);
        return Usage;
    }
    std::optional<quint64> group;
    try {
        group = groupArg(args.first());
    } catch (const StoreError &e) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return StoreFailure;
    }
    if (!group)
        return Usage;
    if (sub == QLatin1String("info") || sub == QLatin1String("members"))
        return groupInfo(*group, sub == QLatin1String("members"));

    proto::GroupActionRequest action;
    const QStringList rest = args.mid(1);
    const auto needs = [&](qsizetype n) {
        if (rest.size() == n)
            return true;
        fprintf(stderr, "natter-cli: %s\n", kGroupUsage);
        return false;
    };
    if (sub == QLatin1String("invite")) {
        if (rest.isEmpty())
            return needs(1) ? Success : Usage;
        for (const QString &u : rest)
            action.mutable_invite()->add_users(userName(u).toStdString());
    } else if (sub == QLatin1String("kick")) {
        if (!needs(1))
            return Usage;
        action.set_kick(userName(rest[0]).toStdString());
    } else if (sub == QLatin1String("leave")) {
        if (!needs(0))
            return Usage;
        action.mutable_leave();
    } else if (sub == QLatin1String("dissolve")) {
        if (!needs(0))
            return Usage;
        action.mutable_dissolve();
    } else if (sub == QLatin1String("transfer")) {
        if (!needs(1))
            return Usage;
        action.set_transfer(userName(rest[0]).toStdString());
    } else if (sub == QLatin1String("admin")) {
        if (!needs(1))
            return Usage;
        action.mutable_set_role()->set_user(userName(rest[0]).toStdString());
        action.mutable_set_role()->set_role(
            m_parser.isSet(QStringLiteral("remove")) ? proto::ROLE_MEMBER : proto::ROLE_ADMIN);
    } else if (sub == QLatin1String("announce")) {
        if (!needs(1))
            return Usage;
        action.set_announce(rest[0].toStdString());
    } else if (sub == QLatin1String("rename")) {
        if (!needs(1))
            return Usage;
        action.set_rename(rest[0].toStdString());
    } else {
        fprintf(
            stderr, "natter-cli: unknown group command '%s'\n%s\n", qPrintable(sub), kGroupUsage);
        return Usage;
    }
    return groupAction(*group, action);
}

std::optional<quint64> Cli::groupArg(const QString &arg)
{
    if (!arg.startsWith(QLatin1Char('#'))) {
        fprintf(stderr, "natter-cli: a group is #ID or #NAME, not '%s'\n", qPrintable(arg));
        return std::nullopt;
    }
    const auto id = conversationArg(arg, false);
    if (!id)
        return std::nullopt;
    const auto s = m_store->conversations().summary(*id);
    if (!s || s->kind != proto::GROUP) {
        fprintf(stderr, "natter-cli: %s is not a group\n", qPrintable(arg));
        return std::nullopt;
    }
    return id;
}

int Cli::groupCreate(const QStringList &args)
{
    if (args.size() != 1) {
        fprintf(stderr, "natter-cli: %s\n", kGroupUsage);
        return Usage;
    }
    QStringList members;
    for (const QString &m :
        m_parser.value(QStringLiteral("members")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        members.append(userName(m.trimmed()));
    const QString &name = args[0];
    const QString join = m_parser.value(QStringLiteral("join"));
    const QString history = m_parser.value(QStringLiteral("history"));
    connect(m_engine.get(), &SyncEngine::stateChanged, this,
        [this, name, members, join, history](SyncEngine::State s) {
            if (s != SyncEngine::State::Syncing || m_created)
                return;
            m_created = true;
            m_engine->groups().create(
                name, members, join, history, [this, name](quint64 id, const QString &error) {
                    if (!error.isEmpty()) {
                        fail(QStringLiteral("cannot create the group: %1").arg(error));
                        return;
                    }
                    // The feed brings it here too: wait until it has.
                    m_inputDone = false;
                    m_createdGroup = id;
                    connect(m_engine.get(), &SyncEngine::conversationsChanged, this, [this] {
                        if (m_store->conversations().contains(m_createdGroup))
                            m_inputDone = true;
                    });
                    printJson({ { QStringLiteral("conversation"), QString::number(id) },
                        { QStringLiteral("name"), name } });
                });
        });
    runEngineUntilIdle([this] {
        if (m_createdGroup)
            finish();
    });
    return -1;
}

int Cli::groupInfo(quint64 group, bool membersOnly)
{
    connect(m_engine.get(), &SyncEngine::stateChanged, this,
        [this, group, membersOnly](SyncEngine::State s) {
            if (s != SyncEngine::State::Syncing)
                return;
            m_engine->groups().fetchInfo(
                group, [this, membersOnly](const GroupInfo &g, const QString &e) {
                    if (!e.isEmpty()) {
                        fail(e);
                        return;
                    }
                    if (!membersOnly) {
                        printJson(groupInfoJson(g));
                    } else {
                        for (const GroupMemberInfo &m : g.members)
                            printJson(memberJson(m));
                    }
                    finish();
                });
        });
    runEngineUntilIdle([] {});
    return -1;
}

int Cli::groupAction(quint64 group, const proto::GroupActionRequest &action)
{
    const auto enqueue = [this, group, action]() -> bool {
        try {
            m_queued.append(m_store->outbox().enqueueGroupAction(group, action));
        } catch (const StoreError &e) {
            fail(QStringLiteral("cannot queue the change: %1").arg(e.message()));
            return false;
        }
        return true;
    };
    if (m_offline)
        return enqueue() ? Success : Failure;
    auto failure = std::make_shared<QString>();
    connect(m_engine.get(), &SyncEngine::sendFailed, this,
        [this, failure](const QString &clientId, const QString &error) {
            if (m_queued.contains(clientId))
                *failure = error;
        });
    // Decided on the group as the server has it now: caught up first, then
    // queued with that version, then sent.
    runEngineUntilIdle([this, enqueue, failure] {
        if (m_queued.isEmpty()) {
            if (enqueue())
                m_engine->outboxChanged();
            return;
        }
        if (!failure->isEmpty())
            fail(QStringLiteral("refused: %1").arg(*failure));
        else
            finish();
    });
    return -1;
}

} // namespace natter
