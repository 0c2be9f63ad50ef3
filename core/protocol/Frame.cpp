#include "protocol/Frame.h"

#include <QRegularExpression>

#include <algorithm>

namespace natter {

QByteArray encodeEnvelope(const proto::Envelope &envelope)
{
    QByteArray out;
    out.resize(static_cast<qsizetype>(envelope.ByteSizeLong()));
    envelope.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t *>(out.data()));
    return out;
}

DecodeResult decodeEnvelope(const QByteArray &frame, proto::Envelope *envelope)
{
    if (!envelope->ParseFromArray(frame.constData(), static_cast<int>(frame.size())))
        return DecodeResult::Malformed;
    if (envelope->version() != kProtocolVersion)
        return DecodeResult::UnsupportedVersion;
    return DecodeResult::Ok;
}

proto::Envelope makeError(quint64 requestId, proto::ErrorCode code, const QString &message)
{
    proto::Envelope env;
    env.set_version(kProtocolVersion);
    env.set_request_id(requestId);
    auto *error = env.mutable_error();
    error->set_code(code);
    error->set_message(message.toStdString());
    return env;
}

const char *errorCodeName(proto::ErrorCode code)
{
    switch (code) {
    case proto::ERROR_NONE: return "none";
    case proto::BAD_REQUEST: return "bad request";
    case proto::UNSUPPORTED_VERSION: return "unsupported protocol version";
    case proto::UNAUTHENTICATED: return "not authenticated";
    case proto::AUTH_FAILED: return "authentication failed";
    case proto::USER_EXISTS: return "user exists";
    case proto::NOT_FOUND: return "not found";
    case proto::FORBIDDEN: return "forbidden";
    case proto::RATE_LIMITED: return "rate limited";
    case proto::TOO_LARGE: return "too large";
    case proto::INVALID_ARGUMENT: return "invalid argument";
    case proto::INTERNAL: return "internal server error";
    case proto::CONFLICT: return "conflict";
    case proto::STALE_VERSION: return "the group changed meanwhile";
    case proto::GROUP_FULL: return "the group is full";
    case proto::GONE: return "no longer a member";
    case proto::ACCOUNT_DISABLED: return "account disabled";
    default: return "unknown error";
    }
}

bool isValidUserName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,31}$"));
    return re.match(name).hasMatch();
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator;
    });
}

} // namespace natter
