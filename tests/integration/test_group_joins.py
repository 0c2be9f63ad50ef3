#!/usr/bin/env python3
"""Joining groups through natter-cli: a search that finds open groups and
groups by approval (never invite-only ones), joining an open group at once
(also queued offline by #ID), a request to a group by approval that the
owner sees on both PCs and approves, a decline, a plain member's refusal,
a nickname that every member's history shows beside the sender, and a
private remark that reaches the owner's other PC and nobody else."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def system_ops(lines):
    return [(m["event"]["op"], m["event"]["actor"], m["event"]["targets"])
            for m in lines if m.get("kind") == "system"]


def one_json(res, what):
    lines = h.parse_json_lines(res.out, what)
    h.check_eq(len(lines), 1, what + ": one line")
    return lines[0]


def conversation(client, gid):
    convs = [c for c in client.conversations() if c["conversation"] == gid]
    return convs[0] if convs else None


def main(env):
    env.start_server()
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()
    users = {}
    for name in ("carol", "dave", "erin"):
        users[name] = env.client(name)
        users[name].register(name, name + "-password", device=name + "-pc")
    carol, dave, erin = users["carol"], users["dave"], users["erin"]

    door = one_json(pc1.run("group", "create", "Open Door", "--join", "open"), "create")
    club = one_json(pc1.run("group", "create", "Book club", "--join", "approval"), "create")
    secret = one_json(pc1.run("group", "create", "Secret books", "--members", "@bob"), "create")
    door_id, club_id, secret_id = (g["conversation"] for g in (door, club, secret))

    # The search lists the open group and the one by approval only.
    found = h.parse_json_lines(carol.run("group", "search", "o").out)
    names = sorted(g["name"] for g in found)
    h.check_eq(names, ["Book club", "Open Door"], "search finds what one may join")
    joins = {g["name"]: (g["join"], g["member"]) for g in found}
    h.check_eq(joins["Open Door"], ("open", False), "an open group, not carol's")
    h.check_eq(joins["Book club"], ("approval", False), "a group by approval")

    # An open group: in at once, by name.
    joined = one_json(carol.run("group", "join", "#Open Door"), "join")
    h.check_eq((joined["conversation"], joined.get("joined")), (door_id, True), "carol joined")
    h.check(conversation(carol, door_id) is not None, "carol lists the group")
    pc1.send("#" + door_id, "welcome")
    carol.sync()
    lines = carol.history("#" + door_id)
    h.check(("joined", "carol", ["carol"]) in system_ops(lines),
            "carol's own join line: %r" % system_ops(lines))
    h.check_eq(lines[-1]["text"], "welcome", "carol reads the group")
    # Offline by #ID, sent on the next run.
    dave.run("group", "join", "#" + door_id, "--offline")
    dave.sync()
    h.check(conversation(dave, door_id) is not None, "dave's queued join went through")

    # Invite-only: not found by name, refused by id.
    res = erin.run("group", "join", "#Secret books", expect_ok=False)
    h.check("no open group" in res.err, "invite-only groups are not found: " + res.err)
    res = erin.run("group", "join", "#" + secret_id, expect_ok=False)
    h.check("refused" in res.err and "invite-only" in res.err, "and refused: " + res.err)

    # By approval: bob asks, alice sees it on both PCs and approves.
    asked = one_json(bob.run("group", "join", "#Book club", "--note", "I read a lot"), "ask")
    h.check_eq((asked["conversation"], asked.get("pending")), (club_id, True), "bob waits")
    h.check(conversation(bob, club_id) is None, "not a member while waiting")
    for pc in (pc1, pc2):
        pc.sync()
        reqs = h.parse_json_lines(pc.run("group", "requests", "#Book club").out)
        h.check_eq([(r["user"], r["note"], r["group"]) for r in reqs],
                   [("bob", "I read a lot", "Book club")], "[%s] the request" % pc.name)
    res = bob.run("group", "requests", "#" + club_id, expect_ok=False)
    h.check(res.rc != 0, "an applicant does not see the requests")
    pc2.run("group", "approve", "#Book club", "@bob")
    bob.sync()
    h.check(conversation(bob, club_id) is not None, "bob is in after the approval")
    h.check(("joined", "alice", ["bob"]) in system_ops(bob.history("#" + club_id)),
            "the approval line: alice let bob in")
    h.check_eq(h.parse_json_lines(pc1.run("group", "requests", "#Book club").out), [],
               "no request left")

    # carol asks, a plain member cannot decide, alice declines.
    one_json(carol.run("group", "join", "#Book club"), "ask")
    res = bob.run("group", "approve", "#" + club_id, "@carol", expect_ok=False)
    h.check("refused" in res.err, "a member cannot approve: " + res.err)
    pc1.run("group", "decline", "#Book club", "@carol")
    carol.sync()
    h.check(conversation(carol, club_id) is None, "carol stays out")
    res = pc1.run("group", "approve", "#Book club", "@carol", expect_ok=False)
    h.check("not asked" in res.err, "a declined request cannot be approved: " + res.err)

    # A nickname: shown beside bob's messages everywhere, with its line.
    bob.run("group", "nickname", "#Book club", "Bobby")
    bob.send("#" + club_id, "hello readers")
    pc1.sync()
    lines = pc1.history("#" + club_id)
    h.check_eq((lines[-1]["from"], lines[-1].get("nickname")), ("bob", "Bobby"),
               "the sender's nickname")
    h.check(("nickname", "bob", []) in system_ops(lines), "the nickname line")
    members = h.parse_json_lines(pc1.run("group", "members", "#" + club_id).out)
    h.check_eq({m["user"]: m["nickname"] for m in members}.get("bob"), "Bobby",
               "the member list has it")

    # A remark: alice's note, on her two PCs only.
    pc1.run("group", "remark", "#Book club", "first Monday")
    pc2.sync()
    h.check_eq(conversation(pc2, club_id).get("remark"), "first Monday",
               "the remark reaches alice's other PC")
    bob.sync()
    h.check(conversation(bob, club_id).get("remark") is None, "and nobody else")
    info = one_json(pc2.run("group", "info", "#" + club_id), "info")
    h.check_eq(info["remark"], "first Monday", "the server has it for alice")


if __name__ == "__main__":
    h.run_test(main)
