#include "content/MessageContent.h"

#include "protocol/Frame.h"

namespace natter {

Relation Relation::fromProto(const proto::Relation &relation)
{
    Relation r;
    switch (relation.type()) {
    case proto::RELATION_REPLY: r.type = Type::Reply; break;
    case proto::RELATION_REPLACE: r.type = Type::Replace; break;
    case proto::RELATION_ANNOTATE: r.type = Type::Annotate; break;
    case proto::RELATION_REDACT: r.type = Type::Redact; break;
    default: return {};
    }
    r.seq = relation.seq();
    r.key = QString::fromStdString(relation.key());
    return r;
}

void Relation::toProto(proto::Relation *out) const
{
    out->set_type(proto::RelationType(int(type)));
    out->set_seq(seq);
    out->set_key(key.toStdString());
}

namespace content {

namespace {
bool parse(const QByteArray &body, proto::EventBody *out)
{
    return out->ParseFromArray(body.constData(), int(body.size()));
}
} // namespace

QByteArray textBody(const QString &text)
{
    proto::EventBody body;
    body.mutable_text()->set_text(text.toStdString());
    return QByteArray::fromStdString(body.SerializeAsString());
}

Kind kind(const QByteArray &body)
{
    proto::EventBody parsed;
    if (!parse(body, &parsed))
        return Kind::None;
    if (parsed.has_text())
        return Kind::Text;
    return parsed.has_group() ? Kind::Group : Kind::None;
}

QString text(const QByteArray &body)
{
    proto::EventBody parsed;
    if (!parse(body, &parsed) || !parsed.has_text())
        return {};
    return QString::fromStdString(parsed.text().text());
}

QString preview(const QByteArray &body)
{
    QString line = text(body);
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return line;
}

GroupLine groupLine(const QByteArray &body)
{
    proto::EventBody parsed;
    GroupLine line;
    if (!parse(body, &parsed) || !parsed.has_group())
        return line;
    const proto::GroupChange &g = parsed.group();
    switch (g.op()) {
    case proto::GroupChange::OP_CREATED: line.op = QStringLiteral("created"); break;
    case proto::GroupChange::OP_ADDED: line.op = QStringLiteral("added"); break;
    case proto::GroupChange::OP_REMOVED: line.op = QStringLiteral("removed"); break;
    case proto::GroupChange::OP_LEFT: line.op = QStringLiteral("left"); break;
    case proto::GroupChange::OP_ROLE: line.op = QStringLiteral("role"); break;
    case proto::GroupChange::OP_OWNER: line.op = QStringLiteral("owner"); break;
    case proto::GroupChange::OP_RENAMED: line.op = QStringLiteral("renamed"); break;
    case proto::GroupChange::OP_ANNOUNCEMENT: line.op = QStringLiteral("announcement"); break;
    case proto::GroupChange::OP_DISSOLVED: line.op = QStringLiteral("dissolved"); break;
    case proto::GroupChange::OP_JOINED: line.op = QStringLiteral("joined"); break;
    case proto::GroupChange::OP_NICKNAME: line.op = QStringLiteral("nickname"); break;
    case proto::GroupChange::OP_MENTIONS: line.op = QStringLiteral("mentions"); break;
    default: line.op = QStringLiteral("changed"); break; // a newer server's change
    }
    line.actor = QString::fromStdString(g.actor().user());
    line.actorId = g.actor().user_id();
    if (g.actor().user_id() != 0)
        line.people.append({ g.actor().user_id(), line.actor });
    for (const auto &t : g.targets()) {
        line.targets.append(QString::fromStdString(t.user()));
        line.targetIds.append(t.user_id());
        if (t.user_id() != 0)
            line.people.append({ t.user_id(), line.targets.last() });
    }
    line.byThemselves = line.targetIds.size() == 1 && line.targetIds[0] == line.actorId;
    line.role = g.role() == proto::ROLE_ADMIN ? QStringLiteral("admin") : QStringLiteral("member");
    line.text = g.op() == proto::GroupChange::OP_MENTIONS
        ? (g.mentions() == proto::MENTION_ALL_MEMBERS ? QStringLiteral("members")
                                                      : QStringLiteral("admins"))
        : QString::fromStdString(g.text());
    line.version = g.version();
    return line;
}

QString describe(const GroupLine &l)
{
    const QString who = l.targets.join(QStringLiteral(", "));
    if (l.op == QLatin1String("created"))
        return QStringLiteral("%1 created the group “%2”").arg(l.actor, l.text);
    if (l.op == QLatin1String("added"))
        return QStringLiteral("%1 added %2").arg(l.actor, who);
    if (l.op == QLatin1String("removed"))
        return QStringLiteral("%1 removed %2").arg(l.actor, who);
    if (l.op == QLatin1String("left"))
        return QStringLiteral("%1 left").arg(l.actor);
    if (l.op == QLatin1String("role"))
        return l.role == QLatin1String("admin")
            ? QStringLiteral("%1 made %2 an admin").arg(l.actor, who)
            : QStringLiteral("%1 made %2 a member").arg(l.actor, who);
    if (l.op == QLatin1String("owner"))
        return QStringLiteral("%1 handed the group to %2").arg(l.actor, who);
    if (l.op == QLatin1String("renamed"))
        return QStringLiteral("%1 renamed the group to “%2”").arg(l.actor, l.text);
    if (l.op == QLatin1String("announcement"))
        return l.text.isEmpty() ? QStringLiteral("%1 cleared the announcement").arg(l.actor)
                                : QStringLiteral("%1 changed the announcement").arg(l.actor);
    if (l.op == QLatin1String("dissolved"))
        return QStringLiteral("%1 dissolved the group").arg(l.actor);
    if (l.op == QLatin1String("joined"))
        return l.byThemselves ? QStringLiteral("%1 joined").arg(l.actor)
                              : QStringLiteral("%1 let %2 join").arg(l.actor, who);
    if (l.op == QLatin1String("nickname"))
        return l.text.isEmpty() ? QStringLiteral("%1 cleared their nickname").arg(l.actor)
                                : QStringLiteral("%1 now goes by “%2”").arg(l.actor, l.text);
    if (l.op == QLatin1String("mentions"))
        return l.text == QLatin1String("members")
            ? QStringLiteral("%1 let every member mention everyone").arg(l.actor)
            : QStringLiteral("%1 let only admins mention everyone").arg(l.actor);
    return QStringLiteral("%1 changed the group").arg(l.actor);
}

QString checkText(const QString &text)
{
    if (text.isEmpty())
        return QStringLiteral("empty message");
    if (text.size() > limits::kMaxTextChars)
        return QStringLiteral("message too long (%1 characters, limit %2)")
            .arg(text.size())
            .arg(limits::kMaxTextChars);
    return {};
}

TimelineRole roleOf(int eventKind, Relation::Type relation)
{
    if (eventKind == proto::EVENT_GROUP)
        return TimelineRole::System;
    if (eventKind != proto::EVENT_MESSAGE)
        return TimelineRole::Hidden;
    // Edits, reactions and recalls change other lines; replies are lines.
    return relation == Relation::Type::None || relation == Relation::Type::Reply
        ? TimelineRole::Message
        : TimelineRole::Hidden;
}

} // namespace content
} // namespace natter
