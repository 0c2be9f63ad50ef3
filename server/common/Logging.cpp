#include "common/Logging.h"

Q_LOGGING_CATEGORY(lcGateway, "natterd.gateway", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "natterd.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConversations, "natterd.conversations", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "natterd.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "natterd.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMetrics, "natterd.metrics", QtInfoMsg)
