#include "models/MessageListModel.h"

#include "Logging.h"

#include <QDateTime>

namespace natter {

namespace {

QString ticksOf(const MessageRow &m)
{
    if (m.state != MessageRow::State::Sent || m.group.isSet())
        return {};
    const std::optional<ReceiptRow> &r = m.receipt;
    if (r && r->total > 0 && r->read >= r->total)
        return QStringLiteral("read");
    if (r && r->total > 0 && r->delivered >= r->total)
        return QStringLiteral("delivered");
    return QStringLiteral("sent");
}

bool sameReceipt(const MessageRow &a, const MessageRow &b)
{
    if (a.receipt.has_value() != b.receipt.has_value())
        return false;
    if (!a.receipt)
        return true;
    return a.receipt->read == b.receipt->read && a.receipt->delivered == b.receipt->delivered
        && a.receipt->total == b.receipt->total && a.receipt->readers == b.receipt->readers;
}

} // namespace

MessageListModel::MessageListModel(Store &store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MessageRow &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return m.text;
    case MessageIdRole: return m.id ? QString::number(m.id) : QString();
    case SeqRole: return qulonglong(m.seq);
    case ClientIdRole: return m.clientId;
    case FromRole: return m.from;
    case StateRole: return messageStateName(m.state);
    case OutgoingRole: return m.outgoing();
    case TimeRole: return QDateTime::fromMSecsSinceEpoch(m.timeMs);
    case ErrorRole: return m.error;
    case ReplyToRole: return qulonglong(m.replyTo);
    case SystemRole: return m.group.isSet();
    case GroupOpRole: return m.group.op;
    case ActorRole: return m.group.actor;
    case TargetsRole: return m.group.targets;
    case GroupTextRole: return m.group.text;
    case GroupRoleRole: return m.group.role;
    case SenderNameRole: return m.nickname.isEmpty() ? m.from : m.nickname;
    case ByThemselvesRole: return m.group.byThemselves;
    case MentionsRole: return m.mentions;
    case MentionAllRole: return m.mentionAll;
    case MentionsMeRole: return m.mentionsMe;
    case TicksRole: return ticksOf(m);
    case ReadCountRole: return m.receipt ? m.receipt->read : -1;
    case ReadTotalRole: return m.receipt ? m.receipt->total : 0;
    case ReadersRole: return m.receipt ? m.receipt->readers : QStringList();
    default: return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        { MessageIdRole, "messageId" },
        { SeqRole, "seq" },
        { ClientIdRole, "clientId" },
        { FromRole, "from" },
        { SenderNameRole, "senderName" },
        { ByThemselvesRole, "byThemselves" },
        { TextRole, "text" },
        { StateRole, "state" },
        { OutgoingRole, "outgoing" },
        { TimeRole, "time" },
        { ErrorRole, "error" },
        { ReplyToRole, "replyTo" },
        { SystemRole, "system" },
        { GroupOpRole, "groupOp" },
        { ActorRole, "actor" },
        { TargetsRole, "targets" },
        { GroupTextRole, "groupText" },
        { GroupRoleRole, "groupRole" },
        { MentionsRole, "mentions" },
        { MentionAllRole, "mentionAll" },
        { MentionsMeRole, "mentionsMe" },
        { TicksRole, "ticks" },
        { ReadCountRole, "readCount" },
        { ReadTotalRole, "readTotal" },
        { ReadersRole, "readers" },
    };
}

QString MessageListModel::conversationIdText() const
{
    return m_conversation ? QString::number(m_conversation) : QString();
}

void MessageListModel::setConversation(quint64 conversationId)
{
    if (conversationId == m_conversation)
        return;
    m_conversation = conversationId;
    emit conversationChanged();
    reload();
}

void MessageListModel::setPageSize(int size)
{
    if (size == m_pageSize || size <= 0)
        return;
    m_pageSize = size;
    emit pageSizeChanged();
}

qsizetype MessageListModel::storedCount() const
{
    qsizetype n = m_rows.size();
    while (n > 0 && m_rows.at(n - 1).seq == 0)
        --n;
    return n;
}

