// loadConfigFile: natterd's INI config file into a ServerConfig. Main
// thread, before anything starts.
#pragma once

#include "common/ServerConfig.h"

namespace natter::server {

// Reads the INI file into config; returns an error message or an empty string.
// Keys (all optional):
//   [network] threads, handshake_timeout_ms, unauth_idle_ms, write_stall_ms
//   [limits]  device_rate, device_burst, ip_rate, ip_burst, max_text_chars
//   [storage] backend (sqlite), synchronous (OFF|NORMAL|FULL|EXTRA), batch_max,
//             busy_timeout_ms
//   [auth]    pwhash_ops, pwhash_mem_bytes
//   [tls]     cert, key (PEM file paths)
QString loadConfigFile(const QString &path, ServerConfig *config);

} // namespace natter::server
