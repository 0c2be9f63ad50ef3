// CommandLine: parses natterd's arguments (QCommandLineParser) into a
// ServerConfig, or recognises the sub-commands ("id decode <id>", "admin
// ...", which admin/AdminClient parses itself).
// Main thread, before anything starts.
#pragma once

#include "admin/Config.h"

#include <QStringList>

namespace natter::server {

struct CommandLine
{
    enum class Action { Serve, IdDecode, Admin, Restore, Exit };
    Action action = Action::Serve;
    ServerConfig config;
    QString idArgument; // IdDecode
    QStringList adminArguments; // Admin, Restore: what follows "admin" / "restore"
    int exitCode = 0; // Exit: after --help/--version or a usage error
};

CommandLine parseCommandLine(const QStringList &arguments);

// "natterd id decode <id>": prints the JSON line; returns the exit code.
int runIdDecode(const QString &id);

} // namespace natter::server
