// Backoff: the one retry policy of the sync engine — the delay doubles from
// minMs up to maxMs with each failure in a row, optionally jittered by ±10%
// (reconnects, so that many clients do not come back in step), and resets on
// success. Owns its timer; due() fires once per schedule(). Lives on the
// thread of its owner.
#pragma once

#include <QObject>
#include <QTimer>

namespace natter {

class Backoff : public QObject
{
    Q_OBJECT
public:
    enum class Jitter { None, TenPercent };

    Backoff(int minMs, int maxMs, Jitter jitter, QObject *parent = nullptr);

    // Arms the timer with the next delay (a pending retry keeps its time).
    void schedule();
    void cancel() { m_timer.stop(); }
    // It worked: the next failure starts at minMs again.
    void reset() { m_delayMs = 0; }
    bool isPending() const { return m_timer.isActive(); }
    int currentDelayMs() const { return m_delayMs; }

signals:
    void due();

private:
    const int m_minMs;
    const int m_maxMs;
    const Jitter m_jitter;
    int m_delayMs = 0;
    QTimer m_timer;
};

} // namespace natter
