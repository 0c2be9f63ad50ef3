#include "storage/ReadConnection.h"

#include "common/Logging.h"
#include "storage/TransactionGuard.h"

namespace natter::server {

ReadConnection::ReadConnection(StorageBackend &backend)
    : m_backend(backend)
{
}

ReadConnection::~ReadConnection() = default;

void ReadConnection::run(const DbOp &op)
{
    DbOutcome outcome;
    try {
        if (!m_storage)
            m_storage = m_backend.openReader();
        TransactionGuard snapshot(*m_storage);
        outcome = op.run(*m_storage);
        snapshot.commit();
    } catch (const StorageError &e) {
        qCWarning(lcStorage) << "read failed:" << e.message();
        if (op.fail)
            op.fail(e);
        return;
    }
    if (outcome.deliver)
        outcome.deliver();
}

} // namespace natter::server