void MessageListModel::reload()
{
    QList<MessageRow> rows;
    m_moreBefore = false;
    if (m_conversation) {
        try {
            rows = m_store.timeline().lines(m_conversation, m_pageSize + 1);
            m_moreBefore = rows.size() > m_pageSize;
            if (m_moreBefore)
                rows.removeFirst();
            rows += m_store.outbox().lines(m_conversation);
        } catch (const StoreError &e) {
            qCWarning(lcModels) << "cannot read messages:" << e.message();
        }
    }
    const qsizetype before = m_rows.size();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (before != m_rows.size())
        emit countChanged();
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_moreBefore;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_moreBefore || m_fetchQueued)
        return;
    // Load on the next event-loop pass: views call fetchMore while they are
    // laying out, and inserting rows from inside that call confuses them.
    m_fetchQueued = true;
    QMetaObject::invokeMethod(this, &MessageListModel::loadOlder, Qt::QueuedConnection);
}

void MessageListModel::loadOlder()
{
    m_fetchQueued = false;
    if (!m_moreBefore)
        return;
    const quint64 oldest = storedCount() > 0 ? m_rows.first().seq : 0;
    QList<MessageRow> older;
    try {
        older = m_store.timeline().lines(m_conversation, m_pageSize + 1, oldest);
    } catch (const StoreError &e) {
        qCWarning(lcModels) << "cannot read older messages:" << e.message();
        return;
    }
    m_moreBefore = older.size() > m_pageSize;
    if (m_moreBefore)
        older.removeFirst();
    if (older.isEmpty())
        return;
    beginInsertRows({}, 0, int(older.size()) - 1);
    m_rows = older + m_rows;
    endInsertRows();
    emit countChanged();
}

void MessageListModel::refresh()
{
    if (!m_conversation)
        return;
    const qsizetype stored = storedCount();
    if (stored == 0) {
        reload(); // nothing loaded yet: read the newest page, not everything
        return;
    }
    const quint64 oldest = m_rows.first().seq;
    QList<MessageRow> window;
    QList<MessageRow> outbox;
    try {
        // Re-read the loaded window: events can land inside it too, when a
        // gap before our own acknowledged message is filled late.
        window = m_store.timeline().linesAfter(m_conversation, oldest - 1, 1000000);
        outbox = m_store.outbox().lines(m_conversation);
    } catch (const StoreError &e) {
        qCWarning(lcModels) << "cannot read messages:" << e.message();
        return;
    }
    // History pulled late may now exist below the window: offer to load it.
    if (!m_moreBefore) {
        try {
            m_moreBefore = !m_store.timeline().lines(m_conversation, 1, oldest).isEmpty();
        } catch (const StoreError &e) {
            qCWarning(lcModels) << "cannot read messages:" << e.message();
        }
    }
    const qsizetype before = m_rows.size();
    bool prefixHolds = window.size() >= stored;
    for (qsizetype i = 0; prefixHolds && i < stored; ++i)
        prefixHolds = window.at(i).seq == m_rows.at(i).seq;
    if (!prefixHolds) {
        beginResetModel();
        m_rows = window + outbox;
        endResetModel();
    } else {
        // Receipts change on rows already shown.
        for (qsizetype i = 0; i < stored; ++i) {
            if (sameReceipt(m_rows.at(i), window.at(i)))
                continue;
            m_rows[i] = window.at(i);
            const QModelIndex at = index(int(i));
            emit dataChanged(at, at, { TicksRole, ReadCountRole, ReadTotalRole, ReadersRole });
        }
        if (before > stored) {
            beginRemoveRows({}, int(stored), int(before) - 1);
            m_rows.resize(stored);
            endRemoveRows();
        }
        QList<MessageRow> tail = window.mid(stored) + outbox;
        if (!tail.isEmpty()) {
            beginInsertRows({}, int(stored), int(stored + tail.size()) - 1);
            m_rows += tail;
            endInsertRows();
        }
    }
    if (before != m_rows.size())
        emit countChanged();
}

} // namespace natter
