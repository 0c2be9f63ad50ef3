#include "models/ConversationListModel.h"

#include "Logging.h"
#include <QDateTime>
#include <QRegularExpression>

namespace natter {

namespace {
constexpr int kPage = 500;
}

QString initialsOf(const QString &name)
{
    const QStringList parts
        = name.split(QRegularExpression(QStringLiteral("[\\s._-]+")), Qt::SkipEmptyParts);
    QString out;
    for (const QString &p : parts) {
        out += p.front().toUpper();
        if (out.size() == 2)
            break;
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

ConversationListModel::ConversationListModel(Store &store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    refresh();
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationSummary &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return c.title;
    case ConversationIdRole: return QString::number(c.id);
    case InitialsRole: return initialsOf(c.title);
    case LastTextRole: return c.lastText;
    case LastFromRole: return c.lastFrom;
    case LastMineRole: return c.lastMine;
    case MentionedRole: return c.mentioned();
    case LastTimeRole:
        return c.hasLast ? QDateTime::fromMSecsSinceEpoch(c.lastTimeMs) : QDateTime();
    case UnreadRole: return c.unread;
    case HistoryGapRole: return c.historyGap();
    case KindRole: return Conversations::kindName(c.kind);
    case PendingRole: return c.local;
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {
        { ConversationIdRole, "conversationId" },
        { TitleRole, "title" },
        { InitialsRole, "initials" },
        { LastTextRole, "lastText" },
        { LastFromRole, "lastFrom" },
        { LastMineRole, "lastMine" },
        { MentionedRole, "mentioned" },
        { LastTimeRole, "lastTime" },
        { UnreadRole, "unread" },
        { HistoryGapRole, "historyGap" },
        { KindRole, "kind" },
        { PendingRole, "pending" },
    };
}

void ConversationListModel::refresh()
{
    QList<ConversationSummary> rows;
    int unread = 0;
    try {
        rows = m_store.conversations().list(kPage);
        unread = m_store.conversations().unreadTotal();
    } catch (const StoreError &e) {
        qCWarning(lcModels) << "cannot read conversations:" << e.message();
        return;
    }
    const bool sameOrder = rows.size() == m_rows.size()
        && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
            [](const auto &a, const auto &b) { return a.id == b.id; });
    if (sameOrder) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            emit dataChanged(index(0), index(int(m_rows.size()) - 1));
    } else {
        const qsizetype before = m_rows.size();
        beginResetModel();
        m_rows = rows;
        endResetModel();
        if (before != m_rows.size())
            emit countChanged();
    }
    if (unread != m_unreadTotal) {
        m_unreadTotal = unread;
        emit unreadTotalChanged();
    }
}

} // namespace natter
