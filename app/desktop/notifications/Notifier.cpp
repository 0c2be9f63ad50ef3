#include "notifications/Notifier.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QIcon>
#include <QPainter>
#include <QSystemTrayIcon>

namespace natter {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

QIcon badgeIcon(int unread)
{
    QPixmap pix = QIcon(QStringLiteral(":/icons/natter.svg")).pixmap(64, 64);
    if (unread <= 0)
        return QIcon(pix);
    QPainter p(&pix);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(0xd3, 0x2f, 0x2f));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QRectF(28, 0, 36, 36));
    p.setPen(Qt::white);
    QFont f = p.font();
    f.setBold(true);
    f.setPixelSize(unread > 99 ? 14 : 20);
    p.setFont(f);
    p.drawText(QRectF(28, 0, 36, 36), Qt::AlignCenter,
        unread > 99 ? QStringLiteral("99+") : QString::number(unread));
    return QIcon(pix);
}
} // namespace

Notifier::Notifier(QObject *parent)
    : QObject(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    m_dbus = bus.isConnected() && bus.interface()
        && bus.interface()->isServiceRegistered(kService).value();
    if (m_dbus)
        bus.connect(kService, kPath, kService, QStringLiteral("ActionInvoked"), this,
            SLOT(onActionInvoked(uint, QString)));
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(badgeIcon(0), this);
        m_tray->setToolTip(tr("Natter"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] { emit trayActivated(); });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this,
            [this] { emit activated(m_lastConversation); });
        m_tray->show();
    }
}

Notifier::~Notifier() = default;

void Notifier::notify(quint64 conversationId, const QString &title, const QString &body)
{
    const QString preview = body.size() > 200 ? body.left(200) + QChar(0x2026) : body;
    if (m_dbus) {
        QDBusMessage call
            = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
        call << QStringLiteral("Natter") << uint(0) << QStringLiteral("natter") << title << preview
             << QStringList { QStringLiteral("default"), tr("Open") } << QVariantMap() << int(-1);
        // Asynchronous: the GUI thread never waits on the bus.
        auto *watcher
            = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, conversationId, title, preview](QDBusPendingCallWatcher *w) {
                const QDBusPendingReply<uint> reply = *w;
                w->deleteLater();
                if (reply.isValid())
                    m_conversations.insert(reply.value(), conversationId);
                else if (m_tray) {
                    m_lastConversation = conversationId;
                    m_tray->showMessage(title, preview);
                }
            });
        return;
    }
    if (m_tray) {
        m_lastConversation = conversationId;
        m_tray->showMessage(title, preview);
    }
}

void Notifier::setUnread(int unread)
{
    if (!m_tray)
        return;
    m_tray->setIcon(badgeIcon(unread));
    m_tray->setToolTip(unread > 0 ? tr("Natter — %n unread", nullptr, unread) : tr("Natter"));
}

void Notifier::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_conversations.constFind(id);
    if (it == m_conversations.constEnd())
        return;
    if (action == QLatin1String("default"))
        emit activated(*it);
}

} // namespace natter
