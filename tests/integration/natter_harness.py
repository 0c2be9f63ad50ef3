"""Shared helpers for Natter end-to-end integration tests.

Every test script does:

    import natter_harness as h
    def main(env): ...            # env: h.Env (temp dir, natterd, clients)
    h.run_test(main)

`run_test` parses --natterd/--cli (and a test's own options, added by
`h.run_test(main, add_args)` with `add_args(parser)`; their values are in
`env.args`), creates a temp dir, runs main, prints a readable failure
(assertion text, plus stderr of the failing CLI call) and exits non-zero on
failure.  All processes the test started are stopped by PID
at the end; the temp dir is removed (kept with NATTER_IT_KEEP=1).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

LISTEN_RE = re.compile(r"listening on (ws://127\.0\.0\.1:(\d+))")
# Printed before LISTEN_RE's line when the metrics listener runs.
METRICS_RE = re.compile(r"^metrics on (http://\S+)")


class TestFailure(Exception):
    pass


def fail(msg):
    raise TestFailure(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def check_eq(actual, expected, what):
    if actual != expected:
        fail("%s: expected %r, got %r" % (what, expected, actual))


def wait_for(check, what, timeout=20):
    """Polls check() every 0.2 s until it returns something true (returned),
    failing with `what` after timeout seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.2)
    fail("timed out waiting for " + what)


def log(*args):
    print("[%s]" % time.strftime("%H:%M:%S"), *args, flush=True)


def parse_json_lines(text, what="output"):
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            out.append(json.loads(line))
        except ValueError as e:
            fail("%s line %d is not JSON (%s): %r" % (what, n, e, line[:300]))
    return out


# --------------------------------------------------------------------------- natterd


