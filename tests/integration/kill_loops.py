#!/usr/bin/env python3
"""Kill loops (SPEC section 7): SIGKILL again and again, then check that no
acknowledged message was lost or duplicated and that every device holds the
same gapless history.

Server loop (--server-kills K): --clients devices (users of two devices each,
in a ring: a user's first device writes to the next user, its second to the
previous one) send --messages in all with `natter-cli send @peer -`, fed
while natterd is SIGKILLed K times and restarted on the same port and data
dir. Every `send` must finish (everything acked); then each conversation's
(id, seq, from, text) must be identical on all the devices of its two users,
gapless, each message once, each device's messages in its order. The ids
tell when the server committed each message, so the script also counts the
kills that landed while messages were being committed.

Client loop (--client-kills K): alice's natter-cli is SIGKILLed K times while
its outbox is being written, in three rotating ways: `send - --offline`
killed while queueing lines, `sync` killed while replaying the queue, and
`send -` killed while queueing and sending. After every kill alice's history
is what was committed before plus a prefix of the lines fed, and nothing
else. Finally everything is sent exactly once, in order, to bob and to
alice's second device.

Full size (SPEC):  kill_loops.py --natterd N --cli C --server-kills 50 \\
                       --messages 10000 --clients 20
                   kill_loops.py --natterd N --cli C --client-kills 50
Both loops may run in one invocation (server loop first).
"""
import bisect
import os
import random
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def add_args(ap):
    ap.add_argument("--server-kills", type=int, default=0, help="SIGKILLs of natterd")
    ap.add_argument("--messages", type=int, default=1000,
                    help="server loop: messages in all (default 1000)")
    ap.add_argument("--clients", type=int, default=3,
                    help="server loop: devices, each one sending (default 3)")
    ap.add_argument("--up", type=float, nargs=2, default=(0.8, 2.0), metavar=("MIN", "MAX"),
                    help="server loop: seconds natterd runs between kills (uniform)")
    ap.add_argument("--client-kills", type=int, default=0, help="SIGKILLs of natter-cli")
    ap.add_argument("--queue", type=int, default=120,
                    help="client loop: lines queued offline per queueing run (default 120)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: time)")


# --------------------------------------------------------------------------- server loop


class Device:
    def __init__(self, index, client, user, peer):
        self.index, self.client, self.user, self.peer = index, client, user, peer
        self.texts = []
        self.proc = None


