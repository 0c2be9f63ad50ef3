// ReadConnection: a read-only connection to natterd's database that belongs
// to one network thread and runs that thread's reads inline, where the
// request was decoded: a pull costs no hand-off to another thread and back.
// Each op runs in its own read transaction (one consistent snapshot); readers
// never wait for the writer, so a read blocks its thread only for its own
// work. Opened on first use, on the owning thread; if opening fails, that op
// fails and the next one tries again.
#pragma once

#include "storage/DbWorker.h"

#include <memory>

namespace natter::server {

class ReadConnection
{
public:
    // backend must outlive this connection.
    explicit ReadConnection(StorageBackend &backend);
    ~ReadConnection();

    // Owning thread only. Runs op.run in a read transaction, then
    // op.deliver; or op.fail with the storage error.
    void run(const DbOp &op);

private:
    StorageBackend &m_backend;
    std::unique_ptr<Storage> m_storage;
};

} // namespace natter::server
