#include "net/EpollDispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>
#include <QVarLengthArray>

#include <cerrno>
#include <chrono>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace natter::server::net {

qint64 steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

namespace {
constexpr int kMaxEventsPerWait = 256;
} // namespace

// The Qt socket notifiers of one descriptor, which epoll sees as one entry.
struct EpollDispatcher::NotifierSet final : IoHandler
{
    EpollDispatcher *d = nullptr;
    int fd = -1;
    QSocketNotifier *read = nullptr;
    QSocketNotifier *write = nullptr;
    QSocketNotifier *exception = nullptr;
    quint32 registered = 0; // events currently in the epoll set (0 = not in it)

    quint32 wanted() const
    {
        return (read ? quint32(EPOLLIN) : 0u) | (write ? quint32(EPOLLOUT) : 0u)
            | (exception ? quint32(EPOLLPRI) : 0u);
    }

    void onIo(quint32 ev) override
    {
        // Like Qt's own dispatcher: errors and hang-ups wake readers and
        // writers, so the socket finds out on its next read or write. Each
        // pointer is re-read after a delivery, which may unregister others.
        QEvent event(QEvent::SockAct);
        if (read && (ev & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP)))
            QCoreApplication::sendEvent(read, &event);
        if (write && (ev & (EPOLLOUT | EPOLLHUP | EPOLLERR)))
            QCoreApplication::sendEvent(write, &event);
        if (exception && (ev & EPOLLPRI))
            QCoreApplication::sendEvent(exception, &event);
    }
};

void EpollDispatcher::WakeHandler::onIo(quint32)
{
    eventfd_t value;
    eventfd_read(d->m_eventFd, &value);
}

EpollDispatcher::EpollDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_eventFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll < 0 || m_eventFd < 0)
        qFatal("EpollDispatcher: epoll_create1/eventfd failed: %s", strerror(errno));
    m_wake.d = this;
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.ptr = static_cast<IoHandler *>(&m_wake);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_eventFd, &ev);
}

EpollDispatcher::~EpollDispatcher()
{
    qDeleteAll(m_notifiers);
    ::close(m_eventFd);
    ::close(m_epoll);
}

bool EpollDispatcher::watch(int fd, quint32 events, IoHandler *handler)
{
    epoll_event ev {};
    ev.events = events;
    ev.data.ptr = handler;
    return epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) == 0;
}

bool EpollDispatcher::modify(int fd, quint32 events, IoHandler *handler)
{
    epoll_event ev {};
    ev.events = events;
    ev.data.ptr = handler;
    return epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) == 0;
}

void EpollDispatcher::unwatch(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool mayWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupt.load();
    if (m_afterPass)
        m_afterPass(); // what the posted events wrote goes out before blocking
    if (mayWait)
        emit aboutToBlock();
    if (m_interrupt.exchange(false))
        return false;

    epoll_event events[kMaxEventsPerWait];
    const int timeout = mayWait ? timeoutMs(steadyNowMs()) : 0;
    int n = epoll_wait(m_epoll, events, kMaxEventsPerWait, timeout);
    if (n < 0) {
        if (errno != EINTR)
            qWarning("EpollDispatcher: epoll_wait: %s", strerror(errno));
        n = 0;
    }
    // A posted wake-up is consumed before any handler runs, so a post made
    // while handlers run wakes the next wait.
    for (int i = 0; i < n; ++i)
        if (events[i].data.ptr == &m_wake) {
            m_wake.onIo(events[i].events);
            m_wakePending.store(false);
        }
    if (!(flags & QEventLoop::ExcludeSocketNotifiers)) // level-triggered: skipped ones come back
        for (int i = 0; i < n; ++i)
            if (events[i].data.ptr != &m_wake)
                static_cast<IoHandler *>(events[i].data.ptr)->onIo(events[i].events);
    bool didWork = n > 0;
    if (!(flags & QEventLoop::X11ExcludeTimers) && fireTimers(steadyNowMs()))
        didWork = true;
    if (m_afterPass)
        m_afterPass();
    m_deadSets.clear();
    return didWork;
}

