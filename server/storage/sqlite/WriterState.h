// WriterState: what the writer's connection keeps beside SQLite. The hot
// path of a send reads the same few rows again and again — the peer's id,
// the direct conversation, its last seq, its members — and the writer is the
// only connection that changes them, so its copies stay true as long as
// they follow its own writes, and are forgotten on any rollback (which may
// undo writes they followed). It also collects each transaction's appended
// events and membership changes for RecentEvents. Readers have none.
// Writer thread only.
#pragma once

#include "storage/Storage.h"

#include <QHash>

namespace natter::server::sqlite {

struct WriterState
{
    struct Cache
    {
        QHash<QString, quint64> userIds; // users are never renamed or deleted
        QHash<QString, quint64> directConversations;
        QHash<quint64, ConversationRow> conversations;
        QHash<quint64, QList<quint64>> memberIds;
        QHash<quint64, QList<MemberRow>> members; // by user id, as members() returns them
        // (sender, recipient) -> what a direct message between them depends
        // on; forgotten on any contact or settings change (rare).
        QHash<std::pair<quint64, quint64>, DirectGate> gates;
    };
    Cache cache;
    WriterStorage::Writes writes;
    // writes' sizes when the savepoint was set (one savepoint at a time).
    qsizetype eventsAtSavepoint = 0;
    qsizetype membershipAtSavepoint = 0;
    int usersAtSavepoint = 0;

    void forgetCache() { cache = Cache {}; }
};

} // namespace natter::server::sqlite
