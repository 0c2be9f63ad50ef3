// Scenario: one kind of load natter-bench can generate. main() picks one by
// name, starts it on the event loop and exits with the code it finishes with.
// A scenario prints one JSON line per result on stdout; diagnostics go to
// stderr. New scenarios (idle, coldsync, catchup) derive from this and reuse
// UserSetup for accounts and connections.
#pragma once

#include "BenchClient.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <vector>

namespace natter::bench {

class Scenario : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void start() = 0;

Q_SIGNALS:
    void finished(int exitCode);
};

// Opens one connection per name and registers that user on it, at most
// `concurrency` registrations at a time (the server hashes passwords with
// Argon2id and rate-limits register per source IP). Calls done(error) once:
// an empty error means every client is open and signed in.
class UserSetup : public QObject
{
    Q_OBJECT
public:
    explicit UserSetup(QObject *parent = nullptr);

    void start(const QUrl &server, const QStringList &names, int concurrency,
        std::function<void(const QString &error)> done);

    // In the order of the names; owned by this object.
    const std::vector<BenchClient *> &clients() const { return m_clients; }
    double elapsedSeconds() const { return m_timer.nsecsElapsed() / 1e9; }

    // A random lower-case hex string, to make user names unique per run.
    static QString randomPrefix(int chars);

private:
    void startNext();
    void fail(const QString &error);

    QUrl m_server;
    QStringList m_names;
    std::vector<BenchClient *> m_clients;
    std::function<void(const QString &)> m_done;
    int m_next = 0;
    int m_active = 0;
    int m_signedIn = 0;
    int m_concurrency = 1;
    bool m_finished = false;
    QElapsedTimer m_timer;
};

} // namespace natter::bench
