// Checkpointer: the "db-checkpoint" thread. It copies what the writer
// committed to the WAL back into the database file, on its own connection,
// so that no commit waits for that copy or for the database file's fsync
// (SQLite's automatic checkpoint would run both inside the commit that
// crossed the threshold, holding up that whole group and everything queued
// behind it).
//
// Checkpoints are PASSIVE: they copy what no reader still needs and never
// block the writer or a reader. But the WAL only starts over from its
// beginning (instead of growing) when a checkpoint has copied ALL of it
// before the writer's next transaction, and under steady load the writer
// commits while this thread copies. So this thread does the bulk, in passes
// that each copy what was committed during the last, and when a pass found
// little new, the writer finishes the job between two batches, after their
// acks went out (finishOnWriter): it copies the few pages committed
// meanwhile, syncs, and its next transaction restarts the WAL. The WAL stays near everyPages pages
// plus what one checkpoint takes.
//
// Threads: the constructor, startAndOpen(), afterCommit(), finishOnWriter()
// and stopAndWait() on the writer thread; the connection lives on this
// thread only.
#pragma once

#include "metrics/Counters.h"

#include <QThread>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace natter::server::sqlite {

class Checkpointer : public QThread
{
    Q_OBJECT
public:
    // At most this many checkpoint passes per round, and the writer takes
    // over once a pass found no more than kHandOverPages new pages.
    static constexpr int kMaxPasses = 8;
    static constexpr int kHandOverPages = 256;

    // everyPages: how much the WAL grows, in pages, between two requests.
    // passSeconds: observes each pass's duration (on this thread).
    Checkpointer(QString path, QString synchronous, int busyTimeoutMs, int everyPages,
        metrics::LocalHistogram &passSeconds);
    ~Checkpointer() override;

    // Starts the thread and opens the connection; an error message or "".
    QString startAndOpen();
    // After each of the writer's commits (its WAL hook): starts a round —
    // asks this thread for a checkpoint — when none is under way and the WAL
    // has grown by everyPages since the last request or since it started
    // over.
    void afterCommit(int walPages);
    // True after this thread copied everything it saw: the writer should now
    // checkpoint the rest itself (see above), then call roundDone().
    bool finishOnWriter() const { return m_round.load() == Round::WriterFinishes; }
    void roundDone() { m_round.store(Round::None); }
    // Starts a round of passes (again, when the writer was busy: then it is
    // offered its part once more after them).
    void copyAgain();
    // Runs a last checkpoint if one was asked for, then ends the thread.
    void stopAndWait();

    quint64 checkpointsRun() const { return m_runs.load(); }

protected:
    void run() override;

private:
    const QString m_path;
    const QString m_synchronous;
    const int m_busyTimeoutMs;
    const int m_everyPages;
    metrics::LocalHistogram &m_passSeconds;

    // Writer thread only.
    int m_lastWalPages = 0;
    int m_nextRequestAt;

    // One round at a time, so the two checkpoints never contend.
    enum class Round { None, Copying, WriterFinishes };
    std::atomic<Round> m_round { Round::None };
    std::mutex m_mutex; // guards the fields below
    std::condition_variable m_cv;
    bool m_requested = false;
    bool m_stopping = false;
    bool m_opened = false;
    QString m_openError;

    std::atomic<quint64> m_runs { 0 };
};

} // namespace natter::server::sqlite
