// Mentions: the @name and @all of a text message. The composer's text is
// scanned for @words; those that name a known user (case-insensitive) and
// @all become the mention list in the body's TextMessage (the server
// checks @all), and a message that mentions this user marks its
// conversation ("@you"). Pure functions; any thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace natter::content {

struct Mentions
{
    QList<quint64> users;
    bool all = false;
    bool isEmpty() const { return users.isEmpty() && !all; }
    bool includes(quint64 userId) const { return all || users.contains(userId); }
};

struct MentionWords
{
    QStringList names; // each once (case-insensitively), in order
    bool all = false;
};
// The @words of a text, and whether it says @all (only when allowAll: groups).
MentionWords mentionWords(const QString &text, bool allowAll);
// A text body with its mentions.
QByteArray textBody(const QString &text, const Mentions &mentions);
Mentions mentionsOf(const QByteArray &body);

} // namespace natter::content
