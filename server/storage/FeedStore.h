// FeedStore: each user's feed of per-user state (joined a conversation,
// read position moved, ...), with its own gapless seq. Part of a Storage:
// one connection, one thread. Throws StorageError.
#pragma once

#include "storage/Rows.h"

#include <QList>

namespace natter::server {

class FeedStore
{
public:
    // Appends at the user's next feed seq and returns it; Internal when the
    // user does not exist.
    virtual quint64 append(quint64 userId, qint64 timeMs, const QByteArray &body) = 0;
    virtual QList<FeedRow> after(quint64 userId, quint64 afterSeq, int limit) = 0;

protected:
    ~FeedStore() = default;
};

} // namespace natter::server
