#include "storage/ReadConnection.h"

#include "Logging.h"
#include "storage/TransactionGuard.h"

namespace natter::server {

ReadConnection::ReadConnection(QString path, SqliteOptions options)
    : m_path(std::move(path))
    , m_options(std::move(options))
{
}

ReadConnection::~ReadConnection() = default;

void ReadConnection::run(const DbOp &op)
{
    DbOutcome outcome;
    try {
        if (!m_storage)
            m_storage = std::make_unique<SqliteStorage>(m_path, m_options);
        TransactionGuard snapshot(*m_storage);
        outcome = op.run(*m_storage);
        snapshot.commit();
    } catch (const StorageError &e) {
        qCWarning(lcStorage) << "read failed:" << e.message();
        if (op.fail)
            op.fail(e.message());
        return;
    }
    if (outcome.deliver)
        outcome.deliver();
}

} // namespace natter::server