class Server:
    """A natterd process on an ephemeral loopback port with its own data dir."""

    def __init__(self, env, natterd, data_dir, config=None, name="natterd"):
        self.env = env
        self.natterd = natterd
        self.data_dir = data_dir
        self.config = config  # dict {section: {key: value}} or {key: value}
        self.name = name
        self.proc = None
        self.port = 0
        self.url = None
        self.metrics_url = None  # http://HOST:PORT of /metrics, /healthz, /readyz
        self.starts = 0
        self.log_path = os.path.join(env.tmp, "%s.log" % name)
        os.makedirs(data_dir, exist_ok=True)
        self.config_path = None
        if config:
            self.config_path = os.path.join(env.tmp, "%s.ini" % name)
            write_ini(self.config_path, config)

    def start(self, timeout=30):
        """Start natterd (port 0 first time, the same port on restarts)."""
        check(self.proc is None or self.proc.poll() is not None,
              "natterd already running")
        deadline = time.time() + timeout
        attempt = 0
        while True:
            attempt += 1
            err = self._start_once(deadline)
            if err is None:
                return self
            # On a restart the old port may be briefly unbindable; retry.
            if self.port and time.time() < deadline and attempt < 20:
                log("natterd restart attempt %d failed (%s); retrying" % (attempt, err))
                time.sleep(0.5)
                continue
            fail("natterd did not start: %s\n--- natterd log (tail) ---\n%s"
                 % (err, self.log_tail()))

    def _start_once(self, deadline):
        listen = "127.0.0.1:%d" % self.port
        cmd = [self.natterd, "--listen", listen, "--data", self.data_dir]
        if self.config_path:
            cmd += ["--config", self.config_path]
        self.starts += 1
        logf = open(self.log_path, "ab")
        logf.write(("\n=== start #%d: %s\n" % (self.starts, " ".join(cmd))).encode())
        logf.flush()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=logf, env=self.env.base_env())
        self.env.track(proc)
        ready = threading.Event()
        found = {}

        def reader():
            for raw in iter(proc.stdout.readline, b""):
                logf.write(raw)
                logf.flush()
                if not ready.is_set():
                    m = METRICS_RE.search(raw.decode("utf-8", "replace"))
                    if m:
                        found["metrics"] = m.group(1)
                    m = LISTEN_RE.search(raw.decode("utf-8", "replace"))
                    if m:
                        found["url"], found["port"] = m.group(1), int(m.group(2))
                        ready.set()
            logf.close()

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        while not ready.wait(0.05):
            if proc.poll() is not None:
                t.join(2)
                return "exited with code %s before printing 'listening on'" % proc.returncode
            if time.time() > deadline:
                self._kill(proc)
                return "no 'listening on ws://127.0.0.1:PORT' line on stdout in time"
        if self.port and found["port"] != self.port:
            self._kill(proc)
            fail("natterd restarted on port %d instead of requested %d"
                 % (found["port"], self.port))
        self.proc = proc
        self.port = found["port"]
        self.url = found["url"]
        self.metrics_url = found.get("metrics")
        return None

    def _kill(self, proc):
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)

    def stop(self, timeout=20):
        """Graceful stop: SIGTERM, must exit 0."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._kill(self.proc)
            fail("natterd did not exit within %ds of SIGTERM" % timeout)
        check(rc == 0, "natterd exited with %s after SIGTERM (expected 0)\n%s"
              % (rc, self.log_tail()))

    def kill(self):
        """Crash: SIGKILL."""
        check(self.proc is not None and self.proc.poll() is None,
              "natterd is not running (exit code %s) when it should be\n%s"
              % (self.proc.returncode if self.proc else None, self.log_tail()))
        self._kill(self.proc)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, n=40):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
            return "\n".join(lines[-n:])
        except OSError:
            return "(no log)"


class SmallDisk:
    """A small tmpfs at `path` (`with SmallDisk(p, "3m") as ok:`), unmounted
    on exit; ok is False when it cannot be mounted (not root): the caller
    skips its full-disk checks."""

    def __init__(self, path, size):
        self.path, self.size, self.mounted = path, size, False

    def __enter__(self):
        os.makedirs(self.path, exist_ok=True)
        self.mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=" + self.size, "tmpfs", self.path],
            stderr=subprocess.DEVNULL).returncode == 0
        return self.mounted

    def __exit__(self, *exc):
        if self.mounted:
            subprocess.run(["umount", "-l", self.path])
        return False


def write_ini(path, config):
    sections = {}
    for k, v in config.items():
        if isinstance(v, dict):
            sections[k] = v
        else:
            sections.setdefault("General", {})[k] = v
    with open(path, "w") as f:
        for sec, kv in sections.items():
            f.write("[%s]\n" % sec)
            for k, v in kv.items():
                f.write("%s=%s\n" % (k, v))
            f.write("\n")


# --------------------------------------------------------------------------- natter-cli


class CliResult:
    def __init__(self, args, rc, out, err, elapsed):
        self.args, self.rc, self.out, self.err, self.elapsed = args, rc, out, err, elapsed

    def describe(self):
        return ("natter-cli %s\n  exit code: %s (%.1fs)\n  stdout: %s\n  stderr: %s"
                % (" ".join(self.args), self.rc, self.elapsed,
                   _clip(self.out), _clip(self.err)))


def _clip(s, n=2000):
    s = s.strip()
    if len(s) > n:
        s = s[:n // 2] + "\n  ...[clipped]...\n" + s[-n // 2:]
    return s.replace("\n", "\n    ") if s else "(empty)"


class Client:
    """One profile (one device) of natter-cli."""

    def __init__(self, env, name, passphrase=None, profile=None):
        self.env = env
        self.name = name
        self.profile = profile or os.path.join(env.tmp, "profile-" + name)
        os.makedirs(self.profile, exist_ok=True)
        self.passphrase = passphrase or ("pass-%s-%d" % (name, os.getpid()))

    def cli_env(self, passphrase=True):
        e = self.env.base_env()
        e.pop("NATTER_PASSPHRASE", None)
        if passphrase is True:
            e["NATTER_PASSPHRASE"] = self.passphrase
        elif isinstance(passphrase, str):  # "" = set but empty; None = unset
            e["NATTER_PASSPHRASE"] = passphrase
        return e

    def argv(self, args, server=None):
        cmd = [self.env.cli, "--profile", self.profile]
        if server:
            cmd += ["--server", server]
        return cmd + list(args)

    def run(self, *args, server=None, input=None, timeout=60, expect_ok=True,
            passphrase=True):
        """Run one command. expect_ok: True = must exit 0, False = must fail
        (non-zero, not killed by a signal), None = don't check."""
        t0 = time.time()
        proc = subprocess.Popen(self.argv(args, server), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=self.cli_env(passphrase))
        self.env.track(proc)
        try:
            out, err = proc.communicate(input.encode() if isinstance(input, str) else input,
                                        timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            res = CliResult(list(args), "TIMEOUT", out.decode("utf-8", "replace"),
                            err.decode("utf-8", "replace"), time.time() - t0)
            fail("[%s] command did not finish within %ds\n%s"
                 % (self.name, timeout, res.describe()))
        res = CliResult(list(args), proc.returncode, out.decode("utf-8", "replace"),
                        err.decode("utf-8", "replace"), time.time() - t0)
        if res.elapsed > 3 or os.environ.get("NATTER_IT_VERBOSE"):
            log("[%s] natter-cli %s -> %s in %.1fs" % (self.name, " ".join(args)[:80],
                                                       res.rc, res.elapsed))
        if expect_ok is True and res.rc != 0:
            fail("[%s] command failed\n%s" % (self.name, res.describe()))
        if expect_ok is False:
            check(res.rc != 0, "[%s] command unexpectedly succeeded\n%s"
                  % (self.name, res.describe()))
            check(0 < res.rc < 128, "[%s] command crashed / was killed (exit %s), "
                  "expected a clean error exit\n%s" % (self.name, res.rc, res.describe()))
        return res

    def popen(self, *args, server=None, stdin=subprocess.PIPE):
        """Start a long-running command; stdout/stderr go to files in the
        temp dir (no pipe back-pressure)."""
        if stdin is None:
            stdin = subprocess.DEVNULL
        tag = "%s-%d" % (self.name, len(self.env.procs))
        outp = os.path.join(self.env.tmp, "cli-%s.out" % tag)
        errp = os.path.join(self.env.tmp, "cli-%s.err" % tag)
        proc = subprocess.Popen(self.argv(args, server), stdin=stdin,
                                stdout=open(outp, "wb"), stderr=open(errp, "wb"),
                                env=self.cli_env())
        proc.natter_out, proc.natter_err, proc.natter_args = outp, errp, list(args)
        self.env.track(proc)
        return proc

    def describe_proc(self, proc):
        def rd(p):
            with open(p, "rb") as f:
                return f.read().decode("utf-8", "replace")
        return CliResult(proc.natter_args, proc.returncode, rd(proc.natter_out),
                         rd(proc.natter_err), 0).describe()

    # convenience wrappers -------------------------------------------------
    def register(self, user, password, device=None, server=None):
        self.user = user
        args = ["register", user, password] + (["--device", device] if device else [])
        return self.run(*args, server=server or self.env.server.url)

    def login(self, user, password, device=None, server=None, expect_ok=True):
        self.user = user
        args = ["login", user, password] + (["--device", device] if device else [])
        return self.run(*args, server=server or self.env.server.url, expect_ok=expect_ok)

    @staticmethod
    def target(name):
        """A user name as @name; a #ID or #NAME as it is."""
        return name if name.startswith("#") else "@" + name

    def send(self, to, text, offline=False, **kw):
        args = ["send", self.target(to), text] + (["--offline"] if offline else [])
        return self.run(*args, **kw)

    def sync(self, timeout=30, **kw):
        kw.setdefault("timeout", timeout + 30)
        return self.run("sync", "--timeout", str(timeout), **kw)

    def history(self, peer, limit=5000):
        res = self.run("history", self.target(peer), "--limit", str(limit), timeout=60)
        return parse_json_lines(res.out, "[%s] history @%s" % (self.name, peer))

    def conversations(self):
        res = self.run("conversations", timeout=60)
        return parse_json_lines(res.out, "[%s] conversations" % self.name)

    def conversation_with(self, peer):
        convs = [c for c in self.conversations() if c.get("with") == peer]
        check(len(convs) == 1, "[%s] expected exactly one conversation with %s, got %r"
              % (self.name, peer, convs))
        return convs[0]

    def devices(self):
        res = self.run("devices", timeout=60)
        return parse_json_lines(res.out, "[%s] devices" % self.name)


# --------------------------------------------------------------------------- env / runner


class Env:
    def __init__(self, natterd, cli, tmp):
        self.natterd, self.cli, self.tmp = natterd, cli, tmp
        self.args = None
        self.procs = []
        self.server = None
        self.soft_failures = []

    def base_env(self):
        e = dict(os.environ)
        e.setdefault("QT_QPA_PLATFORM", "offscreen")
        e.pop("NATTER_PASSPHRASE", None)
        # Keep HOME/XDG inside the temp dir so nothing leaks into the user's
        # real config (QSettings, keychain fallbacks, ...).
        home = os.path.join(self.tmp, "home")
        os.makedirs(home, exist_ok=True)
        e["HOME"] = home
        e["XDG_CONFIG_HOME"] = os.path.join(home, ".config")
        e["XDG_DATA_HOME"] = os.path.join(home, ".local", "share")
        e["XDG_CACHE_HOME"] = os.path.join(home, ".cache")
        return e

    def soft(self, what):
        """`with env.soft("..."):` records a failure and lets the test go on
        with independent checks; the test still fails at the end."""
        env = self

        class _Soft:
            def __enter__(self):
                return self

            def __exit__(self, typ, val, tb):
                if typ is TestFailure:
                    env.soft_failures.append("%s: %s" % (what, val))
                    print("\nFAIL (continuing) %s: %s\n" % (what, val), flush=True)
                    return True
                return False
        return _Soft()

    def track(self, proc):
        self.procs.append(proc)
        return proc

    def start_server(self, config=None, name="natterd"):
        srv = Server(self, self.natterd, os.path.join(self.tmp, name + "-data"),
                     config=config, name=name)
        srv.start()
        if self.server is None:
            self.server = srv
        log("%s listening on %s" % (name, srv.url))
        return srv

    def client(self, name, **kw):
        return Client(self, name, **kw)

    def alice_on_two_pcs_and_bob(self):
        """alice registered on pc1 and logged in on pc2; bob on his own PC."""
        pc1 = self.client("alice-pc1")
        pc2 = self.client("alice-pc2")
        bob = self.client("bob")
        pc1.register("alice", "alice-password", device="pc1")
        bob.register("bob", "bob-password", device="bob-pc")
        pc2.login("alice", "alice-password", device="pc2")
        return pc1, pc2, bob

    def cleanup(self):
        # Stop only what we started, by PID.
        for p in self.procs:
            if p.poll() is None:
                try:
                    p.send_signal(signal.SIGKILL)
                    p.wait(10)
                except Exception:
                    pass


def run_test(main, add_args=None):
    ap = argparse.ArgumentParser(description=getattr(sys.modules["__main__"], "__doc__", None),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--natterd", required=True)
    ap.add_argument("--cli", required=True)
    if add_args:
        add_args(ap)
    args = ap.parse_args()
    for b in (args.natterd, args.cli):
        if not os.access(b, os.X_OK):
            print("FAIL: binary not executable: %s" % b, flush=True)
            sys.exit(1)
    name = os.path.basename(sys.argv[0])
    tmp = tempfile.mkdtemp(prefix="natter-it-")
    env = Env(os.path.abspath(args.natterd), os.path.abspath(args.cli), tmp)
    env.args = args

    def on_signal(signum, frame):  # ctest timeout / Ctrl-C: stop our processes
        print("\nFAIL %s: interrupted by signal %d" % (name, signum), flush=True)
        env.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
        os._exit(1)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)
    t0 = time.time()
    ok = False
    try:
        main(env)
        if env.soft_failures:
            print("\nFAIL %s: %d check(s) failed:\n  - %s" % (
                name, len(env.soft_failures), "\n  - ".join(
                    f.splitlines()[0] for f in env.soft_failures)), flush=True)
        else:
            ok = True
    except TestFailure as e:
        print("\nFAIL %s: %s" % (name, e), flush=True)
    except Exception:
        print("\nERROR %s (test bug or unexpected behaviour):" % name, flush=True)
        traceback.print_exc()
    finally:
        if not ok and env.server is not None:
            print("--- natterd log (tail) ---\n" + env.server.log_tail(), flush=True)
        env.cleanup()
        if os.environ.get("NATTER_IT_KEEP"):
            print("kept temp dir %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if ok:
        print("PASS %s (%.1fs)" % (name, time.time() - t0), flush=True)
        sys.exit(0)
    sys.exit(1)


# --------------------------------------------------------------------------- assertions on histories


def key_of(m):
    return (m.get("id"), m.get("seq"), m.get("from"), m.get("text"))


def check_same_histories(histories, what=""):
    """histories: {device_name: [msg, ...]} -> identical (id, seq, from, text)."""
    names = list(histories)
    ref_name = names[0]
    ref = [key_of(m) for m in histories[ref_name]]
    for n in names[1:]:
        other = [key_of(m) for m in histories[n]]
        if other != ref:
            diff = first_diff(ref, other)
            fail("%s history differs between %s (%d msgs) and %s (%d msgs): %s"
                 % (what, ref_name, len(ref), n, len(other), diff))


def first_diff(a, b):
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "<missing>"
        y = b[i] if i < len(b) else "<missing>"
        if x != y:
            return "first difference at index %d: %r vs %r" % (i, x, y)
    return "no difference"


def check_gapless(msgs, first, last, what):
    seqs = [m.get("seq") for m in msgs]
    if seqs != list(range(first, last + 1)):
        missing = sorted(set(range(first, last + 1)) - set(s for s in seqs if isinstance(s, int)))
        dups = sorted(s for s in set(seqs) if seqs.count(s) > 1)
        fail("%s: seqs not gapless %d..%d: %d entries, missing %s, duplicated %s, "
             "first entries %r" % (what, first, last, len(seqs), missing[:20], dups[:20],
                                   seqs[:10]))


def check_unique_texts(msgs, expected_texts, what):
    texts = [m.get("text") for m in msgs]
    from collections import Counter
    c = Counter(texts)
    dups = [t for t, n in c.items() if n > 1]
    check(not dups, "%s: duplicated texts (%d), e.g. %r" % (what, len(dups), dups[:5]))
    exp = set(expected_texts)
    missing = [t for t in expected_texts if t not in c]
    extra = [t for t in texts if t not in exp]
    check(not missing, "%s: %d expected texts missing, e.g. %r" % (what, len(missing), missing[:5]))
    check(not extra, "%s: %d unexpected texts, e.g. %r" % (what, len(extra), extra[:5]))


def check_sender_order(msgs, sender, expected_texts, what):
    got = [m.get("text") for m in msgs if m.get("from") == sender]
    if got != list(expected_texts):
        fail("%s: messages from %s not in send order (%d vs %d): %s"
             % (what, sender, len(got), len(expected_texts), first_diff(list(expected_texts), got)))


def check_states(msgs, sender, state, what):
    bad = [(m.get("seq"), m.get("text"), m.get("state")) for m in msgs
           if m.get("from") == sender and m.get("state") != state]
    check(not bad, "%s: %d messages from %s not in state %r, e.g. %r"
          % (what, len(bad), sender, state, bad[:5]))


def parallel(fn, items, workers=4):
    """fn(item) for every item on a few threads; returns the results in order and
    re-raises the first failure (natter-cli runs are mostly waiting)."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=workers) as ex:
        return [f.result() for f in [ex.submit(fn, it) for it in items]]


SNOWFLAKE_EPOCH_MS = 1735689600000  # 2025-01-01T00:00:00Z, see core/protocol/Snowflake.h


def snowflake_ms(message_id):
    """Unix time in ms at which the server assigned a message id."""
    return (int(message_id) >> 22) + SNOWFLAKE_EPOCH_MS


def feed_lines(proc, lines, delay=0.0, close=True):
    """Write lines to a process's stdin (optionally slowly). Returns count written."""
    n = 0
    try:
        for i, line in enumerate(lines):
            if delay and i:
                time.sleep(delay)
            proc.stdin.write((line + "\n").encode())
            proc.stdin.flush()
            n += 1
        if close:
            proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    return n


def wait_proc(client, proc, timeout, what):
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        fail("%s did not finish within %ds\n%s" % (what, timeout, client.describe_proc(proc)))
    check(proc.returncode == 0, "%s failed\n%s" % (what, client.describe_proc(proc)))


ISO_UTC_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$")
HISTORY_KEYS = {"id", "client_id", "seq", "from", "text", "state", "time"}


def check_history_format(msgs, what):
    """The `history` JSON-lines contract: keys, types, ISO-8601 UTC time,
    pending (seq null) only at the end."""
    seen_pending = False
    for m in msgs:
        missing = HISTORY_KEYS - set(m)
        check(not missing, "%s: history entry lacks %s: %r" % (what, sorted(missing), m))
        check(m["id"] is None or (isinstance(m["id"], str) and m["id"].isdigit()),
              "%s: id must be a decimal snowflake string or null: %r" % (what, m))
        check(m["client_id"] is None or isinstance(m["client_id"], str),
              "%s: client_id must be a string or null: %r" % (what, m))
        check(m["seq"] is None or (isinstance(m["seq"], int) and m["seq"] >= 2),
              "%s: seq must be an int >= 2 or null: %r" % (what, m))
        check(m["state"] in ("pending", "sent", "failed", "received"),
              "%s: bad state: %r" % (what, m))
        check(isinstance(m["time"], str) and ISO_UTC_RE.match(m["time"]) is not None,
              "%s: time must be ISO-8601 UTC: %r" % (what, m))
        if m["state"] == "received":
            check(m["id"] is not None and m["seq"] is not None,
                  "%s: a received message needs id and seq: %r" % (what, m))
        if m["state"] == "sent":
            check(m["id"] is not None and m["seq"] is not None,
                  "%s: a sent (acked) message needs id and seq: %r" % (what, m))
        if m["state"] == "pending":
            check(m["seq"] is None, "%s: a pending message has no seq yet: %r" % (what, m))
            seen_pending = True
        elif seen_pending and m["seq"] is not None:
            fail("%s: a message with a seq follows a pending one (pending must be at "
                 "the end): %r" % (what, m))
