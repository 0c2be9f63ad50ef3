// The messages of one conversation (by id), oldest first: a page of the
// newest stored message lines, older pages through fetchMore() (lazy loading
// on scroll), then the outbox's pending or failed messages at the end. Reads
// only the local Store given to it; refresh() appends what arrived and
// replaces the outbox tail, so views keep their position.
#pragma once

#include "store/Store.h"

#include <QAbstractListModel>

namespace natter {

class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString conversationId READ conversationIdText NOTIFY conversationChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)

public:
    enum Role {
        MessageIdRole = Qt::UserRole + 1, // QString: snowflake id ("" while pending)
        SeqRole, // qulonglong: conversation sequence (0 while pending)
        ClientIdRole, // QString: the sender's client id (own messages)
        FromRole, // QString: sender's user name
        TextRole, // QString
        StateRole, // QString: "received", "sent", "pending" or "failed"
        OutgoingRole, // bool: written by this account (any of its devices)
        TimeRole, // QDateTime: server time, or queue time while pending
        ErrorRole, // QString: why a failed message failed
        ReplyToRole, // qulonglong: the seq this message replies to (0: none)
        // A group's system line ("alice added bob"): the UI words it.
        SystemRole, // bool: a system line, not a message
        GroupOpRole, // QString: created, added, removed, left, role, owner, renamed, announcement,
        // joined, nickname,
        // dissolved
        ActorRole, // QString: who did it
        TargetsRole, // QStringList: to whom
        GroupTextRole, // QString: the name or announcement it set
        GroupRoleRole, // QString: the role given ("admin" or "member")
        SenderNameRole, // QString: how the sender shows: their group nickname, else user name
        ByThemselvesRole, // bool: "joined" by themselves (else by the actor's approval)
        MentionsRole, // QStringList: the user names the message @mentions
        MentionAllRole, // bool: it says @all
        MentionsMeRole, // bool: it mentions this user, from someone else
        // An own stored message's receipt: "sent", "delivered" (every member
        // it went to has it) or "read" (every one read it); "" otherwise.
        TicksRole,
        ReadCountRole, // int: members who read it (-1: not known yet)
        ReadTotalRole, // int: members it went to (fixed at send time; 0: not known yet)
        ReadersRole, // QStringList: who read it (direct chats and groups of <= 100)
    };
    Q_ENUM(Role)

    explicit MessageListModel(Store &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    quint64 conversation() const { return m_conversation; }
    QString conversationIdText() const;
    // 0: none.
    void setConversation(quint64 conversationId);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size);

public slots:
    // New events or outbox changes for this conversation.
    void refresh();

signals:
    void conversationChanged();
    void countChanged();
    void pageSizeChanged();

private:
    void reload();
    void loadOlder();
    qsizetype storedCount() const; // rows that are stored events (not outbox)

    Store &m_store;
    quint64 m_conversation = 0;
    int m_pageSize = 50;
    QList<MessageRow> m_rows;
    bool m_moreBefore = false;
    bool m_fetchQueued = false;
};

} // namespace natter
