#!/usr/bin/env python3
"""natterd admin against the running server, over its Unix socket: stats
count what is there; an account created by the administrator signs in; a
name taken, a bad name or a short password is refused with the reason and
changes nothing; disabling a user cuts its open session off at once (its
`listen` ends with the reason), refuses sign-in and resume, and enabling it
lets the same device back in with its token; a password reset makes the old
password fail and the new one work; the device list says which device is
online; revoking a device cuts it off at once and its token is refused for
good; five wrong passwords hold further sign-ins to that account back;
bad requests on the socket (not JSON, no command, oversized, unknown
commands, wrong arguments) get a clear error and the server keeps serving;
the socket is 0770 and goes away when natterd stops; no server to ask is a
clear error too."""
import json
import os
import socket
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


class Admin:
    def __init__(self, env, data_dir):
        self.env, self.data_dir = env, data_dir

    def run(self, *args, password=None, expect=0):
        cmd = [self.env.natterd, "admin", "--data", self.data_dir] + list(args)
        if password is not None:
            cmd.append("--password-stdin")
        p = subprocess.run(cmd, input=(password + "\n").encode() if password is not None else None,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                           env=self.env.base_env())
        out, err = p.stdout.decode(), p.stderr.decode()
        h.check(p.returncode == expect, "natterd admin %s: exit %d (want %d)\nstdout: %s\nstderr: %s"
                % (" ".join(args), p.returncode, expect, out, err))
        return h.parse_json_lines(out, "natterd admin " + " ".join(args)), err

    def one(self, *args, **kw):
        rows, _ = self.run(*args, **kw)
        h.check_eq(len(rows), 1, "natterd admin %s: one row" % " ".join(args))
        return rows[0]

    def refused(self, needle, *args, **kw):
        rows, err = self.run(*args, expect=kw.pop("expect", 1), **kw)
        h.check_eq(rows, [], "natterd admin %s: no rows when refused" % " ".join(args))
        h.check(needle in err, "natterd admin %s: %r in %r" % (" ".join(args), needle, err))


