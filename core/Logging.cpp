#include "Logging.h"

Q_LOGGING_CATEGORY(lcStore, "natter.store")
Q_LOGGING_CATEGORY(lcSync, "natter.sync")
Q_LOGGING_CATEGORY(lcConnection, "natter.connection")
Q_LOGGING_CATEGORY(lcModels, "natter.models")
