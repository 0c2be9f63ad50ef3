#include "ServerCore.h"

#include "accounts/AccountRequests.h"
#include "accounts/Credentials.h"
#include "common/Logging.h"
#include "conversations/ConversationRequests.h"
#include "gateway/GatewayContext.h"
#include "groups/GroupRequests.h"
#include "people/PeopleRequests.h"
#include "receipts/ReceiptRequests.h"
#include "storage/StorageBackend.h"

#include <QThread>

namespace natter::server {

ServerCore::ServerCore(const ServerConfig &config)
    : m_config(config)
{
}

ServerCore::~ServerCore()
{
    stopWriter();
}

QString ServerCore::start()
{
    if (!Credentials::init())
        return QStringLiteral("libsodium initialisation failed");
    StorageOptions options;
    options.backend = m_config.storageBackend;
    options.dataDir = m_config.dataDir;
    options.synchronous = m_config.synchronous;
    options.busyTimeoutMs = m_config.busyTimeoutMs;
    try {
        m_storage = StorageBackend::open(options);
    } catch (const StorageError &e) {
        return e.message();
    }
    qCInfo(lcStorage) << "storage:" << m_storage->describe() << "schema"
                      << m_storage->schemaVersion();

    m_services = std::make_unique<ServiceContext>(m_config);
    m_gateway = std::make_unique<GatewayContext>(*m_services);
    m_services->storage = m_storage.get();
    m_services->notify = &m_gateway->notify;
    m_services->presence = &m_gateway->registry;
    m_services->hashPool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));

    m_writer = std::make_unique<DbWorker>(*m_storage, m_config.batchMax, &m_services->recent);
    if (QString e = m_writer->startAndOpen(); !e.isEmpty())
        return e;
    m_services->writer = m_writer.get();

    m_accounts = std::make_unique<AccountRequests>(*m_services);
    m_accounts->registerRoutes(m_gateway->router);
    m_conversations = std::make_unique<ConversationRequests>(*m_services);
    m_conversations->registerRoutes(m_gateway->router);
    m_groups = std::make_unique<GroupRequests>(*m_services);
    m_groups->registerRoutes(m_gateway->router);
    m_receipts = std::make_unique<ReceiptRequests>(*m_services);
    m_receipts->registerRoutes(m_gateway->router);
    m_people = std::make_unique<PeopleRequests>(*m_services);
    m_people->registerRoutes(m_gateway->router);
    return {};
}

void ServerCore::stopWriter()
{
    if (m_receipts && m_writer)
        m_receipts->flushDeliveries(); // the last second's delivery marks
    if (m_writer)
        m_writer->stopAndWait();
}

} // namespace natter::server
