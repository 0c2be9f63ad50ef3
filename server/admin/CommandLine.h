// CommandLine: parses natterd's arguments (QCommandLineParser) into a
// ServerConfig, or recognises the admin sub-commands ("id decode <id>").
// Main thread, before anything starts.
#pragma once

#include "admin/Config.h"

#include <QStringList>

namespace natter::server {

struct CommandLine
{
    enum class Action { Serve, IdDecode, Exit };
    Action action = Action::Serve;
    ServerConfig config;
    QString idArgument; // IdDecode
    int exitCode = 0; // Exit: after --help/--version or a usage error
};

CommandLine parseCommandLine(const QStringList &arguments);

// "natterd id decode <id>": prints the JSON line; returns the exit code.
int runIdDecode(const QString &id);

} // namespace natter::server
