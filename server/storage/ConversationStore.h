// ConversationStore: conversations (kind, last seq, a group's settings)
// and their members (role, joined seq, read seq, left seq). Part of a Storage: one connection, one
// thread. Throws StorageError. A conversation's last seq moves only through
// EventStore::append, which allocates it.
#pragma once

#include "storage/Rows.h"

#include <QList>

#include <optional>

namespace natter::server {

class ConversationStore
{
public:
    virtual std::optional<ConversationRow> byId(quint64 id) = 0;
    // The direct conversation of a pair (see directKey in conversations/).
    virtual std::optional<quint64> directByKey(const QString &directKey) = 0;
    // directKey empty for groups. Duplicate when the id or the key is taken.
    virtual void insert(const ConversationRow &row, const QString &directKey) = 0;
    // A group's name, policies, version, announcement and dissolved flag.
    virtual void updateGroup(const ConversationRow &row) = 0;
    virtual void insertMember(const MemberRow &member) = 0; // Duplicate when already one
    // Role, joined, read and left seq, nickname and remark of an existing member row.
    virtual void updateMember(const MemberRow &member) = 0;
    // Current and former members (leftSeq set) alike.
    virtual std::optional<MemberRow> member(quint64 conversationId, quint64 userId) = 0;
    virtual QList<MemberRow> members(quint64 conversationId) = 0; // by user id
    virtual QList<quint64> memberUserIds(quint64 conversationId) = 0; // current ones, ascending
    virtual void setReadSeq(quint64 conversationId, quint64 userId, quint64 readSeq) = 0;
    // Raises a member's delivered seq; false when it was already there (or no such member).
    virtual bool raiseDeliveredSeq(quint64 conversationId, quint64 userId, quint64 deliveredSeq)
        = 0;
    // The last seq the user may read of every conversation they are or were
    // a member of (a former member's: the seq that removed them), by id.
    virtual QList<HeadRow> headsOfUser(quint64 userId) = 0;
    // Conversations of `kind` (groups), neither dissolved nor of the join
    // policy `unlistedJoinPolicy` (invite-only), whose name contains `text`
    // (case-insensitive for ASCII), by name, at most `limit`.
    virtual QList<GroupSummaryRow> searchGroups(
        int kind, const QString &text, int unlistedJoinPolicy, int limit)
        = 0;

protected:
    ~ConversationStore() = default;
};

} // namespace natter::server
