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
    return parsed.has_text() ? Kind::Text : Kind::None;
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
    if (eventKind != proto::EVENT_MESSAGE)
        return TimelineRole::Hidden;
    // Edits, reactions and recalls change other lines; replies are lines.
    return relation == Relation::Type::None || relation == Relation::Type::Reply
        ? TimelineRole::Message
        : TimelineRole::Hidden;
}

} // namespace content
} // namespace natter
