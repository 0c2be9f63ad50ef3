// TLS for natterd: loads the PEM certificate chain and private key named in
// the config into a QSslConfiguration for server-side sockets. Main thread,
// at start; the result is read-only afterwards and copied by every network
// thread.
#pragma once

#include <QSslConfiguration>
#include <QString>

namespace natter::server {

// Fills *out from the PEM files; returns a human error message or "".
QString loadTlsConfiguration(
    const QString &certFile, const QString &keyFile, QSslConfiguration *out);

// Frees the calling thread's OpenSSL state (its random generators and error
// queue) now. A network thread calls it last, after its sockets are gone:
// QThread::wait() returns before the thread's own exit handlers have run, so
// without it that state could still be alive while exit() tears OpenSSL down.
void releaseTlsThreadState();

} // namespace natter::server
