#!/usr/bin/env python3
"""natterd is SIGKILLed and restarted (same port, same data) several times while
alice and bob each send 500 messages; clients reconnect with backoff and finish;
everything acked is present once, in the same gapless order on all devices."""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

N = 500
KILLS = 7


def main(env):
    # durable commits are the default; say so explicitly (also exercises --config)
    srv = env.start_server(config={"storage": {"synchronous": "FULL"}})
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()

    a_texts = ["alice %03d" % i for i in range(N)]
    b_texts = ["bob %03d" % i for i in range(N)]
    pa = pc1.popen("send", "@bob", "-")
    pb = bob.popen("send", "@alice", "-")
    # feed in bursts of 25 lines every 0.3 s (~6 s in all) so that the crashes
    # hit the server while it has sends in flight (commit/ack window)
    def feed_bursts(proc, texts):
        for i in range(0, len(texts), 25):
            h.feed_lines(proc, texts[i:i + 25], close=False)
            time.sleep(0.3)
        h.feed_lines(proc, [], close=True)
    ta = threading.Thread(target=feed_bursts, args=(pa, a_texts))
    tb = threading.Thread(target=feed_bursts, args=(pb, b_texts))
    ta.start(); tb.start()

    kills_while_sending = 0
    for k in range(KILLS):
        time.sleep(0.7 + 0.25 * (k % 3))
        busy = pa.poll() is None or pb.poll() is None
        srv.kill()
        kills_while_sending += busy
        h.log("kill %d of natterd (senders running: %s)" % (k + 1, busy))
        time.sleep(0.2)
        srv.start()
    ta.join(); tb.join()
    h.wait_proc(pc1, pa, 180, "alice's send @bob - across server crashes")
    h.wait_proc(bob, pb, 180, "bob's send @alice - across server crashes")
    h.check(kills_while_sending >= 3,
            "only %d of %d kills hit while the senders were running" % (kills_while_sending, KILLS))

    for c in (pc1, pc2, bob):
        c.sync(timeout=60)
    hs = {"alice-pc1": pc1.history("bob"), "alice-pc2": pc2.history("bob"),
          "bob": bob.history("alice")}
    for name, msgs in hs.items():
        # `send -` exited 0, so everything was acked: all 2N must be there, once
        h.check_eq(len(msgs), 2 * N, "[%s] number of messages" % name)
        h.check_gapless(msgs, 2, 2 * N + 1, "[%s]" % name)
        h.check_unique_texts(msgs, a_texts + b_texts, "[%s]" % name)
        h.check_sender_order(msgs, "alice", a_texts, "[%s]" % name)
        h.check_sender_order(msgs, "bob", b_texts, "[%s]" % name)
    h.check_same_histories(hs, "after server crashes")
    h.check_states(hs["alice-pc1"], "alice", "sent", "[alice-pc1]")
    h.check_states(hs["alice-pc2"], "alice", "sent", "[alice-pc2]")
    h.check_states(hs["bob"], "bob", "sent", "[bob]")
    h.check_states(hs["bob"], "alice", "received", "[bob]")
    srv.stop()


h.run_test(main)
