// TransactionGuard: begins a transaction and rolls it back on scope exit
// unless commit() was called. Same thread as the Storage it guards.
#pragma once

#include "storage/Storage.h"

namespace natter::server {

class TransactionGuard
{
public:
    explicit TransactionGuard(Storage &storage)
        : m_storage(storage)
    {
        m_storage.begin();
    }
    ~TransactionGuard()
    {
        if (!m_done) {
            try {
                m_storage.rollback();
            } catch (const StorageError &) {
                // The transaction is gone either way; the original error is what matters.
            }
        }
    }
    void commit()
    {
        m_storage.commit();
        m_done = true;
    }
    TransactionGuard(const TransactionGuard &) = delete;
    TransactionGuard &operator=(const TransactionGuard &) = delete;

private:
    Storage &m_storage;
    bool m_done = false;
};

} // namespace natter::server
