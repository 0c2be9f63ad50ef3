// Runs step(i, done) for every i in [0, count) with at most `concurrency`
// steps unfinished at a time (sign-ins, room joins), then finished(error)
// once: with the first step's error (no new step starts after it), or empty
// when every step succeeded. Everything runs on the caller's thread.
#pragma once

#include <QString>

#include <functional>
#include <memory>

namespace natter::bench {

using StepDone = std::function<void(const QString &error)>;

inline void runThrottled(size_t count, size_t concurrency,
    std::function<void(size_t i, StepDone done)> step, StepDone finished)
{
    struct State
    {
        size_t count = 0, concurrency = 1, next = 0, running = 0, done = 0;
        bool over = false;
        std::function<void(size_t, StepDone)> step;
        StepDone finished;
        void launch(const std::shared_ptr<State> &self)
        {
            while (!over && next < count && running < concurrency) {
                ++running;
                step(next++, [self](const QString &error) {
                    --self->running;
                    if (self->over)
                        return;
                    if (!error.isEmpty()) {
                        self->over = true;
                        self->finished(error);
                        return;
                    }
                    if (++self->done == self->count) {
                        self->over = true;
                        self->finished(QString());
                        return;
                    }
                    self->launch(self);
                });
            }
        }
    };
    auto s = std::make_shared<State>();
    s->count = count;
    s->concurrency = std::max<size_t>(1, concurrency);
    s->step = std::move(step);
    s->finished = std::move(finished);
    if (count == 0) {
        s->finished(QString());
        return;
    }
    s->launch(s);
}

} // namespace natter::bench