int EpollDispatcher::timeoutMs(qint64 now) const
{
    qint64 wait = -1;
    for (const Timer &t : m_timers) {
        if (t.inEvent)
            continue;
        const qint64 left = qMax<qint64>(0, t.dueMs - now);
        if (wait < 0 || left < wait)
            wait = left;
    }
    return int(qMin<qint64>(wait, 24 * 3600 * 1000));
}

EpollDispatcher::Timer *EpollDispatcher::findTimer(int id)
{
    for (Timer &t : m_timers)
        if (t.id == id)
            return &t;
    return nullptr;
}

bool EpollDispatcher::fireTimers(qint64 now)
{
    // Ids first: delivering a timer event may add or remove timers.
    QVarLengthArray<int, 16> due;
    for (const Timer &t : m_timers)
        if (!t.inEvent && t.dueMs <= now)
            due.append(t.id);
    for (int id : due) {
        Timer *t = findTimer(id);
        if (!t || t->inEvent || t->dueMs > now)
            continue;
        t->dueMs += t->intervalMs;
        if (t->dueMs <= now)
            t->dueMs = now + t->intervalMs; // fell behind: skip, do not burst
        t->inEvent = true;
        QObject *object = t->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        if (Timer *again = findTimer(id))
            again->inEvent = false;
    }
    return !due.isEmpty();
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    NotifierSet *&set = m_notifiers[fd];
    if (!set) {
        set = new NotifierSet;
        set->d = this;
        set->fd = fd;
    }
    switch (notifier->type()) {
    case QSocketNotifier::Read: set->read = notifier; break;
    case QSocketNotifier::Write: set->write = notifier; break;
    case QSocketNotifier::Exception: set->exception = notifier; break;
    }
    updateNotifierSet(set);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    NotifierSet *set = m_notifiers.value(fd);
    if (!set)
        return;
    if (set->read == notifier)
        set->read = nullptr;
    else if (set->write == notifier)
        set->write = nullptr;
    else if (set->exception == notifier)
        set->exception = nullptr;
    updateNotifierSet(set);
}

void EpollDispatcher::updateNotifierSet(NotifierSet *set)
{
    const quint32 wanted = set->wanted();
    if (wanted == 0) {
        if (set->registered)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, set->fd, nullptr);
        m_notifiers.remove(set->fd);
        m_deadSets.emplace_back(set); // events of this pass may still name it
        return;
    }
    epoll_event ev {};
    ev.events = wanted;
    ev.data.ptr = static_cast<IoHandler *>(set);
    if (epoll_ctl(m_epoll, set->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, set->fd, &ev) != 0)
        qWarning("EpollDispatcher: epoll_ctl(%d): %s", set->fd, strerror(errno));
    set->registered = wanted;
}

void EpollDispatcher::registerTimer(
    int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    m_timers.push_back({ timerId, interval, timerType, object, steadyNowMs() + interval, false });
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    for (auto it = m_timers.begin(); it != m_timers.end(); ++it)
        if (it->id == timerId) {
            m_timers.erase(it);
            return true;
        }
    return false;
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    const auto before = m_timers.size();
    std::erase_if(m_timers, [object](const Timer &t) { return t.object == object; });
    return m_timers.size() != before;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const Timer &t : m_timers)
        if (t.object == object)
            list.append(TimerInfo(t.id, int(t.intervalMs), t.type));
    return list;
}

int EpollDispatcher::remainingTime(int timerId)
{
    if (const Timer *t = findTimer(timerId))
        return int(qMax<qint64>(0, t->dueMs - steadyNowMs()));
    return -1;
}

void EpollDispatcher::wakeUp()
{
    if (!m_wakePending.exchange(true))
        eventfd_write(m_eventFd, 1);
}

void EpollDispatcher::interrupt()
{
    m_interrupt.store(true);
    wakeUp();
}

} // namespace natter::server::net
