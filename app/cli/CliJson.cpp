#include "CliJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace natter::cli {

void printJson(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    fwrite(line.constData(), 1, size_t(line.size()), stdout);
}

QString userName(const QString &arg)
{
    return (arg.startsWith(QLatin1Char('@')) ? arg.mid(1) : arg).toLower();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

namespace {
QJsonValue idOrNull(quint64 id)
{
    return id ? QJsonValue(QString::number(id)) : QJsonValue();
}
} // namespace

QJsonObject messageJson(quint64 conversationId, const MessageRow &r)
{
    QJsonObject o { { QStringLiteral("conversation"), QString::number(conversationId) },
        { QStringLiteral("id"), idOrNull(r.id) },
        { QStringLiteral("client_id"),
            r.clientId.isEmpty() ? QJsonValue() : QJsonValue(r.clientId) },
        { QStringLiteral("seq"), r.seq ? QJsonValue(qint64(r.seq)) : QJsonValue() },
        { QStringLiteral("from"), r.from }, { QStringLiteral("text"), r.text },
        { QStringLiteral("state"), messageStateName(r.state) },
        { QStringLiteral("time"), isoTime(r.timeMs) } };
    if (r.replyTo)
        o.insert(QStringLiteral("reply_to"), qint64(r.replyTo));
    if (!r.nickname.isEmpty())
        o.insert(QStringLiteral("nickname"), r.nickname); // the sender's in this group
    o.insert(QStringLiteral("kind"),
        r.group.isSet() ? QStringLiteral("system") : QStringLiteral("message"));
    if (r.group.isSet()) {
        QJsonObject event { { QStringLiteral("op"), r.group.op },
            { QStringLiteral("actor"), r.group.actor },
            { QStringLiteral("targets"), QJsonArray::fromStringList(r.group.targets) } };
        if (r.group.op == QLatin1String("role"))
            event.insert(QStringLiteral("role"), r.group.role);
        if (!r.group.text.isEmpty())
            event.insert(QStringLiteral("text"), r.group.text);
        o.insert(QStringLiteral("event"), event);
    }
    if (!r.mentions.isEmpty())
        o.insert(QStringLiteral("mentions"), QJsonArray::fromStringList(r.mentions));
    if (r.mentionAll)
        o.insert(QStringLiteral("mention_all"), true);
    if (r.mentionsMe)
        o.insert(QStringLiteral("mentions_me"), true);
    if (r.receipt)
        o.insert(QStringLiteral("receipt"), receiptJson(*r.receipt, false));
    if (!r.error.isEmpty())
        o.insert(QStringLiteral("error"), r.error);
    return o;
}

QJsonObject receiptJson(const ReceiptRow &r, bool hidden)
{
    QJsonObject o { { QStringLiteral("seq"), qint64(r.seq) },
        { QStringLiteral("delivered"), r.delivered }, { QStringLiteral("of"), r.total } };
    if (hidden) {
        o.insert(QStringLiteral("hidden"), true);
        return o;
    }
    o.insert(QStringLiteral("read"), r.read);
    o.insert(QStringLiteral("by"), QJsonArray::fromStringList(r.readers));
    return o;
}

QJsonObject conversationJson(const ConversationSummary &c, const QList<MemberInfo> &members,
    const QString &myName, const QString &remark)
{
    QJsonValue last;
    if (c.hasLast)
        last = QJsonObject { { QStringLiteral("from"), c.lastFrom },
            { QStringLiteral("text"), c.lastText },
            { QStringLiteral("time"), isoTime(c.lastTimeMs) } };
    QJsonArray names;
    for (const MemberInfo &m : members)
        names.append(m.name);
    QJsonObject o { { QStringLiteral("conversation"), QString::number(c.id) },
        { QStringLiteral("kind"), Conversations::kindName(c.kind) },
        { QStringLiteral("title"), c.title }, { QStringLiteral("members"), names },
        { QStringLiteral("unread"), c.unread }, { QStringLiteral("last_seq"), qint64(c.serverSeq) },
        { QStringLiteral("last_message"), last } };
    if (c.kind == proto::DIRECT) {
        // The other member, also before the server created the chat.
        QString with = c.title;
        for (const MemberInfo &m : members)
            if (m.name != myName)
                with = m.name;
        o.insert(QStringLiteral("with"), with);
    }
    if (c.local)
        o.insert(QStringLiteral("pending"), true);
    if (!remark.isEmpty())
        o.insert(QStringLiteral("remark"), remark);
    if (c.mentioned()) // a message that mentions the user is unread
        o.insert(QStringLiteral("mentioned"), true);
    if (!c.isMember()) // a group left, removed from or dissolved: history up to left_seq
        o.insert(c.dissolved ? QStringLiteral("dissolved") : QStringLiteral("left"), true);
    return o;
}

QJsonObject deviceJson(const DeviceInfo &d)
{
    return { { QStringLiteral("id"), QString::number(d.id) }, { QStringLiteral("name"), d.name },
        { QStringLiteral("current"), d.current }, { QStringLiteral("revoked"), d.revoked },
        { QStringLiteral("created"), isoTime(d.createdMs) },
        { QStringLiteral("last_seen"), isoTime(d.lastSeenMs) } };
}

namespace {
QJsonObject presenceJson(const PresenceInfo &p)
{
    if (p.hidden)
        return { { QStringLiteral("hidden"), true } };
    QJsonObject o { { QStringLiteral("online"), p.online } };
    if (!p.online && p.lastSeenMs)
        o.insert(QStringLiteral("last_seen"), isoTime(p.lastSeenMs));
    return o;
}
} // namespace

QJsonObject contactJson(const ContactRow &c, const PresenceInfo *presence)
{
    QJsonObject o { { QStringLiteral("user"), c.name },
        { QStringLiteral("user_id"), QString::number(c.userId) },
        { QStringLiteral("display_name"), c.displayName }, { QStringLiteral("status"), c.status },
        { QStringLiteral("state"), PeopleRequests::stateName(c.state) },
        { QStringLiteral("blocked"), c.blocked } };
    if (c.sinceMs)
        o.insert(QStringLiteral("since"), isoTime(c.sinceMs));
    if (!c.note.isEmpty())
        o.insert(QStringLiteral("note"), c.note);
    if (c.declined)
        o.insert(QStringLiteral("declined"), true);
    if (presence)
        o.insert(QStringLiteral("presence"), presenceJson(*presence));
    return o;
}

QJsonObject profileJson(const ProfileInfo &p, bool withPresence)
{
    QJsonObject o { { QStringLiteral("user"), p.name },
        { QStringLiteral("user_id"), QString::number(p.userId) },
        { QStringLiteral("display_name"), p.displayName }, { QStringLiteral("status"), p.status } };
    if (p.self) {
        o.insert(QStringLiteral("self"), true);
        return o;
    }
    o.insert(QStringLiteral("state"), PeopleRequests::stateName(p.contact.state));
    o.insert(QStringLiteral("blocked"), p.contact.blocked);
    if (withPresence && p.contact.state == ContactState::Friend)
        o.insert(QStringLiteral("presence"), presenceJson(p.presence));
    return o;
}

QJsonObject settingsJson(const PrivacySettings &s)
{
    return { { QStringLiteral("receipts"), !s.receiptsOff },
        { QStringLiteral("presence"), !s.presenceOff },
        { QStringLiteral("searchable"), !s.unsearchable },
        { QStringLiteral("messages"),
            s.friendsOnly ? QStringLiteral("friends") : QStringLiteral("everyone") } };
}

} // namespace natter::cli
