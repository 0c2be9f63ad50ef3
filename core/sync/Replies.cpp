#include "sync/Replies.h"

#include "protocol/Frame.h"

namespace natter {

QString replyError(const proto::Envelope &reply)
{
    if (reply.body_case() != proto::Envelope::kError)
        return QStringLiteral("unexpected reply from the server");
    const QString msg = QString::fromStdString(reply.error().message());
    return msg.isEmpty() ? QString::fromLatin1(errorCodeName(reply.error().code())) : msg;
}

QString notConnected()
{
    return QStringLiteral("not connected to the server");
}

bool isTransient(proto::ErrorCode code)
{
    return code == proto::RATE_LIMITED || code == proto::INTERNAL || code == proto::UNAUTHENTICATED;
}

} // namespace natter
