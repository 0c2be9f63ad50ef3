// ServerCore: natterd without its sockets and network threads — the storage
// backend, the writer thread, the modules (accounts, conversations) with
// their routes, and the contexts they share. Server adds the listener and
// the network threads; the dispatch fuzzer uses it as it is. Lives on the
// main thread; everything it owns is created in start() before any network
// thread runs and destroyed after they all stopped.
#pragma once

#include "common/ServerConfig.h"

#include <QString>

#include <memory>

namespace natter::server {

class AccountRequests;
class ConversationRequests;
class GroupRequests;
class ReceiptRequests;
class PeopleRequests;
class DbWorker;
class StorageBackend;
struct GatewayContext;
struct ServiceContext;

class ServerCore
{
public:
    explicit ServerCore(const ServerConfig &config);
    ~ServerCore();

    // Opens (and migrates) the database, starts the writer and registers
    // the modules' routes. Returns an error message.
    QString start();
    // Finishes the queued writes (their acks go to the mailboxes), then
    // stops the writer. Blocks.
    void stopWriter();

    // start() got as far as creating the contexts (which shutdown needs).
    bool hasContexts() const { return m_services != nullptr; }
    const ServerConfig &config() const { return m_config; }
    ServiceContext &services() { return *m_services; }
    GatewayContext &gateway() { return *m_gateway; }
    StorageBackend &storage() { return *m_storage; }

private:
    const ServerConfig m_config;
    std::unique_ptr<StorageBackend> m_storage;
    std::unique_ptr<ServiceContext> m_services;
    std::unique_ptr<GatewayContext> m_gateway;
    std::unique_ptr<AccountRequests> m_accounts;
    std::unique_ptr<ConversationRequests> m_conversations;
    std::unique_ptr<GroupRequests> m_groups;
    std::unique_ptr<ReceiptRequests> m_receipts;
    std::unique_ptr<PeopleRequests> m_people;
    std::unique_ptr<DbWorker> m_writer;
};

} // namespace natter::server
