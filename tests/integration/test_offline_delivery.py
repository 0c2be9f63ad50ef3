#!/usr/bin/env python3
"""Offline delivery: the recipient's device is not running when the message is
sent; the sender's server is down while queueing (outbox replay on sync)."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def main(env):
    srv = env.start_server()
    alice = env.client("alice")
    bob = env.client("bob")
    alice.register("alice", "alice-pw-1", device="alice-pc")
    bob.register("bob", "bob-pw-1", device="bob-pc")
    tag = "%d-%d" % (os.getpid(), int(time.time()))

    # 1. bob's device is not running while alice sends.
    t1 = "hello bob, you were offline " + tag
    alice.send("bob", t1)
    ah = alice.history("bob")
    h.check_eq([(m["from"], m["text"], m["state"]) for m in ah], [("alice", t1, "sent")],
               "alice's history after online send")
    h.check(ah[0]["id"] is not None and ah[0]["seq"] == 2,
            "acked message must have a server id and seq 2 (first after 'created'): %r" % ah[0])

    bob.sync()
    bh = bob.history("alice")
    h.check_eq([(m["from"], m["text"], m["state"]) for m in bh], [("alice", t1, "received")],
               "bob's history after sync")
    h.check_same_histories({"alice": ah, "bob": bh}, "after first delivery")

    # 2. server down: two offline sends are queued locally.
    srv.stop()
    t2, t3 = "queued while down #1 " + tag, "queued while down #2 " + tag
    r = alice.send("bob", t2, offline=True, timeout=30)
    alice.send("bob", t3, offline=True, timeout=30)
    ah = alice.history("bob")
    h.check_eq([(m["text"], m["state"], m["seq"]) for m in ah],
               [(t1, "sent", 2), (t2, "pending", None), (t3, "pending", None)],
               "alice's history with the server down (pending at the end, seq null)")
    h.check_history_format(ah, "alice's history with pending messages")
    h.check(all(m["client_id"] for m in ah[1:]),
            "pending messages must have a client_id: %r" % ah[1:])

    srv.start()
    alice.sync(timeout=30)
    ah = alice.history("bob")
    h.check_eq([(m["text"], m["state"], m["seq"]) for m in ah],
               [(t1, "sent", 2), (t2, "sent", 3), (t3, "sent", 4)],
               "alice's history after replaying the outbox")
    h.check_history_format(ah, "alice's history after replay")
    bob.sync()
    bh = bob.history("alice")
    h.check_history_format(bh, "bob's history after replay")
    h.check_eq([(m["from"], m["text"], m["state"]) for m in bh],
               [("alice", t1, "received"), ("alice", t2, "received"), ("alice", t3, "received")],
               "bob's history after the replay")
    h.check_same_histories({"alice": ah, "bob": bh}, "after replay")

    conv = bob.conversation_with("alice")
    h.check_eq(conv.get("last_seq"), 4, "bob's conversations last_seq")
    h.check_eq((conv.get("last_message") or {}).get("text"), t3,
               "bob's conversations last_message.text")

    # 3. sync started while the server is still down: must retry with backoff
    #    and succeed once the server comes back within its timeout.
    srv.stop()
    t4 = "replayed by a waiting sync " + tag
    alice.send("bob", t4, offline=True, timeout=30)
    proc = alice.popen("sync", "--timeout", "40", stdin=None)
    time.sleep(3)
    if proc.poll() is not None:
        h.fail("sync exited after 3s while the server was down although its timeout "
               "is 40s (expected retry with backoff)\n" + alice.describe_proc(proc))
    srv.start()
    h.wait_proc(alice, proc, 60, "alice sync across the server restart")
    bob.sync()
    bh = bob.history("alice")
    h.check_eq([(m["text"], m["seq"]) for m in bh],
               [(t1, 2), (t2, 3), (t3, 4), (t4, 5)], "bob's history after backoff replay")
    h.check_same_histories({"alice": alice.history("bob"), "bob": bh}, "after backoff replay")
    srv.stop()


h.run_test(main)
