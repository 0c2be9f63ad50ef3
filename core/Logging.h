// One logging category per subsystem of the client core.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore) // natter.store
Q_DECLARE_LOGGING_CATEGORY(lcSync) // natter.sync
Q_DECLARE_LOGGING_CATEGORY(lcConnection) // natter.connection
Q_DECLARE_LOGGING_CATEGORY(lcModels) // natter.models
