// DbWorker: a thread that owns one Storage connection and runs queued ops on
// it. In writer mode it group-commits: it drains up to batchMax ops into ONE
// transaction, each op inside its own savepoint (a failing op is rolled back
// alone), commits once, and only then runs every op's deliver/fail callback
// (acks are durable). In reader mode each op runs in its own read
// transaction (a consistent snapshot; WAL lets it run beside the writer).
//
// Threads: submit() and stop() from any thread; everything else, including
// the callbacks, runs on the worker's own thread.
#pragma once

#include "storage/SqliteStorage.h"

#include <QThread>

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
    std::function<void(const QString &error)> fail; // storage error or failed commit
};

class DbWorker : public QThread
{
    Q_OBJECT
public:
    enum class Mode { Writer, Reader };

    DbWorker(Mode mode, QString path, SqliteOptions options, int batchMax);
    ~DbWorker() override;

    // Starts the thread and waits until the database is open (and migrated).
    // Returns an error message, or an empty string on success.
    QString startAndOpen();

    void submit(DbOp op);
    // Finishes every queued op, then ends the thread. Blocks until done.
    void stopAndWait();

    quint64 batchesCommitted() const { return m_batches.load(); }

protected:
    void run() override;

private:
    void runWriterBatch(Storage &storage, std::deque<DbOp> &batch);
    void runReaderOp(Storage &storage, DbOp &op);

    const Mode m_mode;
    const QString m_path;
    const SqliteOptions m_options;
    const int m_batchMax;

    // Guarded by m_mutex (producers: any thread; consumer: this thread).
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<DbOp> m_queue;
    bool m_stopping = false;
    bool m_opened = false;
    QString m_openError;

    std::atomic<quint64> m_batches { 0 };
};

} // namespace natter::server
