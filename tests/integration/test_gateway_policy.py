#!/usr/bin/env python3
"""[gateway] address lists: a connection from a denied address (127.0.0.2,
natterd on 127.0.0.1) is closed before anything is answered, an allowed
one served; an allow list admits only its subnets and deny wins over it;
X-Forwarded-For counts only from a trusted proxy, whose client is then
judged by the lists (403 when denied) and is the session's address; the
lists reload on `natterd admin reload` and on SIGHUP, and a config that no
longer parses keeps the lists in use, with the reason; a bad list in the
config keeps natterd from starting, saying which entry."""
import base64
import os
import signal
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

UPGRADE = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n%s\r\n")


def ask(port, source, request=None):
    """Connects from `source`; sends `request` (GET /health by default);
    returns the first line of the answer, or "" when the server closed the
    connection without answering."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(10)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    try:
        s.sendall((request or "GET /health HTTP/1.1\r\nHost: x\r\n\r\n").encode())
        data = b""
        while b"\r\n" not in data:
            b = s.recv(4096)
            if not b:
                break
            data += b
    except (ConnectionResetError, BrokenPipeError):
        data = b""
    finally:
        s.close()
    return data.split(b"\r\n")[0].decode()


def upgrade(forwarded=None):
    key = base64.b64encode(os.urandom(16)).decode()
    extra = "X-Forwarded-For: %s\r\n" % forwarded if forwarded else ""
    return UPGRADE % (key, extra)


def admin(env, srv, *args, expect=0):
    p = subprocess.run([env.natterd, "admin", "--data", srv.data_dir] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    h.check(p.returncode == expect, "natterd admin %s: %d %s" % (args, p.returncode, p.stderr))
    return p.stdout.decode() + p.stderr.decode()


def main(env):
    base = {"auth": {"pwhash_ops": 1, "pwhash_mem_bytes": 8192}}
    srv = env.start_server(config=dict(base, gateway={"deny": "127.0.0.2"}))
    port = srv.port
    h.check_eq(ask(port, "127.0.0.2"), "", "127.0.0.2 denied: closed unanswered")
    h.check_eq(ask(port, "127.0.0.3"), "HTTP/1.1 200 OK", "127.0.0.3 served")
    h.check_eq(ask(port, "127.0.0.1"), "HTTP/1.1 200 OK", "127.0.0.1 served")
    alice = env.client("alice")
    alice.register("alice", "alice-password")  # the CLI from 127.0.0.1 works

    # An allow list, with a deny inside it; reloaded by natterd admin reload.
    h.write_ini(srv.config_path, dict(base, gateway={
        "allow": "127.0.0.0/30,::1", "deny": "127.0.0.3"}))
    out = admin(env, srv, "reload")
    h.check("allow 2, deny 1" in out, "reload says what: %r" % out)
    h.check_eq(ask(port, "127.0.0.2"), "HTTP/1.1 200 OK", "127.0.0.2 allowed now")
    h.check_eq(ask(port, "127.0.0.3"), "", "127.0.0.3: deny wins over allow")
    h.check_eq(ask(port, "127.0.0.5"), "", "127.0.0.5: not in the allow list")

    # A trusted proxy: its X-Forwarded-For decides; anyone else's means nothing.
    h.write_ini(srv.config_path, dict(base, gateway={
        "deny": "10.0.0.0/8", "trusted_proxies": "127.0.0.1"}))
    os.kill(srv.proc.pid, signal.SIGHUP)
    h.wait_for(lambda: ask(port, "127.0.0.1", upgrade("10.1.2.3")) == "HTTP/1.1 403 Forbidden",
               "SIGHUP to reload: a denied client behind the proxy refused")
    h.check_eq(ask(port, "127.0.0.1", upgrade("192.0.2.7")), "HTTP/1.1 101 Switching Protocols",
               "an allowed client behind the proxy")
    h.check_eq(ask(port, "127.0.0.1", upgrade("10.1.2.3, 127.0.0.1")),
               "HTTP/1.1 403 Forbidden", "the right-most hop not a proxy is the client")
    h.check_eq(ask(port, "127.0.0.2", upgrade("10.1.2.3")), "HTTP/1.1 101 Switching Protocols",
               "X-Forwarded-For from an untrusted peer is ignored")
    h.check_eq(ask(port, "127.0.0.2"), "HTTP/1.1 200 OK", "127.0.0.2 no longer denied")

    # A config that does not parse: the reload is refused, the lists stay.
    h.write_ini(srv.config_path, dict(base, gateway={"deny": "127.0.0.2, not-an-ip"}))
    out = admin(env, srv, "reload", expect=1)
    h.check("not-an-ip" in out and "kept" in out, "bad reload says why: %r" % out)
    h.check_eq(ask(port, "127.0.0.2"), "HTTP/1.1 200 OK", "the old lists still apply")
    alice.run("sync", "--timeout", "20")

    # natterd does not start on a bad list, and says which entry.
    srv.stop()
    p = subprocess.run([env.natterd, "--listen", "127.0.0.1:0", "--data", srv.data_dir,
                        "--config", srv.config_path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30)
    h.check(p.returncode != 0 and b"not-an-ip" in p.stderr, "bad config: %r" % p.stderr)


if __name__ == "__main__":
    h.run_test(main)
