// idle: N authenticated, idle connections held open against natterd, and
// natterd's RSS per connection (VmRSS from /proc/<pid>/status before and
// after). Optionally runs p2p before opening them and again while they are
// open (--with-p2p), to see what idle connections cost the active ones.
//
// The idle connections are not QWebSockets: each is a plain non-Qt socket
// bound to one of K source addresses 127.0.0.1..127.0.0.K (QWebSocket can't
// bind a source address), with the WebSocket handshake and framing done here.
// They are not registered with the Qt event loop, so they cost the p2p part
// of the bench nothing; a timer polls them once a second to answer pings and
// notice closes. Each authenticates with ResumeRequest, using the tokens of
// --users accounts registered first (connections spread round-robin, so a
// device has N/U sessions; the server allows several per device).
#pragma once

#include "P2pScenario.h"
#include "Scenario.h"

#include <QJsonObject>
#include <QTimer>

#include <string>
#include <vector>

namespace natter::bench {

struct IdleOptions
{
    QUrl server;
    int connections = 1000;
    int sources = 4;
    int users = 100;
    double holdS = 5; // seconds between "all open" and the RSS reading
    qint64 serverPid = 0;
    int batch = 200; // connections set up per step
    bool withP2p = false;
    P2pOptions p2p;
};

class IdleScenario : public Scenario
{
    Q_OBJECT
public:
    IdleScenario(const IdleOptions &options, QObject *parent = nullptr);
    ~IdleScenario() override;
    void start() override;

private:
    struct Conn
    {
        int fd = -1;
        std::string in; // bytes not parsed yet
    };

    void runP2p(const char *label, std::function<void(const QJsonObject &)> next);
    void registerUsers();
    void openAll();
    // Sets up connections [from, to): connect, handshake, resume. Returns
    // how many succeeded; failures are counted in m_errors.
    int openBatch(int from, int to);
    void service(); // answers pings, counts closed connections
    void measure();
    void finish(int code, const QString &error = QString());

    IdleOptions m_opt;
    UserSetup *m_setup = nullptr;
    std::vector<std::string> m_tokens;
    std::vector<Conn> m_conns;
    QTimer m_serviceTimer;
    QElapsedTimer m_clock;
    QString m_host;
    quint16 m_port = 0;
    std::string m_path;

    QJsonObject m_result;
    QJsonObject m_p2pWithout;
    QMap<QString, int> m_errors;
    int m_closedByServer = 0;
    int m_pingsAnswered = 0;
    qint64 m_rssBeforeKiB = -1;
    qint64 m_rssAfterKiB = -1;
    qint64 m_tcpMemBefore = -1;
    double m_openS = 0;
    long m_fdLimit = 0;
};

} // namespace natter::bench
