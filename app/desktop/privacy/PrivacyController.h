// PrivacyController, the QML singleton `Privacy`: what the user shares —
// read receipts (off: others do not see what this user read, and this user
// sees none of theirs), presence (the same, for being online), whether user
// search lists the user, and who may message the user directly (everyone,
// or friends only). Read from the GUI's store; a change is queued in the
// outbox (it works offline) and changes only that setting on the server;
// the user's other devices learn it from the feed. Lives on the GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"

#include <QObject>
#include <QQmlEngine>
#include <QSet>

namespace natter {

class PrivacyController : public QObject, public QmlSingleton<PrivacyController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Privacy)
    QML_SINGLETON

    Q_PROPERTY(bool receiptsShared READ receiptsShared NOTIFY settingsChanged)
    Q_PROPERTY(bool presenceShared READ presenceShared NOTIFY settingsChanged)
    Q_PROPERTY(bool searchable READ searchable NOTIFY settingsChanged)
    Q_PROPERTY(bool friendsOnly READ friendsOnly NOTIFY settingsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit PrivacyController(AppContext &context, QObject *parent = nullptr);

    bool receiptsShared() const { return !m_settings.receiptsOff; }
    bool presenceShared() const { return !m_settings.presenceOff; }
    bool searchable() const { return !m_settings.unsearchable; }
    bool friendsOnly() const { return m_settings.friendsOnly; }
    bool busy() const { return m_busy; }
    QString lastError() const { return m_lastError; }

    Q_INVOKABLE void setReceiptsShared(bool shared);
    Q_INVOKABLE void setPresenceShared(bool shared);
    Q_INVOKABLE void setSearchable(bool searchable);
    Q_INVOKABLE void setFriendsOnly(bool friendsOnly);

signals:
    void settingsChanged();
    void busyChanged();
    void lastErrorChanged();

private:
    void reload(); // from the GUI's store
    // Queues the change of one setting (a PeopleRequests::SettingBit).
    void change(int field, const PrivacySettings &settings);
    void setError(const QString &error);

    AppContext &m_ctx;
    PrivacySettings m_settings;
    QSet<QString> m_queued; // client ids of this controller's changes
    bool m_busy = false;
    QString m_lastError;
};

} // namespace natter
