// natter-cli group …: create, inspect and search groups and list join
// requests (online requests), and change them (invite, kick, leave,
// dissolve, transfer, admin, announce, rename, approve, decline, nickname,
// remark, join) through the outbox like a message: queued with the group
// version this profile has seen, sent when connected, refused with the
// server's typed error (exit 1) when the group changed meanwhile or the
// user may not.
#include "Cli.h"
#include "CliJson.h"

#include "protocol/Frame.h"

#include <QJsonArray>

#include <cstdio>

namespace natter {

using cli::printJson;
using cli::userName;

namespace {

const char *kGroupUsage = R"(usage:
  group create NAME [--members @a,@b] [--join open|approval|invite] [--history joined|all]
  group info #G | members #G | search TEXT
  group invite #G @USER... | kick #G @USER | leave #G | dissolve #G
  group transfer #G @USER | admin #G @USER [--remove]
  group join #G [--note TEXT] | requests #G | approve #G @USER | decline #G @USER
  group announce #G TEXT | rename #G NAME | remark #G TEXT | nickname #G NICK
  group mentions #G [--all])";

QJsonObject memberJson(const GroupMemberInfo &m)
{
    return { { QStringLiteral("user"), m.name },
        { QStringLiteral("user_id"), QString::number(m.userId) },
        { QStringLiteral("role"), m.role }, { QStringLiteral("nickname"), m.nickname } };
}

QJsonObject requestJson(const JoinRequestInfo &r)
{
    return { { QStringLiteral("conversation"), QString::number(r.conversationId) },
        { QStringLiteral("group"), r.title }, { QStringLiteral("user"), r.user },
        { QStringLiteral("note"), r.note }, { QStringLiteral("time"), r.timeMs } };
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
        { QStringLiteral("max_members"), g.maxMembers }, { QStringLiteral("remark"), g.remark },
        { QStringLiteral("pending_requests"), g.pendingRequests },
        { QStringLiteral("mention_all"),
            g.membersMayMentionAll ? QStringLiteral("members") : QStringLiteral("admins") },
        { QStringLiteral("members"), members } };
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
    if (sub == QLatin1String("search") && !args.isEmpty())
        return groupSearch(args.join(QLatin1Char(' ')));
    if (sub == QLatin1String("join") && args.size() == 1)
        return groupJoin(args.first());
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
    if (sub == QLatin1String("requests"))
        return groupRequests(*group);

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
    } else if (sub == QLatin1String("approve") || sub == QLatin1String("decline")) {
        if (!needs(1))
            return Usage;
        if (sub == QLatin1String("approve"))
            action.set_approve(userName(rest[0]).toStdString());
        else
            action.set_decline(userName(rest[0]).toStdString());
    } else if (sub == QLatin1String("remark")) {
        if (!needs(1))
            return Usage;
        action.set_remark(rest[0].toStdString());
    } else if (sub == QLatin1String("nickname")) {
        if (!needs(1))
            return Usage;
        action.set_nickname(rest[0].toStdString());
    } else if (sub == QLatin1String("mentions")) {
        if (!needs(0))
            return Usage;
        action.set_mention_policy(m_parser.isSet(QStringLiteral("all"))
                ? proto::MENTION_ALL_MEMBERS
                : proto::MENTION_ALL_ADMINS);
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
    int join = 0;
    int history = 0;
    if (!GroupRequests::parseJoin(m_parser.value(QStringLiteral("join")), &join)
        || !GroupRequests::parseHistory(m_parser.value(QStringLiteral("history")), &history)) {
        fprintf(
            stderr, "natter-cli: --join takes invite, open or approval; --history joined or all\n");
        return Usage;
    }
    // Created here at once (a local group, usable offline), on the server
    // when the outbox gets to it; printed as the server's once it is.
    auto local = std::make_shared<quint64>(0);
    return queueAndWait(
        [this, name, members, join, history, local](QString *error) {
            try {
                return m_store->outbox().enqueueGroupCreate(
                    name, members, join, history, local.get());
            } catch (const StoreError &e) {
                *error = QStringLiteral("cannot create the group: %1").arg(e.message());
                return QString();
            }
        },
        [this, name, local] {
            const quint64 id = m_store->conversations().resolve(*local);
            QJsonObject o { { QStringLiteral("conversation"), QString::number(id) },
                { QStringLiteral("name"), name } };
            if (Conversations::isLocal(id))
                o.insert(QStringLiteral("pending"), true);
            printJson(o);
        });
}

int Cli::groupInfo(quint64 group, bool membersOnly)
{
    whenOnline([this, group, membersOnly] {
        m_engine->groups().fetchInfo(
            group, [this, membersOnly](const GroupInfo &g, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                if (!membersOnly) {
                    printJson(groupInfoJson(g));
                } else {
                    for (const GroupMemberInfo &m : g.members)
                        printJson(memberJson(m));
                }
                finish();
            });
    });
    return -1;
}

int Cli::groupAction(quint64 group, const proto::GroupActionRequest &action)
{
    // Decided on the group as the server has it now: caught up first, then
    // queued with that version, then sent.
    return queueAndWait([this, group, action](QString *error) {
        try {
            return m_store->outbox().enqueueGroupAction(group, action);
        } catch (const StoreError &e) {
            *error = QStringLiteral("cannot queue the change: %1").arg(e.message());
            return QString();
        }
    });
}

int Cli::queueAndWait(
    std::function<QString(QString *error)> enqueue, std::function<void()> whenSent)
{
    const auto queue = [this, enqueue = std::move(enqueue)]() -> bool {
        QString error;
        const QString clientId = enqueue(&error);
        if (clientId.isEmpty()) {
            fail(error);
            return false;
        }
        m_queued.append(clientId);
        return true;
    };
    if (m_offline) {
        if (!queue())
            return Failure;
        if (whenSent)
            whenSent(); // queued is all there is to report
        return Success;
    }
    auto failure = std::make_shared<QString>();
    connect(m_engine.get(), &SyncEngine::sendFailed, this,
        [this, failure](const QString &clientId, const QString &error) {
            if (m_queued.contains(clientId))
                *failure = error;
        });
    runEngineUntilIdle([this, queue, failure, whenSent = std::move(whenSent)] {
        if (m_finished)
            return; // idle again after the answer
        if (m_queued.isEmpty()) {
            if (queue())
                m_engine->outboxChanged();
            return;
        }
        if (!failure->isEmpty())
            return fail(QStringLiteral("refused: %1").arg(*failure));
        if (whenSent)
            whenSent();
        finish();
    });
    return -1;
}

// Runs `work` once the engine is connected and caught up enough to ask.
void Cli::whenOnline(std::function<void()> work, std::function<void()> whenIdle)
{
    connect(m_engine.get(), &SyncEngine::stateChanged, this,
        [this, work = std::move(work), started = false](SyncEngine::State s) mutable {
            if (s != SyncEngine::State::Syncing || started)
                return;
            started = true;
            work();
        });
    if (!whenIdle)
        whenIdle = [] {};
    runEngineUntilIdle(std::move(whenIdle));
}

int Cli::groupSearch(const QString &text)
{
    whenOnline([this, text] {
        m_engine->groups().search(
            text, [this](const QList<GroupSummary> &groups, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                for (const GroupSummary &g : groups)
                    printJson({ { QStringLiteral("conversation"), QString::number(g.id) },
                        { QStringLiteral("name"), g.name }, { QStringLiteral("join"), g.join },
                        { QStringLiteral("members"), g.members },
                        { QStringLiteral("member"), g.member } });
                finish();
            });
    });
    return -1;
}

int Cli::groupRequests(quint64 group)
{
    whenOnline([this, group] {
        m_engine->groups().fetchRequests(
            group, [this](const QList<JoinRequestInfo> &requests, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                for (const JoinRequestInfo &r : requests)
                    printJson(requestJson(r));
                finish();
            });
    });
    return -1;
}

// #ID (a server id, also of a group not here yet) or #NAME: the one open
// group or group by approval of that exact name, found by a search.
int Cli::groupJoin(const QString &arg)
{
    if (!arg.startsWith(QLatin1Char('#')) || arg.size() < 2) {
        fprintf(stderr, "natter-cli: a group is #ID or #NAME, not '%s'\n", qPrintable(arg));
        return Usage;
    }
    const QString note = m_parser.value(QStringLiteral("note"));
    bool numeric = false;
    const quint64 id = arg.mid(1).toULongLong(&numeric);
    if (m_offline && !numeric) {
        fprintf(stderr, "natter-cli: offline, a group to join is #ID\n");
        return Usage;
    }
    const auto settled = [this](quint64 group) {
        const auto s = m_store->conversations().summary(group);
        if (s && s->isMember()) {
            printJson({ { QStringLiteral("conversation"), QString::number(group) },
                { QStringLiteral("joined"), true } });
            return true;
        }
        if (!m_store->groups()
                 .requests(JoinRequestRow::State::Pending, group, m_store->me().userId)
                 .isEmpty()) {
            printJson({ { QStringLiteral("conversation"), QString::number(group) },
                { QStringLiteral("pending"), true } });
            return true;
        }
        return false;
    };
    const auto enqueue = [this, note](quint64 group) {
        try {
            const auto s = m_store->conversations().summary(group);
            if (s && s->isMember()) {
                fail(QStringLiteral("already a member of #%1").arg(group));
                return false;
            }
            m_queued.append(m_store->outbox().enqueueJoin(group, note));
        } catch (const StoreError &e) {
            fail(QStringLiteral("cannot queue the request: %1").arg(e.message()));
            return false;
        }
        m_engine->outboxChanged();
        return true;
    };
    if (m_offline)
        return enqueue(id) ? Success : Failure;
    auto target = std::make_shared<quint64>(numeric ? id : 0);
    connect(m_engine.get(), &SyncEngine::sendFailed, this,
        [this](const QString &clientId, const QString &error) {
            if (m_queued.contains(clientId))
                fail(QStringLiteral("refused: %1").arg(error));
        });
    // The feed says how it went: joined (an open group) or a request waiting.
    auto reported = std::make_shared<bool>(false);
    const auto check = [this, target, settled, reported] {
        try {
            if (!*reported && *target && !m_queued.isEmpty()
                && m_store->outbox().pendingCount() == 0 && settled(*target)) {
                *reported = true;
                finish();
            }
        } catch (const StoreError &e) {
            fail(e.message(), StoreFailure);
        }
    };
    connect(m_engine.get(), &SyncEngine::conversationsChanged, this, check);
    connect(m_engine.get(), &SyncEngine::joinRequestsChanged, this, check);
    const QString name = arg.mid(1);
    whenOnline([this, target, numeric, name, enqueue] {
        if (numeric) {
            enqueue(*target);
            return;
        }
        m_engine->groups().search(name,
            [this, target, name, enqueue](const QList<GroupSummary> &groups, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                QList<quint64> named;
                for (const GroupSummary &g : groups)
                    if (g.name == name)
                        named.append(g.id);
                if (named.size() != 1)
                    return fail(named.isEmpty()
                            ? QStringLiteral("no open group is called %1").arg(name)
                            : QStringLiteral("%1 groups are called %2: use #ID")
                                  .arg(named.size())
                                  .arg(name));
                *target = named.first();
                enqueue(*target);
            });
    });
    return -1;
}

} // namespace natter
