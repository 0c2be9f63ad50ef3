// Helpers for the server's unit tests: a storage backend in a temporary
// directory and the request bodies the services take.
#pragma once

#include "storage/StorageBackend.h"

#include "natter.pb.h"

#include <QTemporaryDir>

#include <memory>

namespace natter::server::test {

inline std::string textBody(const char *text)
{
    proto::EventBody body;
    body.mutable_text()->set_text(text);
    return body.SerializeAsString();
}

inline proto::SendRequest sendTo(const char *user, const char *clientId, const char *text = "hi")
{
    proto::SendRequest r;
    r.set_client_id(clientId);
    r.set_to_user(user);
    r.set_body(textBody(text));
    return r;
}

inline proto::SendRequest sendIn(
    quint64 conversationId, const char *clientId, const char *text = "hi")
{
    proto::SendRequest r;
    r.set_client_id(clientId);
    r.set_conversation_id(conversationId);
    r.set_body(textBody(text));
    return r;
}

// A fresh SQLite backend per call, in dir; synchronous OFF (quick).
inline std::unique_ptr<StorageBackend> freshBackend(const QTemporaryDir &dir)
{
    static int counter = 0;
    StorageOptions options;
    options.dataDir = dir.filePath(QStringLiteral("db%1").arg(++counter));
    options.synchronous = QStringLiteral("OFF");
    return StorageBackend::open(options);
}

} // namespace natter::server::test
