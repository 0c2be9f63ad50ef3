#!/usr/bin/env python3
"""Two devices of alice converge: outgoing messages, replies, read position."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def main(env):
    env.start_server()
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()

    sent = ["from pc1 #%d (%d)" % (i, os.getpid()) for i in range(3)]
    for t in sent:
        pc1.send("bob", t)
    h1 = pc1.history("bob")
    h.check_eq([(m["from"], m["text"], m["state"]) for m in h1],
               [("alice", t, "sent") for t in sent], "pc1 history after sending")
    h.check_gapless(h1, 2, 4, "pc1 history")

    pc2.sync()
    h2 = pc2.history("bob")
    h.check_eq([(m["from"], m["text"], m["state"]) for m in h2],
               [("alice", t, "sent") for t in sent],
               "pc2 history after sync (pc1's messages must appear as outgoing, state sent)")
    h.check_same_histories({"pc1": h1, "pc2": h2}, "alice's devices")

    bob.sync()
    reply = "reply from bob (%d)" % os.getpid()
    bob.send("alice", reply)
    for c in (pc1, pc2):
        c.sync()
    hs = {"pc1": pc1.history("bob"), "pc2": pc2.history("bob"), "bob": bob.history("alice")}
    h.check_same_histories(hs, "after bob's reply")
    for name, msgs in hs.items():
        h.check_history_format(msgs, "[%s]" % name)
    for name in ("pc1", "pc2"):
        h.check_eq([(m["from"], m["text"], m["state"]) for m in hs[name]],
                   [("alice", t, "sent") for t in sent] + [("bob", reply, "received")],
                   "%s history after bob's reply" % name)
    h.check_eq([(m["from"], m["state"]) for m in hs["bob"]],
               [("alice", "received")] * 3 + [("bob", "sent")], "bob's history states")
    h.check_gapless(hs["pc1"], 2, 5, "pc1 history")

    # unread: bob's reply is unread on both of alice's devices (own messages never are).
    for c in (pc1, pc2):
        conv = c.conversation_with("bob")
        h.check_eq(conv.get("unread"), 1, "[%s] unread for bob before read" % c.name)
        h.check_eq(conv.get("last_seq"), 5, "[%s] last_seq" % c.name)
        h.check_eq((conv.get("last_message") or {}).get("text"), reply,
                   "[%s] last_message.text" % c.name)

    pc1.run("read", "@bob")
    h.check_eq(pc1.conversation_with("bob").get("unread"), 0, "[pc1] unread right after read")
    pc1.sync()  # make sure the read position has gone out
    pc2.sync()
    h.check_eq(pc2.conversation_with("bob").get("unread"), 0,
               "[pc2] unread for bob after pc1 marked it read and pc2 synced")
    # the read marker must not disturb the message history
    h.check_same_histories({"pc1": pc1.history("bob"), "pc2": pc2.history("bob"),
                            "bob": bob.history("alice")}, "after read")

    # history --limit N: the newest N, oldest first
    full = pc1.history("bob")
    res = pc1.run("history", "@bob", "--limit", "2")
    lim = h.parse_json_lines(res.out, "history --limit 2")
    h.check_eq([h.key_of(m) for m in lim], [h.key_of(m) for m in full[-2:]],
               "history @bob --limit 2 (newest two, oldest first)")

    # conversations: most recent first, the same on both devices
    carol = env.client("carol")
    carol.register("carol", "carol-password", device="carol-pc")
    pc1.send("carol", "hi carol")
    pc2.sync()
    for c in (pc1, pc2):
        h.check_eq([x.get("with") for x in c.conversations()], ["carol", "bob"],
                   "[%s] conversation order after writing to carol" % c.name)
    bob.send("alice", "bob again")
    for c in (pc1, pc2):
        c.sync()
        convs = c.conversations()
        h.check_eq([x.get("with") for x in convs], ["bob", "carol"],
                   "[%s] conversation order after bob wrote again" % c.name)
        h.check_eq([(x.get("with"), x.get("unread")) for x in convs],
                   [("bob", 1), ("carol", 0)], "[%s] unread counts" % c.name)


h.run_test(main)
