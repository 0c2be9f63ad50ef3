// SignalWatcher: turns SIGTERM/SIGINT (and SIGHUP, reload) into Qt signals on the main thread
// through a signalfd watched by a QSocketNotifier. blockSignals() must run
// in main() before any thread starts, so every thread inherits the mask and
// the signals are only ever delivered through the signalfd.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace natter::server {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    static void blockSignals();

    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signal);
    void reloadRequested();

private:
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace natter::server