def make_devices(env, n):
    """n devices over max(2, ceil(n/2)) users; device j belongs to user j % U.
    A user's even devices write to the next user, odd ones to the previous."""
    users = max(2, (n + 1) // 2)
    names = ["u%02d" % i for i in range(users)]
    devices = []
    for j in range(n):
        u = j % users
        k = j // users
        peer = (u + 1) % users if k % 2 == 0 else (u - 1) % users
        devices.append(Device(j, env.client("%s-d%d" % (names[u], k)), names[u], names[peer]))

    def auth(d):
        if d.index < users:
            d.client.register(d.user, d.user + "-password", device=d.client.name)
        else:
            d.client.login(d.user, d.user + "-password", device=d.client.name)
    h.parallel(auth, [d for d in devices if d.index < users])  # accounts first
    h.parallel(auth, [d for d in devices if d.index >= users])
    return devices


def server_loop(env, kills, messages, n_clients, up, rng):
    check = h.check
    check(n_clients >= 2, "--clients must be at least 2")
    check(messages >= n_clients, "--messages must be at least --clients")
    # durable commits are the default; say so explicitly. Argon2id at its
    # minimum cost for the accounts only makes the set-up fast.
    # Two network threads whatever the machine, so deliveries cross threads.
    srv = env.start_server(config={"storage": {"synchronous": "FULL"},
                                   "network": {"threads": 2},
                                   "auth": {"pwhash_ops": 1, "pwhash_mem_bytes": 8192}})
    devices = make_devices(env, n_clients)
    # opening a store (Argon2id) alone, to know how long the senders need
    startup = devices[0].client.run("conversations").elapsed
    for d in devices:
        share = messages // n_clients + (1 if d.index < messages % n_clients else 0)
        d.texts = ["c%02d %05d" % (d.index, i) for i in range(share)]
        d.proc = d.client.popen("send", "@" + d.peer, "-", "--timeout", "36000")
    h.log("server loop: %d devices of %d users, %d messages, %d kills"
          % (n_clients, len({d.user for d in devices}), messages, kills))

    fed = [0] * n_clients

    def feed_until(fraction):
        for d in devices:
            target = int(len(d.texts) * fraction)
            if target > fed[d.index]:
                h.feed_lines(d.proc, d.texts[fed[d.index]:target], close=False)
                fed[d.index] = target

    # Each cycle: natterd runs for a random time while a share of the lines is
    # fed in small steps up to the kill (so that sends are in flight when it
    # lands); the rest of the share is fed while it is down (outboxes queue
    # offline too); SIGKILL, a random pause, restart on the same port.
    # First let the senders open their stores and connect.
    time.sleep(0.5 + startup * n_clients / (os.cpu_count() or 1))
    kill_times = []
    t0 = time.time()
    step = 0.05
    for k in range(kills):
        uptime = rng.uniform(*up)
        steps = max(1, int(uptime / step))
        for s in range(steps):
            time.sleep(uptime / steps)
            feed_until((k + (s + 1) / (steps + 1)) / kills)
        time.sleep(rng.uniform(0.0, 0.02))
        for d in devices:
            check(d.proc.poll() is None, "[%s] send exited while stdin was open\n%s"
                  % (d.client.name, d.client.describe_proc(d.proc)))
        kill_times.append(time.time())
        srv.kill()
        feed_until((k + 1) / kills)
        time.sleep(rng.uniform(0.0, 0.3))
        srv.start()
        if (k + 1) % 10 == 0 or k + 1 == kills:
            h.log("kill %d of %d done (%.0f s)" % (k + 1, kills, time.time() - t0))
    feed_until(1.0)
    for d in devices:
        h.feed_lines(d.proc, [], close=True)
    for d in devices:
        h.wait_proc(d.client, d.proc, 600, "[%s] send @%s - across %d server kills"
                    % (d.client.name, d.peer, kills))
    h.log("every send acked %.0f s after the first kill" % (time.time() - t0))

    # Everything is acked. Pull it everywhere, then compare per conversation.
    def sync(d):
        d.client.sync(timeout=120)
    h.parallel(sync, devices)
    convs = {}  # frozenset(user, user) -> [sending devices]
    for d in devices:
        convs.setdefault(frozenset((d.user, d.peer)), []).append(d)
    lost = dup = 0
    commit_ms = []
    for pair, senders in sorted(convs.items(), key=lambda kv: sorted(kv[0])):
        a, b = sorted(pair)
        expected = [t for d in senders for t in d.texts]
        holders = [d for d in devices if d.user in pair]
        hs = {}
        for d in holders:
            other = b if d.user == a else a
            hs[d.client.name] = d.client.history(other, limit=len(expected) + 10)
        what = "conversation %s-%s" % (a, b)
        for name, msgs in hs.items():
            texts = [m.get("text") for m in msgs]
            present = set(texts)
            lost += sum(1 for t in expected if t not in present)
            dup += len(texts) - len(present)
            h.check_gapless(msgs, 2, len(expected) + 1, "[%s] %s" % (name, what))
            h.check_unique_texts(msgs, expected, "[%s] %s" % (name, what))
            for d in senders:
                prefix = "c%02d " % d.index
                got = [t for t in texts if t.startswith(prefix)]
                if got != d.texts:
                    h.fail("[%s] %s: %s's messages not in send order: %s"
                           % (name, what, d.client.name, h.first_diff(d.texts, got)))
            owner = next(d.user for d in holders if d.client.name == name)
            h.check_states(msgs, owner, "sent", "[%s] %s" % (name, what))
            h.check_states(msgs, a if owner == b else b, "received", "[%s] %s" % (name, what))
        h.check_same_histories(hs, what)
        commit_ms += [h.snowflake_ms(m["id"]) for m in next(iter(hs.values()))]
    h.check_eq((lost, dup), (0, 0), "lost and duplicated messages")

    # Kills that landed while messages were being committed: a commit in the
    # 100 ms before the kill (ids carry the server's commit time).
    commit_ms.sort()
    busy = 0
    for t in kill_times:
        ms = int(t * 1000)
        busy += bisect.bisect_right(commit_ms, ms) > bisect.bisect_left(commit_ms, ms - 100)
    if os.environ.get("NATTER_IT_VERBOSE"):
        for t in kill_times:
            ms = int(t * 1000)
            before = [c - ms for c in commit_ms if ms - 3000 < c <= ms]
            after = [c - ms for c in commit_ms if ms < c < ms + 3000]
            h.log("kill at %d: %d commits in the 3 s before, last %r; first after %r"
                  % (ms, len(before), before[-5:], after[:5]))
    h.log("server loop: %d kills (%d within 100 ms of a commit), %d messages on %d devices "
          "in %d conversations, 0 lost, 0 duplicated, identical everywhere"
          % (kills, busy, messages, n_clients, len(convs)))
    check(busy >= kills // 2, "only %d of %d kills landed while messages were being "
          "committed; the loop did not exercise the send path" % (busy, kills))
    srv.stop()
    return busy


# --------------------------------------------------------------------------- client loop


def client_loop(env, kills, queue, rng):
    check = h.check
    srv = env.start_server(name="natterd-client-loop")
    env.server = srv  # its log is the one shown on failure
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()
    pc1.send("bob", "warm-up")  # the conversation exists, bob knows it

    committed = ["warm-up"]  # alice's history texts, in order

    def history():
        res = pc1.run("history", "@bob", "--limit", str(len(committed) + 1000), timeout=120)
        return h.parse_json_lines(res.out, "[alice-pc1] history"), res.elapsed

    def check_history(msgs, fed, what):
        """alice's history = committed + a prefix of fed; sent before pending."""
        texts = [m["text"] for m in msgs]
        h.check_eq(texts[:len(committed)], committed,
                   "%s: alice's earlier messages (must survive the kill)" % what)
        new = texts[len(committed):]
        check(new == fed[:len(new)], "%s: new messages %r... are not a prefix of the "
              "lines fed %r..." % (what, new[:5], fed[:5]))
        states = [m["state"] for m in msgs]
        check(set(states) <= {"sent", "pending"},
              "%s: unexpected states %r" % (what, sorted(set(states))))
        n_sent = states.count("sent")
        check(states[:n_sent] == ["sent"] * n_sent,
              "%s: a pending message precedes a sent one (order broken)" % what)
        return new, n_sent, len(states) - n_sent

    startup = history()[1]
    kinds = ["queue", "replay", "send"]
    # progress: the run wrote to the outbox or got acks; partial: killed after
    # writing some but not all of the lines fed
    stats = {k: {"kills": 0, "progress": 0, "partial": 0, "finished_first": 0} for k in kinds}
    done_kills = cycle = 0
    n_sent, n_pending = 1, 0
    t0 = time.time()
    while done_kills < kills:
        check(cycle < 3 * kills + 10, "too many cycles without a kill landing: %r" % stats)
        kind = kinds[cycle % 3]
        fed = ["a%03d %03d" % (cycle, i) for i in range({"queue": queue, "send": rng.randint(5, 40)}.get(kind, 0))]
        if kind == "queue":
            # offline: the outbox is written line by line; kill mid-way
            p = pc1.popen("send", "@bob", "-", "--offline")
            time.sleep(startup * rng.uniform(0.9, 1.3))
            h.feed_lines(p, fed, close=False)
            time.sleep(rng.uniform(0.0, 0.05))
        elif kind == "replay":
            # the queue replayed by sync (one send in flight, acks lost on the kill)
            p = pc1.popen("sync", "--timeout", "120", stdin=None)
            time.sleep(startup * rng.uniform(1.0, 1.4))
        else:
            # online send -: lines queued and sent while they arrive
            p = pc1.popen("send", "@bob", "-", "--timeout", "120")
            time.sleep(startup * 1.2 + 0.05)
            h.feed_lines(p, fed, delay=rng.uniform(0.005, 0.03), close=False)
            time.sleep(rng.uniform(0.0, 0.1))
        cycle += 1
        killed = p.poll() is None
        if killed:
            p.send_signal(signal.SIGKILL)
            p.wait(10)
            done_kills += 1
            stats[kind]["kills"] += 1
        else:  # only sync can finish by itself
            check(kind == "replay" and p.returncode == 0,
                  "%s run exited before the kill\n%s" % (kind, pc1.describe_proc(p)))
            stats[kind]["finished_first"] += 1
        msgs, startup = history()
        new, sent, pending = check_history(msgs, fed, "cycle %d (%s)" % (cycle, kind))
        if killed and (new or sent > n_sent):
            stats[kind]["progress"] += 1
        if killed and new and len(new) < len(fed):
            stats[kind]["partial"] += 1
        h.log("cycle %d (%s): %s; %d of %d lines fed written, acked %+d, pending %d (%.0f s)"
              % (cycle, kind, "killed" if killed else "finished", len(new), len(fed),
                 sent - n_sent, pending, time.time() - t0))
        committed += new
        n_sent, n_pending = sent, pending

    # what is left: a last `send -` whose stdin ends normally sends it all
    rest = ["last %03d" % i for i in range(20)]
    p = pc1.popen("send", "@bob", "-", "--timeout", "300")
    h.feed_lines(p, rest)
    h.wait_proc(pc1, p, 300, "final send @bob - (%d lines, %d pending before)"
                % (len(rest), n_pending))
    committed += rest
    for c in (bob, pc2):
        c.sync(timeout=120)
    n = len(committed) + 10
    hs = {"alice-pc1": pc1.history("bob", limit=n), "alice-pc2": pc2.history("bob", limit=n),
          "bob": bob.history("alice", limit=n)}
    for name, msgs in hs.items():
        h.check_eq(len(msgs), len(committed), "[%s] number of messages" % name)
        h.check_gapless(msgs, 2, len(committed) + 1, "[%s]" % name)
        h.check_unique_texts(msgs, committed, "[%s]" % name)
        h.check_sender_order(msgs, "alice", committed, "[%s]" % name)
        h.check_states(msgs, "alice", "received" if name == "bob" else "sent", "[%s]" % name)
    h.check_same_histories(hs, "after the client kills")
    progress = sum(s["progress"] for s in stats.values())
    h.log("client loop: %d kills, %d messages, 0 lost, 0 duplicated, same order on 3 devices; "
          "per kind %r" % (kills, len(committed), stats))
    # a kill before the outbox was touched proves nothing; most must land later
    check(progress >= kills // 2, "only %d of %d kills had outbox activity (natter-cli too "
          "slow to start?): %r" % (progress, kills, stats))
    srv.stop()


def main(env):
    a = env.args
    h.check(a.server_kills > 0 or a.client_kills > 0,
            "give --server-kills and/or --client-kills")
    seed = a.seed if a.seed is not None else int(time.time())
    h.log("seed %d" % seed)
    rng = random.Random(seed)
    if a.server_kills:
        server_loop(env, a.server_kills, a.messages, a.clients, a.up, rng)
    if a.client_kills:
        client_loop(env, a.client_kills, a.queue, rng)


h.run_test(main, add_args)
