// RestoreCommand: `natterd restore --data DIR --from FILE [--config FILE]`,
// with the server stopped: checks the backup whole (integrity, a schema this
// natterd opens), then puts it into DIR, which must hold no database yet —
// and refuses outright when a server answers on DIR's admin socket. The
// next natterd started on DIR serves exactly what the backup held (a
// backup of an older schema is migrated then). Prints one JSON line.
#pragma once

#include <QStringList>

namespace natter::server {

// arguments: what follows "natterd restore". The exit code.
int runRestore(const QStringList &arguments);

} // namespace natter::server
