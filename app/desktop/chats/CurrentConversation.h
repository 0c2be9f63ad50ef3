// CurrentConversation: the conversation open in the chat view, as one
// object QML binds to (Chats.current) — its id, kind, title, members,
// whether its history has a gap, a group's announcement — read from the GUI thread's store by id.
// Nothing in QML finds the open chat by comparing titles. Lives on the GUI
// thread; owned by ChatsController.
#pragma once

#include "store/Store.h"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace natter {

class CurrentConversation : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Chats.current")

    Q_PROPERTY(QString id READ idText NOTIFY changed)
    Q_PROPERTY(QString kind READ kind NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    // A direct chat's two members; a group's as its stored events tell (the
    // group info has the server's list).
    Q_PROPERTY(QStringList members READ members NOTIFY changed)
    Q_PROPERTY(bool historyGap READ historyGap NOTIFY changed)
    // A direct chat the server has not created yet (its first message is queued).
    Q_PROPERTY(bool pending READ pending NOTIFY changed)
    // "" while the user is a member; "left" (left or removed) or "dissolved"
    // for a group whose history up to then stays readable.
    Q_PROPERTY(QString standing READ standing NOTIFY changed)
    // A group's announcement as its newest event set it ("" when none): pinned in the header.
    Q_PROPERTY(QString announcement READ announcement NOTIFY changed)

public:
    using QObject::QObject;

    quint64 id() const { return m_id; }
    QString idText() const { return m_id ? QString::number(m_id) : QString(); }
    QString kind() const { return m_kind; }
    QString title() const { return m_title; }
    QStringList members() const { return m_members; }
    bool historyGap() const { return m_historyGap; }
    bool pending() const { return m_pending; }
    QString standing() const { return m_standing; }
    QString announcement() const { return m_announcement; }
    int unread() const { return m_unread; }

    // Shows this conversation (0: none), read from store.
    void show(quint64 id, Store *store);
    // Re-reads the open conversation (its title, members or gap may change).
    void refresh(Store *store);

signals:
    void changed();

private:
    bool reread(Store *store); // true when it emitted changed()

    quint64 m_id = 0;
    QString m_kind;
    QString m_title;
    QStringList m_members;
    bool m_historyGap = false;
    bool m_pending = false;
    QString m_standing;
    QString m_announcement;
    int m_unread = 0; // not a property: only what the controller acts on
};

} // namespace natter
