// AdminClient: `natterd admin ...`, the command line's end of the admin
// socket (admin/AdminSocket). It finds the socket (--socket PATH; else
// [admin] socket of --config FILE; else admin.sock in --data DIR; else
// /run/natterd/admin.sock when it exists, the package's; else in
// ./natterd-data, the default data directory), sends the command with the
// password read from stdin when --password-stdin is given, prints the rows
// as JSON lines on stdout, and exits 0, or 1 with the server's reason on
// stderr (2: usage, or no server to ask).
#pragma once

#include <QStringList>

namespace natter::server {

// arguments: what follows "natterd admin".
int runAdmin(const QStringList &arguments);

} // namespace natter::server
