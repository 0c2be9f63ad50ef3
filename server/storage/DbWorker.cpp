#include "storage/DbWorker.h"

#include "common/Logging.h"
#include "storage/TransactionGuard.h"

#include <chrono>
#include <optional>

namespace natter::server {

DbWorker::DbWorker(StorageBackend &backend, int batchMax, RecentEvents *recent)
    : m_backend(backend)
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

qsizetype DbWorker::queueDepth()
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_queue.size());
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
    std::unique_ptr<WriterStorage> storage;
    std::unique_ptr<Maintenance> maintenance;
    QString openError;
    try {
        storage = m_backend.openWriter();
        maintenance = m_backend.startMaintenance(*storage);
    } catch (const StorageError &e) {
        openError = e.message();
    }
    if (!openError.isEmpty()) {
        std::lock_guard lock(m_mutex);
        m_openError = openError;
        m_cv.notify_all();
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_opened = true;
    }
    m_cv.notify_all();

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
        bool idle = false;
        {
            std::lock_guard lock(m_mutex);
            idle = m_queue.empty();
        }
        maintenance->betweenBatches(idle);
    }
    const quint64 upkeep = maintenance->runs();
    maintenance.reset(); // before the writer's connection closes
    qCDebug(lcStorage) << objectName() << "stopped after" << m_batches.load() << "batches,"
                       << upkeep << "maintenance runs";
}

void DbWorker::publish(WriterStorage &storage)
{
    const WriterStorage::Writes writes = storage.takeWrites();
    m_events.fetch_add(quint64(writes.events.size()), std::memory_order_relaxed);
    if (writes.usersCreated > 0)
        m_metrics.usersCreated.add(quint64(writes.usersCreated));
    if (!m_recent)
        return;
    for (quint64 conversationId : writes.membershipChanged)
        m_recent->forget(conversationId);
    for (const EventRow &event : writes.events) {
        // Its run starts with the next transaction's events: one from this
        // one might precede a new member's join, which only the database
        // knows.
        if (writes.membershipChanged.contains(event.conversationId))
            continue;
        try {
            m_recent->append(event, storage.conversations().memberUserIds(event.conversationId));
        } catch (const StorageError &e) {
            // Without its members the run cannot answer: pulls read the database.
            qCWarning(lcStorage) << "recent events: no members for" << event.conversationId
                                 << e.message();
            m_recent->forget(event.conversationId);
        }
    }
}

void DbWorker::runWriterBatch(WriterStorage &storage, std::deque<DbOp> &batch)
{
    struct Result
    {
        std::optional<StorageError> error; // this op failed alone; its writes were rolled back
        std::function<void()> deliver;
    };
    std::vector<Result> results(batch.size());
    std::optional<StorageError> batchError; // the whole transaction failed: nothing was written
    using Clock = std::chrono::steady_clock;
    const Clock::time_point began = Clock::now();
    Clock::time_point committing;
    auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };

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
            committing = Clock::now();
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
            for (size_t i = 0; i < batch.size(); ++i) {
                storage.savepoint();
                try {
                    DbOutcome outcome = batch[i].run(storage);
                    if (outcome.rollback)
                        storage.rollbackToSavepoint();
                    results[i].deliver = std::move(outcome.deliver);
                } catch (const StorageError &e) {
                    qCWarning(lcStorage) << "op failed:" << e.message();
                    results[i].error = e;
                    m_metrics.opFailures.add();
                    storage.rollbackToSavepoint(); // if this throws, the batch is lost
                }
                storage.releaseSavepoint();
            }
            committing = Clock::now();
            tx.commit();
            ++m_batches;
            publish(storage);
        } catch (const StorageError &e) {
            batchError = e;
            qCCritical(lcStorage) << "batch of" << batch.size() << "ops failed:" << e.message();
        }
    }
    const Clock::time_point done = Clock::now();
    m_lastBatchFailed.store(batchError.has_value(), std::memory_order_relaxed);
    m_metrics.batchOps.observe(double(batch.size()));
    if (batchError) {
        m_metrics.batchFailures.add();
    } else {
        m_metrics.batchSeconds.observe(seconds(done - began));
        m_metrics.commitSeconds.observe(seconds(done - committing));
    }
    // Only now, after the commit, do acks and notifies leave.
    for (size_t i = 0; i < batch.size(); ++i) {
        const std::optional<StorageError> &error = batchError ? batchError : results[i].error;
        if (error) {
            if (batch[i].fail)
                batch[i].fail(*error);
        } else if (results[i].deliver) {
            results[i].deliver();
        }
    }
}

} // namespace natter::server
