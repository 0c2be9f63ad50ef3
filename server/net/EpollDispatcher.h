// EpollDispatcher: the event dispatcher of natterd's network threads.
//
// Qt 6.4's Unix dispatchers hand every socket to the kernel on every
// wake-up (poll), so their cost grows with the number of connections, not
// with the traffic: 10k idle connections cut a relay from 69k to 5k frames/s
// (docs/ARCHITECTURE.md, "Network threads"). This one keeps the interest set
// in the kernel (epoll, level-triggered), so a wake-up costs in proportion to
// the descriptors that are ready.
//
// It is a complete QAbstractEventDispatcher: posted events (queued calls,
// deleteLater), QTimer, QSocketNotifier (QSslSocket for wss:// runs on it
// unchanged) and interrupt/wakeUp (an eventfd). On top, raw descriptors can
// be watched without any QObject: watch(fd, events, handler) calls
// handler->onIo(epoll events) — the plain-ws connections use that.
//
// Threading: created on the thread that starts the network thread and
// installed with QThread::setEventDispatcher() before start(); everything
// else runs on the network thread, except wakeUp() and interrupt(), which
// any thread may call.
//
// Lifetime rule for handlers: after unwatch(fd) the handler may still get
// onIo() for events already fetched in the current pass, so it must stay
// valid until the pass ends; afterPass() hooks run at the end of every
// pass, which is where owners free what they unwatched.
#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace natter::server::net {

// Milliseconds on the monotonic clock: timer and deadline bookkeeping.
qint64 steadyNowMs();

class IoHandler
{
public:
    virtual void onIo(quint32 epollEvents) = 0;

protected:
    ~IoHandler() = default;
};

class EpollDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    // Raw descriptors (network thread only). events: EPOLLIN, EPOLLOUT, ...
    bool watch(int fd, quint32 events, IoHandler *handler);
    bool modify(int fd, quint32 events, IoHandler *handler);
    void unwatch(int fd);

    // Runs at the end of every pass, after ready descriptors and due timers
    // were handled and before the thread may block: flush buffered writes,
    // free closed connections.
    void setAfterPass(std::function<void()> hook) { m_afterPass = std::move(hook); }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(
        int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct NotifierSet;
    struct WakeHandler final : IoHandler
    {
        EpollDispatcher *d;
        void onIo(quint32) override;
    };
    struct Timer
    {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 dueMs; // steady clock
        bool inEvent; // its QTimerEvent is being delivered
    };

    void updateNotifierSet(NotifierSet *set);
    int timeoutMs(qint64 now) const;
    bool fireTimers(qint64 now); // true when one fired
    Timer *findTimer(int id);

    int m_epoll = -1;
    int m_eventFd = -1;
    WakeHandler m_wake;
    std::atomic<bool> m_wakePending { false };
    std::atomic<bool> m_interrupt { false };
    QHash<int, NotifierSet *> m_notifiers; // fd -> Qt notifiers on it
    std::vector<std::unique_ptr<NotifierSet>> m_deadSets; // freed after the pass
    std::vector<Timer> m_timers;
    std::function<void()> m_afterPass;
};

} // namespace natter::server::net
