#!/usr/bin/env python3
"""1,000 messages each way sent concurrently (both sides start the
conversation at the same moment); all devices converge to one gapless history."""
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

N = 1000


def main(env):
    env.start_server()
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()

    a_texts = ["a->b %04d ünïcødé ✓" % i for i in range(N)]
    b_texts = ["b->a %04d" % i for i in range(N)]
    pa = pc1.popen("send", "@bob", "-")
    pb = bob.popen("send", "@alice", "-")
    t0 = time.time()
    ta = threading.Thread(target=h.feed_lines, args=(pa, a_texts))
    tb = threading.Thread(target=h.feed_lines, args=(pb, b_texts))
    ta.start(); tb.start(); ta.join(); tb.join()
    h.wait_proc(pc1, pa, 240, "alice's send @bob - (1000 lines)")
    h.wait_proc(bob, pb, 240, "bob's send @alice - (1000 lines)")
    h.log("both senders done in %.1fs" % (time.time() - t0))

    # pc2 (never online so far) is SIGKILLed in the middle of its first
    # catch-up; the next sync must complete the history without gaps or dups
    startup = pc2.run("conversations").elapsed  # opening the store (KDF) dominates
    for extra in (0.03, 0.1, 0.2, 0.3):
        p = pc2.popen("sync", "--timeout", "60", stdin=None)
        time.sleep(startup + extra)
        if p.poll() is not None:
            h.log("pc2's sync finished before the kill (exit %s)" % p.returncode)
            break
        p.send_signal(signal.SIGKILL)
        p.wait(10)
        part = pc2.history("bob")
        h.log("pc2 killed mid-sync after %.2fs with %d messages (seqs %s..%s)" % (
            startup + extra, len(part), part[0]["seq"] if part else None,
            part[-1]["seq"] if part else None))
        if part:  # whatever was stored is one contiguous range: nothing silently skipped
            h.check_gapless(part, part[0]["seq"], part[-1]["seq"],
                            "[alice-pc2] partial history after a kill mid-sync")
            if len(part) < 2 * N:
                break
    for c in (pc1, pc2, bob):
        c.sync(timeout=60)
    hs = {"alice-pc1": pc1.history("bob"), "alice-pc2": pc2.history("bob"),
          "bob": bob.history("alice")}
    for name, msgs in hs.items():
        h.check_eq(len(msgs), 2 * N, "[%s] number of messages in history" % name)
        h.check_gapless(msgs, 2, 2 * N + 1, "[%s]" % name)
        h.check_unique_texts(msgs, a_texts + b_texts, "[%s]" % name)
        h.check_sender_order(msgs, "alice", a_texts, "[%s]" % name)
        h.check_sender_order(msgs, "bob", b_texts, "[%s]" % name)
        h.check(all(m.get("id") for m in msgs), "[%s] every message needs a server id" % name)
        ids = [m["id"] for m in msgs]
        h.check(len(set(ids)) == len(ids), "[%s] duplicate server ids" % name)
    h.check_same_histories(hs, "after convergence")
    h.check_states(hs["alice-pc1"], "alice", "sent", "[alice-pc1]")
    h.check_states(hs["alice-pc2"], "alice", "sent", "[alice-pc2]")
    h.check_states(hs["alice-pc1"], "bob", "received", "[alice-pc1]")
    h.check_states(hs["bob"], "bob", "sent", "[bob]")
    h.check_states(hs["bob"], "alice", "received", "[bob]")
    # one conversation only, even though both sides created it concurrently
    for c, peer in ((pc1, "bob"), (pc2, "bob"), (bob, "alice")):
        conv = c.conversation_with(peer)
        h.check_eq(conv.get("last_seq"), 2 * N + 1, "[%s] conversations last_seq" % c.name)
    convs = {c.name: c.conversation_with(p)["conversation"]
             for c, p in ((pc1, "bob"), (pc2, "bob"), (bob, "alice"))}
    h.check(len(set(convs.values())) == 1, "conversation ids differ: %r" % convs)


h.run_test(main)
