#!/usr/bin/env python3
"""A flooding device is throttled; the others are served (SPEC section 7).
natterd with a small per-device limit; natter-bench p2p runs a few paced
pairs and one flooder sending 10x the limit whatever the answers. The
flooder must get RATE_LIMITED, its accepted sends can't exceed what the
token bucket allows (rate x seconds + burst), and every message of the
pairs is acked and pulled, with no error. No timing is asserted."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h

RATE, BURST = 50, 50  # [limits] device_rate / device_burst
FLOOD = 10 * RATE


def add_args(ap):
    ap.add_argument("--bench", required=True, help="natter-bench binary")


def main(env):
    srv = env.start_server(config={
        "limits": {"device_rate": RATE, "device_burst": BURST,
                   "ip_rate": 1000, "ip_burst": 1000},
        "auth": {"pwhash_ops": 1, "pwhash_mem_bytes": 8192}})
    # 4 pairs at 40 msgs/s in all: 10 sends/s per sender and at most as many
    # pulls per recipient, far below the limit
    cmd = [env.args.bench, "p2p", "--server", srv.url, "--pairs", "4", "--rate", "40",
           "--warmup", "1", "--duration", "3", "--drain", "20",
           "--flooders", "1", "--flood-rate", str(FLOOD)]
    h.log(" ".join(cmd))
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120,
                         env=env.base_env())
    h.check(res.returncode == 0, "natter-bench failed (%s)\n%s\n%s"
            % (res.returncode, res.stdout.decode(), res.stderr.decode()[-3000:]))
    lines = h.parse_json_lines(res.stdout.decode(), "natter-bench output")
    h.check_eq(len(lines), 1, "JSON lines from natter-bench")
    r = lines[0]
    h.log(json.dumps(r))
    f = r["flood"]

    h.check(f["sent"] > 0 and f["rate_limited"] > 0,
            "the flooder was not answered RATE_LIMITED: %r" % f)
    h.check_eq(f["other_errors"], 0, "flooder's errors other than RATE_LIMITED")
    # a token bucket grants at most rate x t + burst in any window of t seconds
    bound = RATE * r["measured_s"] + BURST
    h.check(f["accepted"] <= bound, "the flooder got %d sends accepted in %.2f s; the "
            "limit allows at most %d" % (f["accepted"], r["measured_s"], bound))
    h.check(f["accepted"] > 0, "the flooder got nothing accepted (the limit should let "
            "%d/s through): %r" % (RATE, f))

    h.check_eq(r["errors"], 0, "errors of the pairs (%r)" % r["error_kinds"])
    h.check(r["sent"] > 0 and r["delivered"] > 0, "the pairs sent nothing: %r" % r)
    h.check_eq(r["undelivered"], 0, "messages of the pairs not delivered after the drain")
    h.log("flooder: sent %d, accepted %d (bound %d), RATE_LIMITED %d; pairs: %d sent in "
          "the window, all delivered" % (f["sent"], f["accepted"], bound, f["rate_limited"],
                                         r["sent"]))
    srv.stop()


h.run_test(main, add_args)
