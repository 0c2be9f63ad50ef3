// Reads standard input line by line on its own thread and hands each line to
// the main thread as a signal, so the event loop (and the network) keeps
// running while a script feeds messages slowly.
#pragma once

#include <QObject>
#include <QThread>

namespace natter {

class StdinReader : public QThread
{
    Q_OBJECT
public:
    using QThread::QThread;

signals:
    void line(const QString &text);
    void finished_(); // end of input

protected:
    void run() override;
};

} // namespace natter
