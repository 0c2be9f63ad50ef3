#include "Logging.h"

Q_LOGGING_CATEGORY(lcStore, "natter.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "natter.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConnection, "natter.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModels, "natter.models", QtInfoMsg)
