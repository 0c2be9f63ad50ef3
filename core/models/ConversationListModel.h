// The conversation list as the UI shows it: one row per conversation, keyed
// by its id, most recent activity first, with the last message and the
// unread count (both kept as columns by the store). Reads only the local
// Store given to it (one opened on the model's own thread, the GUI thread in
// the app); refresh() is called when the sync engine reports changes.
// Updates rows in place when the order holds, so views keep state.
#pragma once

#include "store/Store.h"

#include <QAbstractListModel>

namespace natter {

class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int unreadTotal READ unreadTotal NOTIFY unreadTotalChanged)

public:
    enum Role {
        ConversationIdRole = Qt::UserRole + 1, // QString: the conversation id (decimal)
        TitleRole, // QString: a direct conversation's other member
        InitialsRole, // QString: one or two letters for the avatar
        LastTextRole, // QString: preview of the last message ("" if none)
        LastFromRole, // QString: who wrote the last message
        LastTimeRole, // QDateTime: time of the last message (invalid if none)
        UnreadRole, // int: messages from others after the read position
        HistoryGapRole, // bool: the server has events this device has not pulled yet
        KindRole, // QString: "direct" or "group"
        PendingRole, // bool: a direct chat the server has not created yet (queued offline)
        LastMineRole, // bool: the last message is this account's
        MentionedRole, // bool: an unread message mentions the user (the "@you" marker)
    };
    Q_ENUM(Role)

    explicit ConversationListModel(Store &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int unreadTotal() const { return m_unreadTotal; }

public slots:
    // Re-reads the list from the store (one page: the first screen never
    // depends on the history size).
    void refresh();

signals:
    void countChanged();
    void unreadTotalChanged();

private:
    Store &m_store;
    QList<ConversationSummary> m_rows;
    int m_unreadTotal = 0;
};

QString initialsOf(const QString &name);

} // namespace natter
