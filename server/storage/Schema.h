// Schema: the versioned server schema and its forward migrations, applied
// by the writer thread at start (PRAGMA user_version holds the version).
#pragma once

#include <QStringList>

namespace natter::server {

// migrations()[i] brings the schema from version i to i + 1.
const QList<QStringList> &schemaMigrations();

} // namespace natter::server
