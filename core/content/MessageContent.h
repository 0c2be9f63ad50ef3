// Message bodies and relations on the client: what an EventBody holds (text
// today; images, files and voice come next, each as its own content kind),
// how it reads in a list or a notification, and what an event does to
// another one (reply, replace, annotate, redact) — carried beside the body
// as the protocol's Relation. Pure functions and values; any thread.
#pragma once

#include "natter.pb.h"

#include <QByteArray>
#include <QString>

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
};

namespace content {

enum class Kind { None, Text };

QByteArray textBody(const QString &text);
Kind kind(const QByteArray &body);
// The text of a body ("" when it holds none).
QString text(const QByteArray &body);
// One line for the conversation list and notifications.
QString preview(const QByteArray &body);
// Why this text cannot be sent ("" when it can): empty, or over the limit.
QString checkText(const QString &text);

TimelineRole roleOf(int eventKind, Relation::Type relation);

} // namespace content
} // namespace natter
