// GroupsController, the QML singleton `Groups`: creating a group, finding
// open ones and joining (or asking to), and the group info panel — the
// loaded group as the server has it (members with roles and nicknames,
// announcement, the user's remark and nickname, the join requests its
// owner and admins decide) and every change to it, queued in the outbox
// like a message (so offline too) and refused with the server's reason.
// The badge count of requests to decide comes from the GUI thread's store
// (the feed brings them). Lives on the GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"

#include <QObject>
#include <QQmlEngine>
#include <QSet>
#include <QVariantList>

namespace natter {

class GroupsController : public QObject, public QmlSingleton<GroupsController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Groups)
    QML_SINGLETON

    // The loaded group (load()): "" until it is.
    Q_PROPERTY(QString groupId READ groupId NOTIFY infoChanged)
    Q_PROPERTY(QString name READ name NOTIFY infoChanged)
    Q_PROPERTY(QString join READ join NOTIFY infoChanged) // invite, open, approval
    Q_PROPERTY(QString history READ history NOTIFY infoChanged) // joined, all
    Q_PROPERTY(QString announcement READ announcement NOTIFY infoChanged)
    Q_PROPERTY(QString remark READ remark NOTIFY infoChanged)
    Q_PROPERTY(QString myRole READ myRole NOTIFY infoChanged) // owner, admin, member
    Q_PROPERTY(QString myNickname READ myNickname NOTIFY infoChanged)
    Q_PROPERTY(int maxMembers READ maxMembers NOTIFY infoChanged)
    Q_PROPERTY(int online READ online NOTIFY infoChanged) // members online when loaded
    // The mention policy: every member may @all (small groups), not only admins.
    Q_PROPERTY(bool membersMayMentionAll READ membersMayMentionAll NOTIFY infoChanged)
    // {userId, user, role, nickname}, owner first, then admins, then by name.
    Q_PROPERTY(QVariantList members READ members NOTIFY infoChanged)
    // The loaded group's pending requests (owner and admins): {user, note, time}.
    Q_PROPERTY(QVariantList requests READ requests NOTIFY requestsChanged)
    // Requests waiting for the user's decision, over all groups (a badge).
    Q_PROPERTY(int requestsToDecide READ requestsToDecide NOTIFY requestsToDecideChanged)
    // search(): {conversationId, name, join, members, member}.
    Q_PROPERTY(QVariantList searchResults READ searchResults NOTIFY searchResultsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit GroupsController(AppContext &context, QObject *parent = nullptr);

    QString groupId() const { return m_id ? QString::number(m_id) : QString(); }
    QString name() const { return m_info.name; }
    QString join() const { return m_info.join; }
    QString history() const { return m_info.history; }
    QString announcement() const { return m_info.announcement; }
    QString remark() const { return m_info.remark; }
    QString myRole() const;
    QString myNickname() const;
    int maxMembers() const { return m_info.maxMembers; }
    int online() const { return m_info.online; }
    bool membersMayMentionAll() const { return m_info.membersMayMentionAll; }
    QVariantList members() const;
    QVariantList requests() const { return m_requests; }
    int requestsToDecide() const { return m_requestsToDecide; }
    QVariantList searchResults() const { return m_searchResults; }
    bool busy() const { return m_busy > 0; }
    QString lastError() const { return m_lastError; }

    // membersText: user names, separated by commas or spaces (an @ allowed).
    // (Not "create": that would hide QmlSingleton::create, QML's factory.)
    Q_INVOKABLE void createGroup(const QString &name, const QString &membersText,
        const QString &join, const QString &history);
    // Fetches the group's info (and its requests, for owners and admins).
    Q_INVOKABLE void load(const QString &conversationId);
    Q_INVOKABLE void unload();
    Q_INVOKABLE void invite(const QString &usersText);
    Q_INVOKABLE void kick(const QString &user);
    Q_INVOKABLE void leave();
    Q_INVOKABLE void dissolve();
    Q_INVOKABLE void transfer(const QString &user);
    Q_INVOKABLE void setAdmin(const QString &user, bool admin);
    Q_INVOKABLE void announce(const QString &text);
    Q_INVOKABLE void rename(const QString &name);
    Q_INVOKABLE void setNickname(const QString &nickname);
    Q_INVOKABLE void setRemark(const QString &remark);
    Q_INVOKABLE void setMembersMayMentionAll(bool members);
    Q_INVOKABLE void approve(const QString &user);
    Q_INVOKABLE void decline(const QString &user);
    Q_INVOKABLE void search(const QString &text);
    Q_INVOKABLE void joinGroup(const QString &conversationId, const QString &note);
    Q_INVOKABLE void clearError();

    static QStringList parseUsers(const QString &text);

signals:
    void infoChanged();
    void requestsChanged();
    void requestsToDecideChanged();
    void searchResultsChanged();
    void busyChanged();
    void lastErrorChanged();
    // A group this user created or joined is here now: QML opens it.
    void arrived(const QString &conversationId);
    // A request to join was sent (a group by approval).
    void requestSent(const QString &conversationId);

private:
    void queue(quint64 conversationId, const proto::GroupActionRequest &action);
    void onRefresh();
    void countRequests();
    void fetchRequests();
    void setBusy(bool on);
    void setError(const QString &error);

    AppContext &m_ctx;
    quint64 m_id = 0; // the loaded group
    GroupInfo m_info;
    quint64 m_loadedVersion = 0; // the group version m_info is of
    QVariantList m_requests;
    int m_requestsToDecide = 0;
    QVariantList m_searchResults;
    int m_busy = 0;
    QString m_lastError;
    QSet<QString> m_queued; // client ids of the changes this controller queued
    QSet<quint64> m_awaited; // groups created or joined here, opened when they arrive
};

} // namespace natter
