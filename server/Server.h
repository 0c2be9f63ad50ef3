// Server: natterd's ServerCore plus its sockets: the listener, the network
// threads and the admin socket. Lives on the main thread, which runs only
// the Listener, the admin socket and the signal watcher.
//
// Threads:
//   main          Listener (accept only), AdminSocket (natterd admin),
//                 MetricsServer (/metrics, /healthz, /readyz),
//                 SignalWatcher, start/shutdown
//   net-0..N-1    NetworkWorker: sockets, sessions, request decoding, mailbox,
//                 and reads (pulls, feed pulls, device lists, login look-ups)
//                 inline on its own ReadConnection
//   db-writer     DbWorker: every write, group-committed
//   db-checkpoint Checkpointer (started by the writer): WAL -> database file
//   hash pool     QThreadPool: Argon2id hashing and verification
#pragma once

#include "common/ServerConfig.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QThread;

namespace natter::server {

class AdminSocket;
class Listener;
class MetricsServer;
class NetworkWorker;
class ServerCore;

class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(const ServerConfig &config, QObject *parent = nullptr);
    ~Server() override;

    // Opens the database, starts the threads and listens. Returns an error message.
    QString start();
    quint16 port() const;
    QString host() const;
    // "http://127.0.0.1:9464" when the metrics listener runs, else "".
    QString metricsUrl() const;

    // Graceful: stop accepting, finish queued commits and their acks, close
    // the sockets, stop the threads. Blocks the main thread until done.
    void shutdown();

    // SIGHUP and `natterd admin reload`: reads the config file again and
    // applies what can change while serving (the [gateway] address lists).
    // What it reloaded, for the log and the admin; an error (the old
    // settings kept) when the file does not parse.
    QString reload(QString *error);

private:
    QString startMetrics();

    ServerConfig m_config;
    std::unique_ptr<ServerCore> m_core;
    std::vector<QThread *> m_netThreads;
    std::vector<NetworkWorker *> m_workers; // each lives on its m_netThreads entry
    Listener *m_listener = nullptr;
    std::unique_ptr<AdminSocket> m_admin; // reset after the writer stopped
    std::unique_ptr<MetricsServer> m_metrics; // likewise
    bool m_stopped = false;
};

} // namespace natter::server