def raw(path, data):
    """Sends raw bytes on the admin socket; the server's lines back."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(20)
    s.connect(path)
    s.sendall(data)
    chunks = []
    while True:
        b = s.recv(65536)
        if not b:
            break
        chunks.append(b)
    s.close()
    return [json.loads(l) for l in b"".join(chunks).decode().splitlines() if l.strip()]


def online(admin, user, device_id):
    rows, _ = admin.run("device", "list", user)
    return [d for d in rows if d["id"] == device_id][0]["online"]


def main(env):
    srv = env.start_server(config={"auth": {"pwhash_ops": 1, "pwhash_mem_bytes": 8192}})
    admin = Admin(env, srv.data_dir)
    sock = os.path.join(srv.data_dir, "admin.sock")
    mode = stat.S_IMODE(os.stat(sock).st_mode)
    h.check(stat.S_ISSOCK(os.stat(sock).st_mode), "admin.sock is a socket")
    h.check_eq(oct(mode), oct(0o770), "admin socket mode")

    s0 = admin.one("stats")
    h.check_eq((s0["users"], s0["devices"], s0["sessions_online"]), (0, 0, 0), "empty stats")

    # An account made by the administrator signs in from natter-cli.
    carol = admin.one("user", "create", "carol", password="carol-password")
    h.check_eq((carol["user"], carol["disabled"]), ("carol", False), "created")
    admin.refused("exists", "user", "create", "carol", password="other-password")
    admin.refused("user name", "user", "create", "Bad Name", password="carol-password")
    admin.refused("8..256 characters", "user", "create", "dave", password="short")
    admin.refused("8..256 characters", "user", "create", "dave")  # no password at all
    h.check_eq([u["user"] for u in admin.run("user", "list")[0]], ["carol"], "dave was not made")
    c = env.client("carol")
    c.login("carol", "carol-password", device="carol-pc")

    a, b = env.client("alice"), env.client("bob")
    a.register("alice", "alice-password", device="alice-pc")
    b.register("bob", "bob-password", device="bob-pc")
    users = admin.run("user", "list")[0]
    h.check_eq([u["user"] for u in users], ["alice", "bob", "carol"], "user list")
    h.check_eq([u["user"] for u in admin.run("user", "list", "--search", "ob")[0]], ["bob"],
               "user list --search")
    admin.refused("user list", "user", "list", "--limit", "zero")

    # Disable: alice's open session is cut at once, and she cannot come back.
    a.send("bob", "before the ban")
    listen = a.popen("listen")
    alice_dev = admin.run("device", "list", "alice")[0][0]["id"]
    h.wait_for(lambda: online(admin, "alice", alice_dev), "alice's listen to be online")
    s1 = admin.one("stats")
    h.check(s1["users"] == 3 and s1["devices"] == 3 and s1["users_online"] >= 1,
            "stats with three users: %r" % s1)
    h.check(s1["events"] >= 1 and s1["direct_conversations"] == 1, "stats events: %r" % s1)
    row = admin.one("user", "disable", "alice")
    h.check_eq(row["disabled"], True, "disabled")
    h.wait_for(lambda: listen.poll() is not None, "alice's listen to end")
    h.check(listen.returncode != 0, "listen ended with an error")
    h.check("disabled" in open(listen.natter_err).read(), "listen says why: "
            + open(listen.natter_err).read())
    h.check(not online(admin, "alice", alice_dev), "alice offline after disable")
    res = a.run("send", "@bob", "while banned", "--timeout", "10", expect_ok=False)
    h.check("disabled" in res.err, "send while disabled: %r" % res.err)
    a2 = env.client("alice-pc2")
    res = a2.login("alice", "alice-password", device="alice-pc2", expect_ok=False)
    h.check("disabled" in res.err, "login while disabled: %r" % res.err)
    h.check_eq(admin.one("stats")["users_disabled"], 1, "stats users_disabled")

    # Enable: the same device comes back with its token, and what it queued goes out.
    admin.one("user", "enable", "alice")
    a.run("sync", "--timeout", "30")
    b.run("sync", "--timeout", "30")
    texts = [m.get("text") for m in b.history("alice")]
    h.check("while banned" in texts and "before the ban" in texts, "bob has both: %r" % texts)

    # Reset a password: the old one fails, the new one works.
    admin.one("user", "reset-password", "bob", password="bob-new-password")
    b2 = env.client("bob-pc2")
    res = b2.login("bob", "bob-password", device="bob-pc2", expect_ok=False)
    h.check("wrong user or password" in res.err, "old password refused: %r" % res.err)
    b2.login("bob", "bob-new-password", device="bob-pc2")
    admin.refused("8..256", "user", "reset-password", "bob", password="tiny")
    admin.refused("no user", "user", "reset-password", "nobody", password="long-enough-pw")

    # Revoke a device: its session ends at once and its token is dead.
    devices = admin.run("device", "list", "bob")[0]
    h.check_eq(sorted(d["name"] for d in devices), ["bob-pc", "bob-pc2"], "bob's devices")
    pc2 = [d for d in devices if d["name"] == "bob-pc2"][0]
    listen2 = b2.popen("listen")
    h.wait_for(lambda: online(admin, "bob", pc2["id"]), "bob-pc2 online")
    h.check_eq(admin.one("device", "revoke", pc2["id"])["revoked"], True, "revoked")
    h.wait_for(lambda: listen2.poll() is not None, "bob-pc2's listen to end")
    h.check(not online(admin, "bob", pc2["id"]), "bob-pc2 offline after revoke")
    err2 = open(listen2.natter_err).read()
    h.check("logged out" in err2, "the revoked device's listen says why: %r" % err2)
    res = b2.run("sync", "--timeout", "10", expect_ok=False)  # the token is forgotten
    h.check("not logged in" in res.err, "revoked device: %r" % res.err)
    b.run("sync", "--timeout", "20")  # bob's other device is untouched
    admin.refused("no device", "device", "revoke", "12345")
    admin.refused("not a device id", "device", "revoke", "pc2")
    admin.refused("no user", "device", "list", "nobody")
    admin.refused("no user", "user", "disable", "nobody")

    # Bad requests on the socket: a clear error each, and the server serves on.
    for data, needle in ((b"not json\n", "expected one JSON line"),
                         (b'{"argv": []}\n', "expected one JSON line"),
                         (b'{"argv": ["frobnicate"]}\n', "unknown command"),
                         (b"x" * (70 * 1024), "request over")):
        lines = raw(sock, data)
        h.check(lines and lines[-1].get("status") == "error" and needle in lines[-1]["message"],
                "raw %r...: %r" % (data[:20], lines))
    admin.refused("unknown command", "user", "delete", "bob")
    admin.refused("unknown command", "stats", "extra")
    admin.refused("no command", expect=2)
    c.send("bob", "still serving")

    # Guessing a password: after five failures from here, not even the
    # right one is checked for a while; the administrator's reset does not
    # wait (it needs no sign-in).
    guess = env.client("guesser")
    for i in range(5):
        res = guess.login("carol", "wrong-password-%d" % i, expect_ok=False)
        h.check("wrong user or password" in res.err, "guess %d: %r" % (i, res.err))
    res = guess.login("carol", "carol-password", expect_ok=False)
    h.check("too many failed sign-ins" in res.err, "locked after five: %r" % res.err)

    # Stopping natterd removes the socket; then there is no server to ask.
    srv.stop()
    h.check(not os.path.exists(sock), "admin.sock removed at shutdown")
    admin.refused("cannot reach", "stats", expect=2)


if __name__ == "__main__":
    h.run_test(main)
