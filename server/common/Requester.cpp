#include "common/Requester.h"

#include "common/Logging.h"
#include "protocol/Frame.h"
#include "storage/DbWorker.h"

namespace natter::server {

namespace {
proto::Envelope stamped(proto::Envelope envelope, quint64 requestId)
{
    envelope.set_version(kProtocolVersion);
    envelope.set_request_id(requestId);
    return envelope;
}
} // namespace

void Requester::reply(proto::Envelope envelope) const
{
    channel->reply(thread, sessionId, stamped(std::move(envelope), requestId));
}

void Requester::error(proto::ErrorCode code, const QString &message) const
{
    channel->reply(thread, sessionId, makeError(requestId, code, message));
}

void Requester::replyAndClose(proto::Envelope envelope, const QString &reason) const
{
    channel->replyAndClose(thread, sessionId, stamped(std::move(envelope), requestId), reason);
}

void Requester::read(const DbOp &op) const
{
    channel->read(thread, op);
}

void Requester::storageFailure(const StorageError &e) const
{
    qCWarning(lcStorage) << "request" << requestId << "failed:" << e.message();
    switch (e.kind()) {
    case StorageError::Kind::Duplicate:
        return error(proto::CONFLICT, QStringLiteral("already exists"));
    case StorageError::Kind::Full:
        return error(proto::INTERNAL, QStringLiteral("the server's storage is full, retry later"));
    case StorageError::Kind::Busy:
        return error(proto::INTERNAL, QStringLiteral("the server is busy, retry"));
    default: return error(proto::INTERNAL, QStringLiteral("storage failure, retry"));
    }
}

std::function<void(const StorageError &)> Requester::onStorageFailure() const
{
    return [who = *this](const StorageError &e) { who.storageFailure(e); };
}

} // namespace natter::server
