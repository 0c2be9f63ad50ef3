#include "storage/DbWorker.h"

#include "Logging.h"
#include "storage/Checkpointer.h"
#include "storage/TransactionGuard.h"

#include <chrono>

namespace natter::server {

namespace {
// How long the writer may put off its part of a checkpoint round.
constexpr auto kMaxFinishDelay = std::chrono::milliseconds(50);
} // namespace

DbWorker::DbWorker(QString path, SqliteOptions options, int batchMax, RecentEvents *recent)
    : m_path(std::move(path))
    , m_options(std::move(options))
    , m_batchMax(batchMax)
    , m_recent(recent)
{
    setObjectName(QStringLiteral("db-writer"));
}

DbWorker::~DbWorker()
{
    stopAndWait();
}

QString DbWorker::startAndOpen()
{
    start();
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [this] { return m_opened || !m_openError.isEmpty(); });
    return m_openError;
}

void DbWorker::submit(DbOp op)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        wake = m_queue.empty();
        m_queue.push_back(std::move(op));
    }
    if (wake)
        m_cv.notify_all();
}

void DbWorker::stopAndWait()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (isRunning())
        wait();
}

void DbWorker::run()
{
    std::unique_ptr<SqliteStorage> storage;
    Checkpointer checkpointer(
        m_path, m_options.synchronous, m_options.busyTimeoutMs, m_options.checkpointPages);
    QString openError;
    try {
        storage = std::make_unique<SqliteStorage>(m_path, m_options); // migrates first
        openError = checkpointer.startAndOpen();
    } catch (const StorageError &e) {
        openError = e.message();
    }
    if (!openError.isEmpty()) {
        std::lock_guard lock(m_mutex);
        m_openError = openError;
        m_cv.notify_all();
        return;
    }
    storage->setWalHook([&checkpointer](int pages) { checkpointer.afterCommit(pages); });
    {
        std::lock_guard lock(m_mutex);
        m_opened = true;
    }
    m_cv.notify_all();

    // When the checkpoint thread first offered the writer its part.
    using Clock = std::chrono::steady_clock;
    Clock::time_point finishOffered = Clock::time_point::min(); // min: none
    for (;;) {
        std::deque<DbOp> batch;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                break; // stopping and drained
            while (!m_queue.empty() && static_cast<int>(batch.size()) < m_batchMax) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        runWriterBatch(*storage, batch);
        if (!checkpointer.finishOnWriter())
            continue;
        // The writer's part of a round ends in a sync of the database file
        // that holds up every op behind it, so it waits for a moment when no
        // op is queued; meanwhile the checkpoint thread keeps copying. Past
        // kMaxFinishDelay (the writer never idle), it is done anyway.
        const auto now = Clock::now();
        if (finishOffered == Clock::time_point::min())
            finishOffered = now;
        bool idle = false;
        {
            std::lock_guard lock(m_mutex);
            idle = m_queue.empty();
        }
        if (idle || now - finishOffered >= kMaxFinishDelay) {
            if (storage->checkpoint()) {
                checkpointer.roundDone();
                finishOffered = Clock::time_point::min();
            }
        } else {
            checkpointer.copyAgain();
        }
    }
    checkpointer.stopAndWait();
    qCDebug(lcStorage) << objectName() << "stopped after" << m_batches.load() << "batches,"
                       << checkpointer.checkpointsRun() << "checkpoints";
}

void DbWorker::publish(SqliteStorage &storage)
{
    const SqliteStorage::Writes writes = storage.takeWrites();
    if (!m_recent)
        return;
    for (quint64 conversationId : writes.membershipChanged)
        m_recent->forget(conversationId);
    for (const EventRow &event : writes.events) {
        try {
            m_recent->append(event, storage.memberUserIds(event.conversationId));
        } catch (const StorageError &e) {
            // Without its members the run cannot answer: pulls read the database.
            qCWarning(lcStorage) << "recent events: no members for" << event.conversationId
                                 << e.message();
            m_recent->forget(event.conversationId);
        }
    }
}

void DbWorker::runWriterBatch(SqliteStorage &storage, std::deque<DbOp> &batch)
{
    struct Result
    {
        QString error; // this op failed alone; its writes were rolled back
        std::function<void()> deliver;
    };
    std::vector<Result> results(batch.size());
    QString batchError; // the whole transaction failed: nothing was written

    // Fast path: the whole batch in one transaction with no savepoints. If any
    // op asks for a rollback or throws, the transaction is undone and the
    // batch runs again with a savepoint per op, so that op fails alone. Ops
    // are pure functions of the database (their effects outside it wait in
    // `deliver`), so running one twice is harmless.
    bool fastPathDone = false;
    try {
        TransactionGuard tx(storage);
        bool clean = true;
        for (size_t i = 0; i < batch.size() && clean; ++i) {
            try {
                DbOutcome outcome = batch[i].run(storage);
                clean = !outcome.rollback;
                results[i].deliver = std::move(outcome.deliver);
            } catch (const StorageError &) {
                clean = false;
            }
        }
        if (clean) {
            tx.commit();
            fastPathDone = true;
            ++m_batches;
            publish(storage);
        }
        // else: ~TransactionGuard rolls back
    } catch (const StorageError &e) {
        qCWarning(lcStorage) << "batch transaction failed, retrying op by op:" << e.message();
    }

    if (!fastPathDone) {
        results.assign(batch.size(), Result {});
        try {
            TransactionGuard tx(storage);
            const QString sp = QStringLiteral("op");
            for (size_t i = 0; i < batch.size(); ++i) {
                storage.savepoint(sp);
                try {
                    DbOutcome outcome = batch[i].run(storage);
                    if (outcome.rollback)
                        storage.rollbackToSavepoint(sp);
                    results[i].deliver = std::move(outcome.deliver);
                } catch (const StorageError &e) {
                    qCWarning(lcStorage) << "op failed:" << e.message();
                    results[i].error = e.message();
                    storage.rollbackToSavepoint(sp); // if this throws, the batch is lost
                }
                storage.releaseSavepoint(sp);
            }
            tx.commit();
            ++m_batches;
            publish(storage);
        } catch (const StorageError &e) {
            batchError = e.message();
            qCCritical(lcStorage) << "batch of" << batch.size() << "ops failed:" << batchError;
        }
    }
    // Only now, after the commit, do acks and notifies leave.
    for (size_t i = 0; i < batch.size(); ++i) {
        const QString &error = batchError.isEmpty() ? results[i].error : batchError;
        if (!error.isEmpty()) {
            if (batch[i].fail)
                batch[i].fail(error);
        } else if (results[i].deliver) {
            results[i].deliver();
        }
    }
}

} // namespace natter::server
