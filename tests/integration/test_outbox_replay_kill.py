#!/usr/bin/env python3
"""`send @bob -` is SIGKILLed mid-run several times; each restart gets the lines
not yet committed.  Committed messages are a prefix of what each run was fed;
after sync, bob has every committed message exactly once, in alice's order.
Phase 2: 300 messages queued offline are replayed by `sync`, which is SIGKILLed
mid-replay several times (lost acks -> resends must be deduplicated)."""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

TOTAL = 60
QUEUED = 300
# (lines fed before the kill, pause between lines, pause before the kill)
RUNS = [(12, 0.08, 0.0), (9, 0.05, 0.3), (15, 0.03, 0.0), (7, 0.1, 0.05), (10, 0.02, 0.0)]


def main(env):
    env.start_server()
    alice = env.client("alice")
    bob = env.client("bob")
    alice.register("alice", "alice-password", device="alice-pc")
    bob.register("bob", "bob-password", device="bob-pc")
    # warm-up: conversation exists, bob knows it
    alice.send("bob", "warm-up")

    lines = ["outbox line %03d" % i for i in range(TOTAL)]
    committed = ["warm-up"]  # alice's history texts, in order
    nxt = 0  # index of the first uncommitted line
    kills_with_progress = 0
    for run, (n, delay, pause) in enumerate(RUNS):
        fed = lines[nxt:nxt + n]
        # opening the store (KDF) dominates start-up; measure it under the
        # current load and let the process get ready before feeding it
        startup = alice.run("conversations").elapsed
        p = alice.popen("send", "@bob", "-")
        time.sleep(1.5 * startup + 0.1)
        h.feed_lines(p, fed, delay=delay, close=False)
        if pause:
            time.sleep(pause)
        h.check(p.poll() is None, "run %d: send exited before stdin was closed\n%s"
                % (run, alice.describe_proc(p)))
        p.send_signal(signal.SIGKILL)
        p.wait(10)
        hist = alice.history("bob")
        texts = [m["text"] for m in hist]
        h.check_eq(texts[:len(committed)], committed,
                   "run %d: alice's earlier messages (must survive the kill)" % run)
        new = texts[len(committed):]
        h.check(new == fed[:len(new)],
                "run %d: committed messages %r are not a prefix of the lines fed %r"
                % (run, new, fed))
        states = {}
        for m in hist:
            states[m["state"]] = states.get(m["state"], 0) + 1
        h.check(set(states) <= {"sent", "pending"},
                "run %d: unexpected states in alice's history: %r" % (run, states))
        h.log("run %d: fed %d, committed %d, states %r" % (run, len(fed), len(new), states))
        if new:
            kills_with_progress += 1
        committed += new
        nxt += len(new)

    # last run: the rest, stdin closed normally
    rest = lines[nxt:]
    p = alice.popen("send", "@bob", "-")
    h.feed_lines(p, rest, delay=0.0)
    h.wait_proc(alice, p, 120, "final send @bob - (%d lines)" % len(rest))
    committed += rest
    h.check(kills_with_progress >= 2,
            "only %d killed runs committed anything; the kill test did not exercise "
            "the outbox (cli too slow to start?)" % kills_with_progress)

    # phase 2: a queued outbox replayed by `sync`, which is SIGKILLed mid-replay
    # several times (acks lost on the way: the resends must be deduplicated)
    queued = ["queued offline %03d" % i for i in range(QUEUED)]
    alice.run("send", "@bob", "-", "--offline", input="".join(t + "\n" for t in queued),
              timeout=120)
    committed += queued
    ah = alice.history("bob")
    h.check_eq([m["text"] for m in ah], committed, "alice's history after queueing offline")
    h.check(all(m["state"] == "pending" for m in ah[-QUEUED:]),
            "offline-queued messages must be pending: %r"
            % sorted(set(m["state"] for m in ah[-QUEUED:])))
    progress = []
    for extra in (0.05, 0.15, 0.1, 0.25):
        startup = alice.run("conversations").elapsed
        p = alice.popen("sync", "--timeout", "60", stdin=None)
        time.sleep(startup + extra)
        if p.poll() is not None:
            h.check(p.returncode == 0, "sync failed\n" + alice.describe_proc(p))
            progress.append("done")
            break
        p.send_signal(signal.SIGKILL)
        p.wait(10)
        ah = alice.history("bob")
        h.check_eq([m["text"] for m in ah], committed,
                   "alice's history after killing a replaying sync")
        progress.append(sum(1 for m in ah if m["state"] == "pending"))
    h.log("pending after each killed replay: %r" % progress)

    alice.sync()
    bob.sync()
    ah, bh = alice.history("bob"), bob.history("alice")
    h.check_eq([m["text"] for m in ah], committed, "alice's history texts")
    h.check_states(ah, "alice", "sent", "[alice]")
    h.check_unique_texts(bh, committed, "[bob]")
    h.check_sender_order(bh, "alice", committed, "[bob]")
    h.check_states(bh, "alice", "received", "[bob]")
    h.check_gapless(bh, 2, len(committed) + 1, "[bob]")
    h.check_same_histories({"alice": ah, "bob": bh}, "after replay")


h.run_test(main)
