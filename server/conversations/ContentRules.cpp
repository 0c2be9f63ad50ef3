#include "conversations/ContentRules.h"

namespace natter::server {

namespace {

ServiceError validateText(const proto::EventBody &body, const ContentLimits &limits)
{
    const QString text = QString::fromStdString(body.text().text());
    if (text.isEmpty())
        return { proto::INVALID_ARGUMENT, QStringLiteral("text must not be empty") };
    if (text.size() > limits.maxTextChars)
        return { proto::TOO_LARGE,
            QStringLiteral("text longer than %1 characters").arg(limits.maxTextChars) };
    if (body.text().mentions_size() > Mentions::kMaxUsers)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("at most %1 mentions in a message").arg(Mentions::kMaxUsers) };
    for (quint64 id : body.text().mentions())
        if (id == 0)
            return { proto::INVALID_ARGUMENT, QStringLiteral("a mention names no user") };
    return {};
}

} // namespace

Mentions Mentions::of(const proto::EventBody &body)
{
    return { body.content_case() == proto::EventBody::kText && body.text().mention_all() };
}

ContentRules ContentRules::standard()
{
    ContentRules rules;
    rules.add(proto::EventBody::kText, validateText);
    return rules;
}

void ContentRules::add(proto::EventBody::ContentCase kind, Validator validator)
{
    const auto index = size_t(kind);
    if (m_validators.size() <= index)
        m_validators.resize(index + 1);
    m_validators[index] = std::move(validator);
}

bool ContentRules::accepts(proto::EventBody::ContentCase kind) const
{
    const auto index = size_t(kind);
    return index < m_validators.size() && m_validators[index];
}

ServiceError ContentRules::validate(const proto::EventBody &body, const ContentLimits &limits) const
{
    if (!accepts(body.content_case()))
        return { proto::INVALID_ARGUMENT,
            body.content_case() == proto::EventBody::CONTENT_NOT_SET
                ? QStringLiteral("the body holds no content")
                : QStringLiteral("this server does not accept that kind of content") };
    return m_validators[size_t(body.content_case())](body, limits);
}

} // namespace natter::server
