// DbWorker: the writer. A thread that owns the one writing Storage connection
// and group-commits queued ops: it drains up to batchMax ops into ONE
// transaction (see runWriterBatch for how a failing op fails alone), commits
// once, and only then runs every op's deliver/fail callback (acks are
// durable). Between the commit and the callbacks, it hands the events the
// batch committed to RecentEvents (when given one), so a pull that follows
// a notify finds them there. Reads do not come here: each network thread has
// its own ReadConnection. Between batches the backend's Maintenance does the
// writer's share of its upkeep (SQLite: finishing a checkpoint round).
//
// Threads: submit() and stop() from any thread; everything else, including
// the callbacks, runs on the worker's own thread.
#pragma once

#include "metrics/Counters.h"
#include "storage/RecentEvents.h"
#include "storage/StorageBackend.h"

#include <QThread>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace natter::server {

struct DbOutcome
{
    bool rollback = false; // undo this op's writes (e.g. a refused request)
    std::function<void()> deliver; // runs after the batch committed (or rolled back)
};

struct DbOp
{
    std::function<DbOutcome(Storage &)> run;
    // The op's storage error, or the failed commit of its batch.
    std::function<void(const StorageError &error)> fail;
};

// What the writer counts for /metrics; written by the writer thread only.
struct WriterMetrics
{
    metrics::LocalHistogram batchOps { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024 };
    // BEGIN to COMMIT done, the ops included; and the COMMIT alone (the sync).
    metrics::LocalHistogram batchSeconds { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5 };
    metrics::LocalHistogram commitSeconds { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5 };
    metrics::LocalCounter batchFailures; // the whole batch lost (its ops failed)
    metrics::LocalCounter opFailures; // an op failed alone
    metrics::LocalCounter usersCreated;
};

class DbWorker : public QThread
{
    Q_OBJECT
public:
    // backend and recent (may be null) must outlive the worker.
    DbWorker(StorageBackend &backend, int batchMax, RecentEvents *recent = nullptr);
    ~DbWorker() override;

    // Starts the thread and waits until the writer's connection is open.
    // Returns an error message, or an empty string on success.
    QString startAndOpen();

    void submit(DbOp op);
    // Finishes every queued op, then ends the thread. Blocks until done.
    void stopAndWait();

    quint64 batchesCommitted() const { return m_batches.load(); }
    // Ops waiting for a batch: any thread (takes the queue's lock).
    qsizetype queueDepth();
    // The last batch's transaction failed (its ops with it); cleared by the
    // next that commits. For readiness: any thread.
    bool lastBatchFailed() const { return m_lastBatchFailed.load(std::memory_order_relaxed); }
    const WriterMetrics &metrics() const { return m_metrics; }
    // Events (messages and group events) committed since the start: any thread.
    quint64 eventsCommitted() const { return m_events.load(std::memory_order_relaxed); }

protected:
    void run() override;

private:
    void runWriterBatch(WriterStorage &storage, std::deque<DbOp> &batch);
    void publish(WriterStorage &storage);

    StorageBackend &m_backend;
    const int m_batchMax;
    RecentEvents *const m_recent;

    // Guarded by m_mutex (producers: any thread; consumer: this thread).
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<DbOp> m_queue;
    bool m_stopping = false;
    bool m_opened = false;
    QString m_openError;

    std::atomic<quint64> m_batches { 0 };
    std::atomic<bool> m_lastBatchFailed { false };
    WriterMetrics m_metrics;
    std::atomic<quint64> m_events { 0 };
};

} // namespace natter::server
