#!/usr/bin/env python3
"""An online backup while alice keeps sending, and its restore: `natterd
admin backup` during the sends writes a whole copy without stopping the
server; the copy restored into an empty data directory (`natterd restore`)
serves every message acknowledged before the backup began, gaplessly, and
nothing sent after it ended; the accounts and passwords come back with it.
Refused, each with its reason and nothing changed: a backup over an
existing file; a restore into a data directory that holds a store, under a
running server, from a file that is no natterd database or is missing."""
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def natterd(env, *args, expect=0):
    p = subprocess.run([env.natterd] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120, env=env.base_env())
    out, err = p.stdout.decode(), p.stderr.decode()
    h.check(p.returncode == expect, "natterd %s: exit %d (want %d)\n%s\n%s"
            % (" ".join(args), p.returncode, expect, out, err))
    return out, err


def main(env):
    cfg = {"auth": {"pwhash_ops": 1, "pwhash_mem_bytes": 8192}}
    srv = env.start_server(config=cfg)
    alice, bob = env.client("alice"), env.client("bob")
    alice.register("alice", "alice-password", device="alice-pc")
    bob.register("bob", "bob-password", device="bob-pc")

    acked = []  # (text, when its send returned: acknowledged, durable)
    stop = threading.Event()

    def sender():
        i = 0
        while not stop.is_set() and i < 400:
            i += 1
            alice.send("bob", "m-%03d" % i)
            acked.append(("m-%03d" % i, time.time()))

    t = threading.Thread(target=sender)
    t.start()
    h.wait_for(lambda: len(acked) >= 15, "15 messages sent")
    backup = os.path.join(env.tmp, "natterd-backup.sqlite")
    began = time.time()
    out, _ = natterd(env, "admin", "--data", srv.data_dir, "backup", "--to", backup)
    ended = time.time()
    h.wait_for(lambda: len([a for a in acked if a[1] > ended]) >= 5, "5 sends after the backup")
    stop.set()
    t.join()
    info = h.parse_json_lines(out, "backup")[0]
    h.check(info["bytes"] > 0 and info["schema"] >= 7, "backup line: %r" % info)
    h.check(os.path.getsize(backup) == info["bytes"], "the file is what the line says")
    h.check(not os.path.exists(backup + ".partial"), "no partial file left")
    _, err = natterd(env, "admin", "--data", srv.data_dir, "backup", "--to", backup, expect=1)
    h.check("exists" in err, "no backup over an existing file: %r" % err)

    # Not under a running server, not over a store.
    _, err = natterd(env, "restore", "--data", srv.data_dir, "--from", backup, expect=1)
    h.check("running" in err, "restore under a live server: %r" % err)
    srv.stop()
    _, err = natterd(env, "restore", "--data", srv.data_dir, "--from", backup, expect=1)
    h.check("empty data directory" in err, "restore over a store: %r" % err)
    junk = os.path.join(env.tmp, "junk.sqlite")
    with open(junk, "wb") as f:
        f.write(b"this is not a database" * 100)
    fresh = os.path.join(env.tmp, "restored-data")
    _, err = natterd(env, "restore", "--data", fresh, "--from", junk, expect=1)
    h.check("not a natterd database" in err, "restore from junk: %r" % err)
    _, err = natterd(env, "restore", "--data", fresh, "--from", junk + ".missing", expect=1)
    h.check("no such file" in err, "restore from nothing: %r" % err)
    h.check(not os.path.exists(os.path.join(fresh, "natterd.sqlite")), "nothing restored yet")
    natterd(env, "restore", "--help")
    natterd(env, "restore", "--data", fresh, expect=2)

    out, _ = natterd(env, "restore", "--data", fresh, "--from", backup)
    restored = h.parse_json_lines(out, "restore")[0]
    h.check_eq(restored["users"], 2, "users in the backup")

    # The restored server: what was acked before the backup began, nothing after it ended.
    srv2 = h.Server(env, env.natterd, fresh, config=cfg, name="restored").start()
    bob2 = env.client("bob-pc2")
    bob2.login("bob", "bob-password", device="bob-pc2", server=srv2.url)
    bob2.sync()
    lines = [m for m in bob2.history("alice") if m.get("text", "").startswith("m-")]
    texts = [m["text"] for m in lines]
    before = [a[0] for a in acked if a[1] < began]
    after = [a[0] for a in acked if a[1] > ended + 0.5]
    h.check(set(before) <= set(texts), "every message acked before the backup: %d of %d"
            % (len(set(before) & set(texts)), len(before)))
    h.check(not set(after) & set(texts), "nothing sent after the backup: %r"
            % sorted(set(after) & set(texts)))
    h.check_eq(texts, ["m-%03d" % i for i in range(1, len(texts) + 1)], "a gapless prefix")
    seqs = [m["seq"] for m in lines]
    h.check_eq(seqs, list(range(seqs[0], seqs[0] + len(seqs))), "seqs without a gap")
    h.log("backup of %d bytes in %d ms; %d messages restored (%d acked before it, %d sent in all)"
          % (info["bytes"], info["ms"], len(texts), len(before), len(acked)))
    # The restored server takes new messages on top.
    bob2.send("alice", "after the restore")
    stats = h.parse_json_lines(natterd(env, "admin", "--data", fresh, "stats")[0], "stats")[0]
    h.check_eq(stats["users"], 2, "restored users")


if __name__ == "__main__":
    h.run_test(main)
