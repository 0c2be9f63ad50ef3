#!/usr/bin/env python3
"""natter-cli error paths: clear messages and non-zero exits.
Independent checks run in env.soft() blocks so one failure doesn't hide the rest."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def check_message(res, pattern, what):
    h.check(res.err.strip() != "", "%s: no error message on stderr\n%s" % (what, res.describe()))
    h.check(re.search(pattern, res.err, re.I) is not None,
            "%s: stderr does not explain the error (expected /%s/)\n%s"
            % (what, pattern, res.describe()))


def main(env):
    srv = env.start_server()
    pc1 = env.client("alice-pc1")
    bob = env.client("bob")
    pc1.register("alice", "right-password", device="pc1")
    bob.register("bob", "bob-password", device="bob-pc")

    with env.soft("register a taken name"):
        dup = env.client("alice-dup")
        res = dup.run("register", "alice", "other-password", server=srv.url, expect_ok=False)
        check_message(res, r"exist|taken|in use|already", "register a taken name")

    with env.soft("login with a wrong password"):
        wrong = env.client("alice-wrong")
        res = wrong.login("alice", "wrong-password", device="bad", expect_ok=False)
        check_message(res, r"password|credential|auth|invalid|incorrect|wrong|denied",
                      "login with a wrong password")
    with env.soft("sync on a profile whose login failed"):
        # the failed login must not leave a usable session behind
        res = wrong.run("sync", "--timeout", "5", expect_ok=False, timeout=20)
        check_message(res, r"log|auth|session|token|register", "sync after a failed login")

    # a second device; devices lists both, exactly one current
    pc2 = env.client("alice-pc2")
    pc2.login("alice", "right-password", device="pc2")
    for c, me in ((pc1, "pc1"), (pc2, "pc2")):
        with env.soft("[%s] devices" % c.name):
            devs = c.devices()
            names = sorted(d.get("name") for d in devs)
            h.check_eq(names, ["pc1", "pc2"], "[%s] device names" % c.name)
            cur = [d.get("name") for d in devs if d.get("current") is True]
            h.check_eq(cur, [me], "[%s] current device(s)" % c.name)
            h.check(all(d.get("revoked") is False for d in devs),
                    "[%s] no device should be revoked yet: %r" % (c.name, devs))
            h.check(len(set(str(d.get("id")) for d in devs)) == 2,
                    "[%s] device ids must be distinct: %r" % (c.name, devs))

    with env.soft("send to an unknown user"):
        text = "to nobody %d" % os.getpid()
        res = pc1.run("send", "@nobody_here", text, expect_ok=False, timeout=60)
        check_message(res, r"nobody_here|unknown|not found|no such|exist",
                      "send to an unknown user")
        hist = pc1.history("nobody_here")
        h.check_eq([(m["text"], m["state"]) for m in hist], [(text, "failed")],
                   "history @nobody_here after the failed send")
    with env.soft("outbox after a failed message"):
        # a failed message must not block the outbox for other conversations
        ok_text = "still works %d" % os.getpid()
        pc1.send("bob", ok_text, timeout=60)
        bob.sync()
        h.check_eq([m["text"] for m in bob.history("alice")], [ok_text],
                   "bob's history after the failed send to nobody")

    with env.soft("sync with the server unreachable"):
        srv.stop()
        t0 = time.time()
        res = pc1.run("sync", "--timeout", "5", expect_ok=False, timeout=60)
        el = time.time() - t0
        h.check(el < 15, "sync --timeout 5 with the server down took %.1fs (expected ~5s)" % el)
        h.check(res.err.strip() != "", "sync with the server down: no message\n" + res.describe())
    if not srv.alive():
        srv.start()
    pc1.sync()

    with env.soft("logout, then sync"):
        pc2.run("logout", timeout=60)
        res = pc2.run("sync", "--timeout", "10", expect_ok=False, timeout=25)
        check_message(res, r"log|auth|session|token|register", "sync after logout")
    with env.soft("devices after logout"):
        # logout revokes the device on the server: pc1 sees pc2 gone or revoked
        devs = pc1.devices()
        pc2d = [d for d in devs if d.get("name") == "pc2"]
        h.check(all(d.get("revoked") is True for d in pc2d),
                "pc2 must be revoked (or absent) after its logout: %r" % devs)
        pc1.sync()
    srv.stop()


h.run_test(main)
