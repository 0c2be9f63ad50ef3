#!/usr/bin/env python3
"""A full disk under the client's profile: queuing a message fails with a
clear error and a non-zero exit, nothing queued before is lost or damaged,
and once space is back everything goes out in order, exactly once.
The profile lives on a small tmpfs this test mounts (needs root; skips
with exit code 77 otherwise) and unmounts."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

SKIP = 77


def main(env):
    mnt = os.path.join(env.tmp, "small-disk")
    with h.SmallDisk(mnt, "3m") as mounted:
        if not mounted:
            print("SKIP: cannot mount a small tmpfs here (needs root)", flush=True)
            sys.exit(SKIP)
        run(env, mnt)


def run(env, mnt):
    env.start_server()
    alice = env.client("alice", profile=os.path.join(mnt, "alice"))
    bob = env.client("bob")
    alice.register("alice", "alice-pw-1")
    bob.register("bob", "bob-pw-1")
    alice.send("bob", "before the disk filled up")

    # Leave a little room, then queue until the store runs out of it.
    filler = os.path.join(mnt, "filler")
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    os.truncate(filler, os.path.getsize(filler) - 96 * 1024)
    queued, failure = [], None
    for i in range(2000):
        text = "queued offline #%04d %s" % (i, "x" * 400)
        r = alice.run("send", "@bob", text, "--offline", expect_ok=None, timeout=30)
        if r.rc != 0:
            failure = r
            break
        queued.append(text)
    h.check(failure is not None, "the store never reported a full disk")
    h.check(failure.rc not in (-6, -11, 134, 139), "natter-cli crashed: %s" % failure.describe())
    h.check("full" in failure.err.lower() or "i/o" in failure.err.lower(),
            "the error must say what happened: %s" % failure.describe())
    h.log("disk full after %d queued messages: %s" % (len(queued), failure.err.strip()))
    h.check(len(queued) > 0, "nothing could be queued before the disk filled up")

    # Reading still works, and shows everything queued before the failure.
    pending = [m["text"] for m in alice.history("bob") if m["state"] == "pending"]
    h.check_eq(pending, queued, "pending messages while the disk is full")

    # Space is back: the outbox goes out in order, exactly once.
    os.remove(filler)
    alice.sync(timeout=60)
    bob.sync()
    got = [m["text"] for m in bob.history("alice")]
    h.check_eq(got, ["before the disk filled up"] + queued, "bob's history after the disk recovered")
    h.check(all(m["state"] == "sent" for m in alice.history("bob")), "alice still has unsent messages")


if __name__ == "__main__":
    h.run_test(main)
