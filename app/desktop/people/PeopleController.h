// PeopleController, the QML singleton `People`: the user's friends (with
// presence, asked of the server when the people screen is shown), friend
// requests both ways (the incoming ones counted for a badge), blocked
// users, user search, one user's profile card, and the user's own display
// name and status line. Relations are read from the GUI's store (the feed
// fills it, so the lists work offline, and so does a card of someone this
// device knows); changes are queued in the outbox (offline too: sent when
// connected, a refusal shown when it comes) and reach the user's other
// devices on the feed; search and presence need the server. Lives on the
// GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"

#include <QHash>
#include <QObject>
#include <QQmlEngine>
#include <QSet>
#include <QVariantList>

namespace natter {

class PeopleController : public QObject, public QmlSingleton<PeopleController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(People)
    QML_SINGLETON

    // Maps: user, displayName, status, since (ms); friends also online,
    // lastSeen (ms, 0: unknown), presenceHidden, presenceKnown; requests
    // also incoming (bool) and note.
    Q_PROPERTY(QVariantList friends READ friends NOTIFY contactsChanged)
    Q_PROPERTY(QVariantList requests READ requests NOTIFY contactsChanged)
    Q_PROPERTY(QVariantList blocked READ blocked NOTIFY contactsChanged)
    Q_PROPERTY(int incomingCount READ incomingCount NOTIFY contactsChanged)
    // Maps: user, displayName, status, state (friend, outgoing, incoming,
    // none), blocked.
    Q_PROPERTY(QVariantList searchResults READ searchResults NOTIFY searchResultsChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY searchResultsChanged)
    // The profile card's user: as a search result, plus self, online,
    // lastSeen, presenceHidden; empty while loading.
    Q_PROPERTY(QVariantMap profile READ profile NOTIFY profileChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY ownProfileChanged)
    Q_PROPERTY(QString status READ status NOTIFY ownProfileChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit PeopleController(AppContext &context, QObject *parent = nullptr);

    QVariantList friends() const { return m_friends; }
    QVariantList requests() const { return m_requests; }
    QVariantList blocked() const { return m_blocked; }
    int incomingCount() const { return m_incoming; }
    QVariantList searchResults() const { return m_results; }
    bool searching() const { return m_searching; }
    QVariantMap profile() const { return m_profile; }
    QString displayName() const { return m_own.displayName; }
    QString status() const { return m_own.status; }
    QString lastError() const { return m_lastError; }

    // Asks the server for the friends' presence.
    Q_INVOKABLE void refresh();
    // action: request (with note), accept, decline, cancel, remove, block, unblock.
    Q_INVOKABLE void act(const QString &user, const QString &action, const QString &note = {});
    Q_INVOKABLE void search(const QString &text);
    Q_INVOKABLE void showProfile(const QString &user);
    Q_INVOKABLE void setOwnProfile(const QString &displayName, const QString &status);
    Q_INVOKABLE void clearError();

signals:
    void contactsChanged();
    void searchResultsChanged();
    void profileChanged();
    void ownProfileChanged();
    void lastErrorChanged();
    // An action the server accepted (for the UI to close or clear a form).
    void actionDone(const QString &user, const QString &action);

private:
    void reload(); // relations and the own profile, from the GUI's store
    void rebuild(); // the lists, from m_rows and m_presence
    void setError(const QString &error);
    // The result of a request: the error shown, or cleared.
    bool succeeded(const QString &error);
    void showCard(const ProfileInfo &profile, bool withPresence);

    AppContext &m_ctx;
    QList<ContactRow> m_rows;
    QHash<quint64, PresenceInfo> m_presence; // by user id, from the last refresh
    QList<ProfileInfo> m_found; // the last search's (their relation: from m_rows)
    QVariantList m_friends, m_requests, m_blocked, m_results;
    int m_incoming = 0;
    bool m_searching = false;
    QString m_profileUser; // the card being loaded or shown
    QVariantMap m_profile;
    OwnProfile m_own;
    QSet<QString> m_queued; // client ids of this controller's changes
    QString m_lastError;
};

} // namespace natter
