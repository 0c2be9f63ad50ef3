#!/usr/bin/env python3
"""Mentions, read receipts and `listen` through natter-cli: @bob in a group
marks bob's conversation ("mentioned") on his PC until he reads it, and the
history names the mention; a plain member's @all is refused with the
server's reason until the owner lets every member @all; `receipts #G SEQ`
counts who read a message of yours ("read N of M", M as when it was sent)
and names them; a user who stops sharing receipts is not counted and sees
none, on both of her PCs; in a direct chat the receipt says delivered then
read; and `listen` prints each new event as a JSON line while it runs."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def one_json(res, what):
    lines = h.parse_json_lines(res.out, what)
    h.check_eq(len(lines), 1, what + ": one line")
    return lines[0]


def conversation(client, gid):
    convs = [c for c in client.conversations() if c["conversation"] == gid]
    return convs[0] if convs else None


def last_seq(client, target):
    """The seq of the newest stored line (failed outbox lines come after)."""
    return [m for m in client.history(target) if m.get("seq")][-1]["seq"]


def main(env):
    env.start_server()
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()
    carol = env.client("carol")
    carol.register("carol", "carol-password", device="carol-pc")
    dave = env.client("dave")
    dave.register("dave", "dave-password", device="dave-pc")

    team = one_json(pc1.run("group", "create", "Team", "--members", "@bob,@carol"), "create")
    gid = team["conversation"]
    g = "#" + gid
    for c in (pc1, pc2, bob, carol):
        c.sync()

    # @bob: bob's conversation is marked until he reads it.
    pc1.send(g, "@bob can you review? cc @nobody")
    bob.sync()
    h.check(conversation(bob, gid).get("mentioned"), "bob sees he was mentioned")
    line = bob.history(g)[-1]
    h.check_eq(line.get("mentions"), ["bob"], "the line names its mention (not unknown names)")
    h.check(line.get("mentions_me"), "and says it is bob")
    carol.sync()
    h.check(not conversation(carol, gid).get("mentioned"), "carol was not mentioned")
    bob.run("read", g)
    h.check(not conversation(bob, gid).get("mentioned"), "reading clears the marker")

    # @all: a plain member is refused with the reason; the owner lets members.
    res = carol.run("send", g, "@all lunch?", expect_ok=False)
    h.check("@all" in res.err, "carol's @all is refused: " + res.err)
    pc1.run("group", "mentions", g, "--all")
    carol.sync()
    carol.send(g, "@all lunch?")
    bob.sync()
    h.check(conversation(bob, gid).get("mentioned"), "@all mentions bob too")
    info = one_json(pc2.run("group", "info", g), "info")
    h.check_eq(info["mention_all"], "members", "the policy as the server has it")

    # Receipts: of a message of alice's, read by bob, then carol.
    pc1.send(g, "please read")
    seq = last_seq(pc1, g)
    receipt = one_json(pc1.run("receipts", g, str(seq)), "receipts")
    h.check_eq((receipt["read"], receipt["of"]), (0, 2), "nobody read it yet")
    bob.sync()
    bob.run("read", g)
    pc1.run("group", "invite", g, "@dave")  # joins after: not one of those it went to
    dave.sync()
    dave.run("read", g)
    receipt = one_json(pc1.run("receipts", g, str(seq)), "receipts")
    h.check_eq((receipt["read"], receipt["of"], receipt["by"]), (1, 2, ["bob"]),
               "read by bob of 2")

    # carol stops sharing receipts: her read is not counted, and she sees none.
    settings = one_json(carol.run("settings", "--receipts", "off"), "settings")
    h.check_eq(settings["receipts"], False, "carol's setting")
    carol.sync()
    carol.run("read", g)
    receipt = one_json(pc1.run("receipts", g, str(seq)), "receipts")
    h.check_eq(receipt["read"], 1, "carol's read is not told")
    carol.send(g, "noted")
    cseq = last_seq(carol, g)
    pc1.sync()
    pc1.run("read", g)
    theirs = one_json(carol.run("receipts", g, str(cseq)), "receipts")
    h.check(theirs.get("hidden") and "read" not in theirs, "carol sees no reads: %r" % theirs)
    res = pc1.run("receipts", g, str(cseq), expect_ok=False)
    h.check("no message of yours" in res.err, "only one's own messages: " + res.err)
    # alice's setting on one PC reaches the other through the feed.
    pc1.run("settings", "--receipts", "off")
    pc2.sync()
    h.check_eq(one_json(pc2.run("settings"), "settings")["receipts"], False,
               "the setting reached alice's other PC")
    pc2.run("settings", "--receipts", "on")

    # A direct chat: delivered, then read; the history carries the receipt.
    pc1.send("bob", "direct hello")
    dseq = last_seq(pc1, "bob")
    bob.sync()

    def delivered():
        r = one_json(pc1.run("receipts", "@bob", str(dseq)), "receipts")
        return r if r["delivered"] == 1 else None
    r = h.wait_for(delivered, "the delivery mark")
    h.check_eq(r["read"], 0, "delivered, not read")
    bob.run("read", "@alice")
    r = one_json(pc1.run("receipts", "@bob", str(dseq)), "receipts")
    h.check_eq((r["read"], r["by"]), (1, ["bob"]), "read by bob")
    pc1.sync()  # the receipt notify brings the stored receipt up to date
    h.check_eq(pc1.history("bob")[-1].get("receipt", {}).get("read"), 1,
               "the stored receipt is in the history")

    # listen: prints what this PC stores while it runs, nothing stored before.
    pc2.sync()
    proc = pc2.popen("listen")
    time.sleep(1.0)
    bob.send(g, "ping from bob")
    bob.send("alice", "and directly")

    def heard():
        with open(proc.natter_out) as f:
            lines = [json.loads(l) for l in f if l.strip()]
        texts = [l["text"] for l in lines]
        return lines if "ping from bob" in texts and "and directly" in texts else None
    lines = h.wait_for(heard, "listen to print the new events")
    h.check(all(l["text"] not in ("please read", "direct hello") for l in lines),
            "only new events: %r" % [l["text"] for l in lines])
    proc.terminate()
    proc.wait(timeout=10)


if __name__ == "__main__":
    h.run_test(main)
