// WorkerPools<T>: the member pools of a fan-out run (FanoutMembers in
// natter-bench, MucMembers in natter-xmpp-load), one QObject T per thread,
// each living on its own thread with its own event loop. add() moves a new
// T to a new thread; post() queues a call on one T's thread; each()
// visits every T on its own thread, waiting for each; stop() closes and
// deletes every T on its thread, then ends the threads (the destructor
// does it too).
#pragma once

#include <QString>
#include <QThread>

#include <functional>
#include <memory>
#include <vector>

namespace natter::bench {

template<typename T> class WorkerPools
{
public:
    WorkerPools() = default;
    WorkerPools(const WorkerPools &) = delete;
    WorkerPools &operator=(const WorkerPools &) = delete;
    ~WorkerPools() { stop(); }

    // Takes `members` (no parent yet) to a new thread named `name`.
    T *add(T *members, const QString &name)
    {
        Pool p;
        p.thread = std::make_unique<QThread>();
        p.thread->setObjectName(name);
        members->moveToThread(p.thread.get());
        p.thread->start();
        p.members = members;
        m_pools.push_back(std::move(p));
        return members;
    }

    size_t size() const { return m_pools.size(); }

    // Reads from the caller's thread (atomics of T, for example).
    template<typename F> void read(F &&f) const
    {
        for (const Pool &p : m_pools)
            f(*p.members);
    }

    // Queues f(T &) on each T's thread.
    void post(const std::function<void(T &)> &f)
    {
        for (Pool &p : m_pools) {
            T *members = p.members;
            QMetaObject::invokeMethod(members, [members, f] { f(*members); });
        }
    }

    // Runs f(T &) on each T's thread in turn, waiting for each.
    void each(const std::function<void(T &)> &f)
    {
        for (Pool &p : m_pools) {
            T *members = p.members;
            QMetaObject::invokeMethod(
                members, [members, &f] { f(*members); }, Qt::BlockingQueuedConnection);
        }
    }

    void stop()
    {
        for (Pool &p : m_pools) {
            if (!p.thread)
                continue;
            T *members = p.members;
            QMetaObject::invokeMethod(
                members,
                [members] {
                    members->closeAll();
                    delete members;
                },
                Qt::BlockingQueuedConnection);
            p.members = nullptr;
            p.thread->quit();
            p.thread->wait();
            p.thread.reset();
        }
        m_pools.clear();
    }

private:
    struct Pool
    {
        std::unique_ptr<QThread> thread;
        T *members = nullptr; // lives on thread
    };
    std::vector<Pool> m_pools;
};

} // namespace natter::bench
