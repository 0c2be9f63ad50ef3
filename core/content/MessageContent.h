// Message bodies and relations on the client: what an EventBody holds (text
// today; images, files and voice come next, each as its own content kind),
// how it reads in a list or a notification, and what an event does to
// another one (reply, replace, annotate, redact) — carried beside the body
// as the protocol's Relation. Pure functions and values; any thread.
#pragma once

#include "natter.pb.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace natter {

struct Relation
{
    enum class Type { None = 0, Reply = 1, Replace = 2, Annotate = 3, Redact = 4 };
    Type type = Type::None;
    quint64 seq = 0; // the target event, in the same conversation
    QString key; // Annotate: the reaction (an emoji)

    bool isSet() const { return type != Type::None; }
    static Relation reply(quint64 seq) { return { Type::Reply, seq, {} }; }
    static Relation fromProto(const proto::Relation &relation);
    void toProto(proto::Relation *out) const;
};

// How an event shows in a conversation's timeline.
enum class TimelineRole {
    Hidden = 0, // stored, but not a line of its own (the "created" event, a reaction, an edit)
    Message = 1, // a message line; from others it counts as unread
    System = 2, // a group's membership or settings change: a line, never unread
};

namespace content {

enum class Kind { None, Text, Group };

// A group event, as its line shows it: who did what to whom.
struct GroupLine
{
    // created, added, removed, left, role, owner, renamed, announcement,
    // dissolved, joined (targets[0]; by the actor's approval unless byThemselves),
    // nickname (the actor's is now text), mentions (who may @all is now text:
    // admins or members)
    QString op;
    QString actor;
    quint64 actorId = 0;
    QStringList targets;
    QList<quint64> targetIds;
    bool byThemselves = false; // joined: the actor is the one who joined
    QString role; // op "role": admin or member
    QString text; // created / renamed: the name; announcement: the new one; nickname
    quint64 version = 0;
    QList<std::pair<quint64, QString>> people; // actor and targets: user id, name
    bool isSet() const { return !op.isEmpty(); }
};

QByteArray textBody(const QString &text);
Kind kind(const QByteArray &body);
// The text of a body ("" when it holds none).
QString text(const QByteArray &body);
// One line for the conversation list and notifications.
QString preview(const QByteArray &body);
GroupLine groupLine(const QByteArray &body); // unset when the body is no group event
// The line in English ("alice added bob, carol"): the CLI's; the desktop
// words it in the user's language from GroupLine.
QString describe(const GroupLine &line);
// Why this text cannot be sent ("" when it can): empty, or over the limit.
QString checkText(const QString &text);

TimelineRole roleOf(int eventKind, Relation::Type relation);

} // namespace content
} // namespace natter
