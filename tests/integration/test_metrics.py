#!/usr/bin/env python3
"""natterd's metrics listener: /metrics in the Prometheus text format
(`promtool check metrics` on a live scrape), counters that move as a bench
runs (requests, frames, bytes, events committed, group commits, pulls,
notifies, rate limits, connections, registered users), /healthz and
/readyz, refusals of bad HTTP, a named port that is taken stops the start,
and /readyz failing while the data directory's disk is full (a small tmpfs
this test mounts: needs root, else the rest runs and the test exits 77)."""
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

SKIP = 77
RATE, BURST = 50, 50  # [limits] device_rate / device_burst: the flooder hits it
FAST_HASH = {"pwhash_ops": 1, "pwhash_mem_bytes": 8192}
SAMPLE_RE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL_RE = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def add_args(ap):
    ap.add_argument("--bench", required=True, help="natter-bench binary")


def get(url, timeout=10):
    """(status, body) of a GET; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def scrape(srv):
    status, text = get(srv.metrics_url + "/metrics")
    h.check_eq(status, 200, "GET /metrics status")
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE_RE.match(line)
        h.check(m is not None, "not a sample line: %r" % line)
        labels = tuple(sorted(LABEL_RE.findall(m.group(2) or "")))
        samples[(m.group(1), labels)] = float(m.group(3))
    return text, samples


def value(samples, name, **labels):
    key = (name, tuple(sorted(labels.items())))
    h.check(key in samples, "no sample %s%r in the scrape" % (name, labels))
    return samples[key]


def promtool_check(text):
    promtool = shutil.which("promtool")
    h.check(promtool is not None,
            "promtool missing (Debian's prometheus package; scripts/install-deps.sh installs it)")
    r = subprocess.run([promtool, "check", "metrics"], input=text.encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    h.check(r.returncode == 0 and not r.stdout.strip() and not r.stderr.strip(),
            "promtool check metrics: rc %d\n%s%s"
            % (r.returncode, r.stdout.decode(), r.stderr.decode()))


def raw_http(srv, request):
    host, port = srv.metrics_url[len("http://"):].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(request)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return data.decode("utf-8", "replace")


def admin(env, srv, *args, password=None):
    cmd = [env.natterd, "admin", "--data", srv.data_dir] + list(args)
    if password is not None:
        cmd.append("--password-stdin")
    p = subprocess.run(cmd, input=(password + "\n").encode() if password else None,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                       env=env.base_env())
    h.check(p.returncode == 0, "natterd admin %s: exit %d\n%s" % (" ".join(args), p.returncode,
                                                                   p.stderr.decode()))
    return h.parse_json_lines(p.stdout.decode(), "natterd admin")


def admin_stats(env, srv):
    return admin(env, srv, "stats")[0]


def test_bench_moves_counters(env):
    srv = env.start_server(config={
        "metrics": {"listen": "127.0.0.1:0"},
        "limits": {"device_rate": RATE, "device_burst": BURST,
                   "ip_rate": 1000, "ip_burst": 1000},
        "auth": FAST_HASH})
    h.check(srv.metrics_url is not None, "natterd printed no 'metrics on' line")
    text, before = scrape(srv)
    promtool_check(text)
    h.check_eq(value(before, "natter_registered_users"), 0, "registered users at start")
    h.check_eq(value(before, "natter_requests_total", type="send"), 0, "sends at start")
    h.check(value(before, "process_resident_memory_bytes") > 1e6, "process RSS")
    h.check(value(before, "process_open_fds") > 3, "open fds")

    # A keep-alive-less client that sends nothing must not hold up a scrape.
    idle = socket.create_connection(
        tuple((lambda hp: (hp[0], int(hp[1])))(srv.metrics_url[7:].rsplit(":", 1))))
    cmd = [env.args.bench, "p2p", "--server", srv.url, "--pairs", "4", "--rate", "200",
           "--warmup", "1", "--duration", "3", "--drain", "20",
           "--flooders", "1", "--flood-rate", str(10 * RATE)]
    h.log(" ".join(cmd))
    bench = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env.base_env())
    # While it runs: signed-in sessions and open connections show up.
    during = {}
    deadline = time.time() + 30
    while time.time() < deadline and bench.poll() is None:
        _, during = scrape(srv)
        if value(during, "natter_sessions_signed_in") >= 9:
            break
        time.sleep(0.2)
    out, err = bench.communicate(timeout=120)
    idle.close()
    h.check(bench.returncode == 0, "natter-bench failed (%s)\n%s\n%s"
            % (bench.returncode, out.decode(), err.decode()[-3000:]))
    h.check(during and value(during, "natter_sessions_signed_in") >= 9,
            "signed-in sessions while 4 pairs and a flooder ran: %s"
            % (during and value(during, "natter_sessions_signed_in")))
    h.check(value(during, "natter_connections", state="open") >= 9,
            "open connections during the bench")
    r = h.parse_json_lines(out.decode(), "natter-bench output")[0]
    f = r["flood"]
    h.check(r["sent"] > 0 and f["rate_limited"] > 0, "the bench did not run as meant: %r" % r)

    text, after = scrape(srv)
    promtool_check(text)
    sends = value(after, "natter_requests_total", type="send")
    events = value(after, "natter_events_committed_total")
    h.check(sends >= r["sent"] + f["sent"],
            "requests_total{type=send} %d < the bench's sends %d" % (sends, r["sent"] + f["sent"]))
    h.check(r["sent"] + f["accepted"] <= events <= sends,
            "events committed %d: not between the accepted sends %d and all sends %d"
            % (events, r["sent"] + f["accepted"], sends))
    h.check(value(after, "natter_rate_limited_total", limit="device") >= f["rate_limited"],
            "device rate limits counted vs the flooder's RATE_LIMITED answers")
    h.check_eq(value(after, "natter_rate_limited_total", limit="device"),
               value(after, "natter_errors_total", code="rate_limited"),
               "rate-limited requests = RATE_LIMITED errors sent")
    h.check(value(after, "natter_requests_total", type="pull") > 0, "pull requests")
    h.check(value(after, "natter_pull_events_sum") >= r["delivered"],
            "events pulled %d < delivered %d" % (value(after, "natter_pull_events_sum"),
                                                   r["delivered"]))
    h.check(value(after, "natter_notifies_sent_total", kind="conversation") > 0,
            "conversation notifies")
    h.check(value(after, "natter_db_batches_total") > 0, "group commits")
    h.check_eq(value(after, "natter_db_batch_ops_count"),
               value(after, "natter_db_batch_ops_bucket", le="+Inf"), "batch_ops count = +Inf")
    h.check(value(after, "natter_db_batch_ops_sum") >= events, "ops in batches >= events")
    h.check(value(after, "natter_db_commit_seconds_count") > 0, "commit latencies observed")
    h.check(value(after, "natter_frames_received_total") >= sends, "frames received >= sends")
    h.check(value(after, "natter_frames_sent_total") >= events, "frames sent >= acks")
    h.check(value(after, "natter_received_bytes_total") > value(before, "natter_received_bytes_total"),
            "bytes received")
    h.check(value(after, "natter_sent_bytes_total") > 0, "bytes sent")
    h.check(value(after, "natter_connections_accepted_total") >= 9, "connections accepted")
    h.check_eq(value(after, "natter_registered_users"), admin_stats(env, srv)["users"],
               "registered users vs the database's count (natterd admin stats)")
    h.check(value(after, "natter_registered_users") >= 9, "the bench's users registered")
    h.check(value(after, "natter_db_size_bytes") > value(before, "natter_db_size_bytes") / 2,
            "db size")
    h.check(value(after, "process_cpu_seconds_total") > 0, "CPU time")
    # The bench left: its sessions are gone again.
    h.wait_for(lambda: value(scrape(srv)[1], "natter_sessions_signed_in") == 0,
               "signed-in sessions back to 0 after the bench", timeout=20)

    # A user registered by a client counts too, and one the admin creates.
    users = value(scrape(srv)[1], "natter_registered_users")
    alice = env.client("alice")
    alice.register("alice", "alice-pw-1")
    admin(env, srv, "user", "create", "carol", password="carol-pw-1")
    h.check_eq(value(scrape(srv)[1], "natter_registered_users"), users + 2, "registered users")
    h.check_eq(users + 2, admin_stats(env, srv)["users"], "registered users vs admin stats")

    for path in ("/healthz", "/readyz"):
        status, body = get(srv.metrics_url + path)
        h.check_eq(status, 200, "GET %s (%s)" % (path, body))
        h.check('"status":"ok"' in body, "%s body: %s" % (path, body))
    head = raw_http(srv, b"HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    h.check(head.startswith("HTTP/1.1 200") and head.endswith("\r\n\r\n"),
            "HEAD /metrics: a head without a body: %r" % head[:200])

    # Bad requests get a clear answer; the listener keeps serving.
    for request, status in ((b"GARBAGE\r\n\r\n", "400"),
                            (b"GET /metrics HTTP/1.0\r\n\r\n", "505"),
                            (b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", "404"),
                            (b"POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                             "405"),
                            (b"GET /metrics HTTP/1.1\r\nHost: x\r\nX: " + b"y" * 9000 + b"\r\n\r\n",
                             "431")):
        answer = raw_http(srv, request)
        h.check(answer.startswith("HTTP/1.1 " + status),
                "%r answered %r, expected %s" % (request[:40], answer[:60], status))
    h.check_eq(get(srv.metrics_url + "/healthz")[0], 200, "healthz after bad requests")
    srv.stop()


def test_ports(env):
    # A port the config names must work: natterd refuses to start without it.
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    data = os.path.join(env.tmp, "taken-data")
    r = subprocess.run([env.natterd, "--listen", "127.0.0.1:0", "--data", data,
                        "--metrics", "127.0.0.1:%d" % port],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30,
                       env=env.base_env())
    taken.close()
    h.check(r.returncode != 0, "natterd started with its named metrics port taken")
    h.check("metrics: cannot listen" in r.stderr.decode(),
            "no clear error for the taken metrics port: %r" % r.stderr.decode()[-500:])
    # Empty: off, and no 'metrics on' line.
    srv = env.start_server(config={"metrics": {"listen": ""}}, name="nometrics")
    h.check(srv.metrics_url is None, "metrics listen= still printed %s" % srv.metrics_url)
    srv.stop()


def test_disk_full(env):
    mnt = os.path.join(env.tmp, "small-disk")
    with h.SmallDisk(mnt, "24m") as mounted:
        if not mounted:
            return False
        srv = h.Server(env, env.natterd, os.path.join(mnt, "data"), name="small-disk",
                       config={"metrics": {"listen": "127.0.0.1:0"},
                               "storage": {"min_free_mb": 8}, "auth": FAST_HASH})
        srv.start()
        h.check_eq(get(srv.metrics_url + "/readyz")[0], 200, "readyz with room")
        filler = os.path.join(mnt, "filler")
        with open(filler, "wb") as f:
            try:
                while os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize > 4 * 1024 * 1024:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError:
                pass
        status, body = get(srv.metrics_url + "/readyz")
        h.check_eq(status, 503, "readyz with < min_free_mb free (%s)" % body)
        h.check("disk nearly full" in body, "readyz names the full disk: %s" % body)
        h.check_eq(get(srv.metrics_url + "/healthz")[0], 200, "healthz: alive though not ready")
        h.check(value(scrape(srv)[1], "natter_data_free_bytes") < 8 * 1024 * 1024,
                "natter_data_free_bytes below the reserve")
        os.remove(filler)
        h.wait_for(lambda: get(srv.metrics_url + "/readyz")[0] == 200,
                   "readyz back to 200 once space is free", timeout=10)
        srv.stop()
    return True


def main(env):
    test_bench_moves_counters(env)
    test_ports(env)
    if not test_disk_full(env):
        print("SKIP: the disk-full part needs root to mount a small tmpfs", flush=True)
        sys.exit(SKIP)


h.run_test(main, add_args)
