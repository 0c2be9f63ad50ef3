// GroupState: what a user's devices know about their groups beside the
// timeline — join requests (the user's own, and those they decide as an
// owner or admin) from the feed, every member's nickname and the group's
// announcement as of the newest group event that set or cleared them, and
// the user's private remark on a group (from the feed). The only writer of
// the join_requests, nicknames, announcements and remarks tables. Same thread as its Store; throws
// StoreError.
#pragma once

#include <QList>
#include <QString>

namespace natter {

class Database;

struct JoinRequestRow
{
    enum class State { Pending = 0, Approved = 1, Declined = 2 };
    quint64 conversationId = 0;
    quint64 userId = 0;
    QString user;
    QString note;
    qint64 timeMs = 0;
    QString title; // the group's name when asked
    State state = State::Pending;
    QString decidedBy; // the owner or admin, once decided
};

QString joinRequestStateName(JoinRequestRow::State state); // pending, approved, declined

class GroupState
{
public:
    explicit GroupState(Database &db);

    // A request was made (or made again): pending, whatever it was before.
    void applyRequest(const JoinRequestRow &request);
    void applyDecision(quint64 conversationId, quint64 userId, bool approved, const QString &by);
    // Requests of a group (0: of every group) in a state, oldest first;
    // `ofUser` != 0 keeps that user's only, `notOfUser` != 0 leaves theirs out.
    QList<JoinRequestRow> requests(JoinRequestRow::State state, quint64 conversationId = 0,
        quint64 ofUser = 0, quint64 notOfUser = 0);

    // From a group event at seq: kept unless a newer event said otherwise.
    void setNickname(quint64 conversationId, quint64 userId, const QString &nickname, quint64 seq);
    QString nickname(quint64 conversationId, quint64 userId);

    // From the group event at seq, unless a newer one said otherwise.
    void setAnnouncement(quint64 conversationId, const QString &text, quint64 seq);
    QString announcement(quint64 conversationId);

    void setRemark(quint64 conversationId, const QString &text); // "" clears
    QString remark(quint64 conversationId);

private:
    Database &m_db;
};

} // namespace natter
