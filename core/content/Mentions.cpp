#include "content/Mentions.h"

#include "natter.pb.h"

namespace natter::content {

namespace {

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.')
        || c == QLatin1Char('-');
}

// The word after an '@' that could be a name (letters, digits, _ . -), or
// "" when `at` is not an '@' that starts one (it must not follow a letter or
// digit: "bob@example" is no mention).
QString mentionWordAt(const QString &text, qsizetype at)
{
    if (at < 0 || at >= text.size() || text[at] != QLatin1Char('@'))
        return {};
    if (at > 0 && text[at - 1].isLetterOrNumber())
        return {};
    qsizetype end = at + 1;
    while (end < text.size() && isNameChar(text[end]))
        ++end;
    // A name does not end in a full stop or a hyphen ("thanks @bob." names bob).
    while (end > at + 1 && (text[end - 1] == QLatin1Char('.') || text[end - 1] == QLatin1Char('-')))
        --end;
    return text.mid(at + 1, end - at - 1);
}

} // namespace

MentionWords mentionWords(const QString &text, bool allowAll)
{
    MentionWords m;
    for (qsizetype i = text.indexOf(QLatin1Char('@')); i >= 0;
         i = text.indexOf(QLatin1Char('@'), i + 1)) {
        const QString word = mentionWordAt(text, i);
        if (word.isEmpty())
            continue;
        if (allowAll && word.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
            m.all = true;
            continue;
        }
        if (!m.names.contains(word, Qt::CaseInsensitive))
            m.names.append(word);
    }
    return m;
}

QByteArray textBody(const QString &text, const Mentions &mentions)
{
    proto::EventBody body;
    proto::TextMessage *t = body.mutable_text();
    t->set_text(text.toStdString());
    for (quint64 id : mentions.users)
        t->add_mentions(id);
    t->set_mention_all(mentions.all);
    return QByteArray::fromStdString(body.SerializeAsString());
}

Mentions mentionsOf(const QByteArray &body)
{
    proto::EventBody parsed;
    Mentions m;
    if (!parsed.ParseFromArray(body.constData(), int(body.size())) || !parsed.has_text())
        return m;
    for (quint64 id : parsed.text().mentions())
        m.users.append(id);
    m.all = parsed.text().mention_all();
    return m;
}

} // namespace natter::content
