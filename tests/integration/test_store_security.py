#!/usr/bin/env python3
"""Encrypted local store: passphrase errors, corruption handling, and no
plaintext message text or key bytes anywhere in the profile directory."""
import os
import re
import shutil
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def profile_files(d):
    for root, _, files in os.walk(d):
        for f in files:
            yield os.path.join(root, f)


def grep_dir(d, needles):
    """needles: {label: bytes}. Returns [(label, path)] for every hit."""
    hits = []
    for p in profile_files(d):
        with open(p, "rb") as f:
            data = f.read()
        for label, nd in needles.items():
            if nd and nd in data:
                hits.append((label, os.path.relpath(p, d)))
    return hits


def main(env):
    env.start_server()
    alice = env.client("alice", passphrase="correct horse battery staple")
    bob = env.client("bob")
    alice.register("alice", "alice-password", device="alice-pc")
    bob.register("bob", "bob-password", device="bob-pc")

    # a normal session with unique texts both ways, plus some bulk so the
    # database has many pages
    secret_out = "SECRET-OUT-%d-zebra-quokka-7f3a" % os.getpid()
    secret_in = "SECRET-IN-%d-narwhal-ünïcødé-91c2" % os.getpid()
    alice.send("bob", secret_out)
    bob.sync()
    bob.send("alice", secret_in)
    alice.run("send", "@bob", "-", input="".join("filler message %04d %s\n" % (i, "x" * 80)
                                                 for i in range(300)), timeout=120)
    alice.sync()
    hist = alice.history("bob")
    texts = [m["text"] for m in hist]
    h.check(secret_out in texts and secret_in in texts,
            "alice's history lacks the secret messages: %r" % texts[:5])
    h.check_eq(len(hist), 302, "alice's history length")

    # -- no plaintext / key in the profile directory
    res = alice.run("key")
    key_hex = res.out.strip()
    h.check(re.fullmatch(r"[0-9a-fA-F]{64}", key_hex) is not None,
            "`natter-cli key` must print 64 hex chars, got %r" % res.out)
    key_raw = bytes.fromhex(key_hex)
    h.check(len(set(key_raw)) > 4, "the store key looks non-random: %s" % key_hex)
    needles = {
        "outgoing text": secret_out.encode("utf-8"),
        "incoming text": secret_in.encode("utf-8"),
        "incoming text (ascii part)": b"narwhal-",
        "filler text": b"filler message 0150",
        "key hex lower": key_hex.lower().encode(),
        "key hex upper": key_hex.upper().encode(),
        "key raw": key_raw,
        "passphrase": alice.passphrase.encode(),
    }
    files = list(profile_files(alice.profile))
    h.check(files, "profile dir %s is empty" % alice.profile)
    h.log("profile files: %s" % ", ".join("%s (%d B)" % (os.path.relpath(p, alice.profile),
                                                        os.path.getsize(p)) for p in files))
    hits = grep_dir(alice.profile, needles)
    h.check(not hits, "plaintext found in alice's profile directory: %r" % hits)
    # bob's profile (received secret_out, sent secret_in) and the HOME the
    # clients ran with (no plaintext caches / settings outside the profile)
    bob_key = bob.run("key").out.strip()
    bob_needles = dict(needles)
    del bob_needles["passphrase"]
    bob_needles.update({"bob key hex lower": bob_key.lower().encode(),
                        "bob key hex upper": bob_key.upper().encode(),
                        "bob key raw": bytes.fromhex(bob_key),
                        "bob passphrase": bob.passphrase.encode()})
    hits = grep_dir(bob.profile, bob_needles)
    h.check(not hits, "plaintext found in bob's profile directory: %r" % hits)
    hits = grep_dir(env.base_env()["HOME"], bob_needles)
    h.check(not hits, "plaintext found under the clients' HOME: %r" % hits)

    # a client killed mid-write leaves WAL/journal files behind: still no plaintext
    secret_kill = "SECRET-KILLED-%d-okapi-d00d" % os.getpid()
    p = alice.popen("send", "@bob", "-")
    h.feed_lines(p, ["%s %03d" % (secret_kill, i) for i in range(40)], delay=0.02,
                 close=False)
    time.sleep(0.3)
    p.send_signal(signal.SIGKILL)
    p.wait(10)
    left = [os.path.relpath(f, alice.profile) for f in profile_files(alice.profile)]
    h.log("profile files after SIGKILL: %s" % ", ".join(left))
    kill_needles = dict(needles)
    kill_needles["killed text"] = secret_kill.encode()
    hits = grep_dir(alice.profile, kill_needles)
    h.check(not hits, "plaintext found in the profile after a SIGKILL mid-write: %r" % hits)
    alice.sync()
    # from here on `texts` is alice's full history, including the killed run's
    texts = [m["text"] for m in alice.history("bob")]
    h.check(texts[:302] == [m["text"] for m in hist],
            "history changed after the killed send: %r" % texts[:5])

    # -- wrong passphrase: clear error, profile untouched
    res = alice.run("history", "@bob", passphrase="wrong passphrase", expect_ok=False)
    h.check("passphrase" in res.err.lower(),
            "wrong passphrase: stderr must mention 'passphrase'\n" + res.describe())
    h.check(res.out.strip() == "", "wrong passphrase must not print history\n" + res.describe())
    # -- missing passphrase
    res = alice.run("history", "@bob", passphrase=None, expect_ok=False)
    h.check("passphrase" in res.err.lower() or "NATTER_PASSPHRASE" in res.err,
            "missing NATTER_PASSPHRASE: stderr should say so\n" + res.describe())
    res = alice.run("sync", "--timeout", "5", passphrase="", expect_ok=False)
    # still opens with the right one, nothing lost
    h.check_eq([m["text"] for m in alice.history("bob")], texts,
               "history after failed passphrase attempts")

    # -- corrupt store: overwrite the middle of the database file (on a copy)
    bad = env.client("alice-corrupt", passphrase=alice.passphrase,
                     profile=os.path.join(env.tmp, "profile-alice-corrupt"))
    shutil.rmtree(bad.profile)
    shutil.copytree(alice.profile, bad.profile)
    cands = [p for p in profile_files(bad.profile)
             if not re.search(r"(-wal|-shm|-journal|\.lock)$", p)]
    db = max(cands, key=os.path.getsize)
    size = os.path.getsize(db)
    h.check(size >= 16384, "largest profile file %s is only %d bytes" % (db, size))
    start, length = size // 4, size // 2
    with open(db, "r+b") as f:
        f.seek(start)
        f.write(bytes((i * 131 + 7) & 0xFF for i in range(length)))
    h.log("corrupted %s bytes %d..%d of %d" % (os.path.relpath(db, bad.profile),
                                                start, start + length, size))
    res = bad.run("history", "@bob", "--limit", "5000", expect_ok=None, timeout=60)
    h.check(isinstance(res.rc, int) and 0 < res.rc < 128,
            "history on a corrupt store: expected a clean non-zero exit (<128), got %s\n%s"
            % (res.rc, res.describe()))
    h.check(re.search(r"corrupt|damaged|integrity|malformed|database|store|decrypt|open",
                      res.err, re.I) is not None,
            "history on a corrupt store: no clear error message\n" + res.describe())
    for cmd in (["conversations"], ["sync", "--timeout", "5"]):
        res = bad.run(*cmd, expect_ok=None, timeout=60)
        h.check(isinstance(res.rc, int) and 0 <= res.rc < 128,
                "%s on a corrupt store crashed (exit %s)\n%s" % (cmd[0], res.rc, res.describe()))
    # and the original profile is unaffected
    h.check_eq([m["text"] for m in alice.history("bob")], texts, "original profile history")


h.run_test(main)
