// natter-cli: a headless client on natter_core for scripts, bots and tests.
// One command per run; everything on the main thread's event loop. Output is
// JSON lines on stdout; errors go to stderr with a non-zero exit code.
#pragma once

#include "store/Store.h"
#include "sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

namespace natter {

class Cli : public QObject
{
    Q_OBJECT
public:
    enum Exit { Success = 0, Failure = 1, Usage = 2, StoreFailure = 3 };

    // Parses the arguments and starts the command; the event loop then runs
    // until quit() is called with the exit code.
    int start(const QStringList &arguments);

private:
    bool openProfile(bool create);
    // --trust-cert FILE: saves the certificate(s) in the profile ("" clears).
    bool applyTrustCert();
    void fail(const QString &message, int code = Failure);
    void finish(int code = Success);
    static void exitLater(int code);
    void runEngineUntilIdle(std::function<void()> whenIdle);

    int cmdAuth(bool isRegister, const QStringList &args);
    int cmdSend(const QStringList &args);
    int cmdSync();
    int cmdHistory(const QStringList &args);
    int cmdConversations();
    int cmdRead(const QStringList &args);
    int cmdDevices();
    int cmdLogout();
    int cmdKey();
    // CliGroups.cpp
    int cmdGroup(const QStringList &args);
    std::optional<quint64> groupArg(const QString &arg);
    int groupCreate(const QStringList &args);
    int groupInfo(quint64 group, bool membersOnly);
    int groupAction(quint64 group, const proto::GroupActionRequest &action);
    int groupSearch(const QString &text);
    int groupRequests(quint64 group);
    int groupJoin(const QString &arg);
    // Caught up (unless --offline), enqueue() (a client id, or "" with *error),
    // then sent and acknowledged: whenSent(), exit 0; refused: exit 1 with
    // the server's reason. --offline: queued only.
    int queueAndWait(
        std::function<QString(QString *error)> enqueue, std::function<void()> whenSent = {});
    // work() once signed in (with the engine running until idle, then whenIdle()).
    void whenOnline(std::function<void()> work, std::function<void()> whenIdle = {});
    // CliReceipts.cpp
    int cmdReceipts(const QStringList &args);
    int cmdListen();
    // CliPeople.cpp
    int cmdFriend(const QStringList &args);
    int cmdFriends();
    int cmdUsers(const QStringList &args);
    int cmdProfile(const QStringList &args);
    int cmdSettings(const QStringList &args);
    // print() what the store has, after catching up unless --offline.
    int printLocal(std::function<void()> print);
    // The local relations `which` picks.
    int printContacts(std::function<bool(const ContactRow &)> which);
    // work() once, when connected and caught up with the server.
    void whenCaughtUp(std::function<void()> work);

    // "@user" (a direct chat; create: start one if there is none), "#id"
    // or "#name" (a group of that name, when only one is): the
    // conversation's id, or std::nullopt with the error printed.
    std::optional<quint64> conversationArg(const QString &arg, bool create);

    QCommandLineParser m_parser;
    QString m_profile;
    QUrl m_server;
    int m_timeoutSec = 60;
    bool m_offline = false;
    QByteArray m_key;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SyncEngine> m_engine;
    QTimer m_deadline;
    QStringList m_queued; // client ids queued by this run
    bool m_inputDone = true;
    bool m_finished = false;
};

} // namespace natter
