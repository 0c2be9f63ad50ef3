#!/usr/bin/env python3
"""Groups through natter-cli: create with members, #NAME and #ID, messages
and system lines ("alice added carol") on every device, a change queued
offline and replayed, one decided on an old version refused with the
server's typed error, a kicked member's devices (one offline during the
kick) keeping the history up to the kick and nothing after, the owner's
refusals, dissolution, and a group created offline (written in at once,
created with its messages on the next sync; refused: its messages fail with
the reason)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def system_ops(lines):
    return [(m["event"]["op"], m["event"]["actor"], m["event"]["targets"])
            for m in lines if m.get("kind") == "system"]


def main(env):
    env.start_server()
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()
    carol = env.client("carol")
    carol.register("carol", "carol-password", device="carol-pc")
    bob2 = env.client("bob-laptop")
    bob2.login("bob", "bob-password", device="bob-laptop")

    created = h.parse_json_lines(pc1.run("group", "create", "team", "--members", "@bob").out)
    h.check_eq(len(created), 1, "group create prints the group")
    gid = created[0]["conversation"]
    h.check_eq(created[0]["name"], "team", "the created group's name")
    team = [c for c in pc1.conversations() if c["conversation"] == gid]
    h.check_eq((len(team), team[0]["kind"], team[0]["title"]), (1, "group", "team"),
               "pc1 lists the group by its name")

    info = h.parse_json_lines(pc1.run("group", "info", "#team").out)[0]
    h.check_eq(sorted((m["user"], m["role"]) for m in info["members"]),
               [("alice", "owner"), ("bob", "member")], "members and roles")
    h.check_eq((info["join"], info["history"]), ("invite", "joined"), "default policies")

    pc1.run("group", "invite", "#team", "@carol")
    pc1.send("#team", "hello team")
    for c in (pc1, pc2, bob, carol):
        c.sync()
        lines = c.history("#" + gid)
        h.check_eq((lines[-1]["text"], lines[-1]["from"]), ("hello team", "alice"),
                   "[%s] the group message" % c.name)
        ops = system_ops(lines)
        h.check(("added", "alice", ["carol"]) in ops, "[%s] carol's join line: %r" % (c.name, ops))
    # Every sender has a name, also for carol who joined later.
    h.check_eq([m["from"] for m in carol.history("#" + gid) if m.get("kind") == "message"],
               ["alice"], "carol sees who wrote")
    bob.send("#" + gid, "hi carol")
    carol.sync()
    h.check_eq(carol.history("#" + gid)[-1]["from"], "bob", "a member from before carol's join")
    # History policy "joined": carol's first line is her own join.
    carol_lines = carol.history("#" + gid)
    h.check_eq(system_ops(carol_lines)[0], ("added", "alice", ["carol"]),
               "carol sees from her join on")
    h.check(all(m["kind"] == "system" or m["text"] in ("hello team", "hi carol")
                for m in carol_lines),
            "nothing from before carol's join: %r" % carol_lines)

    # Queued offline on pc2, replayed on its next run.
    pc2.run("group", "admin", "#team", "@bob", "--offline")
    pc2.sync()
    roles = {m["user"]: m["role"]
             for m in h.parse_json_lines(pc1.run("group", "members", "#" + gid).out)}
    h.check_eq(roles.get("bob"), "admin", "the queued promotion took effect")

    # pc2 queues a rename offline; pc1 renames first: pc2's is stale and
    # refused (it was decided on an older version), not applied blindly.
    pc2.run("group", "rename", "#team", "pc2-name", "--offline")
    pc1.run("group", "rename", "#team", "pc1-name")
    pc2.sync()
    info = h.parse_json_lines(pc1.run("group", "info", "#" + gid).out)[0]
    h.check_eq(info["name"], "pc1-name", "the stale rename did not apply")
    pc2.sync()
    h.check_eq([c["title"] for c in pc2.conversations() if c["conversation"] == gid],
               ["pc1-name"], "pc2 lists the group by its new name")
    renames = [e for e in system_ops(pc2.history("#" + gid)) if e[0] == "renamed"]
    h.check_eq(len(renames), 1, "one rename in the history: %r" % renames)
    # Online, the CLI catches up first and decides on the version it sees.
    pc2.run("group", "announce", "#" + gid, "read the rules")
    info = h.parse_json_lines(pc1.run("group", "info", "#" + gid).out)[0]
    h.check_eq(info["announcement"], "read the rules", "the announcement")

    # Refusals exit non-zero with the server's reason.
    res = bob.run("group", "kick", "#" + gid, "@alice", expect_ok=False)
    h.check(res.rc != 0, "an admin cannot kick the owner")
    h.check("may not" in res.err or "owner" in res.err, "the refusal says why: " + res.err)
    res = pc1.run("group", "leave", "#" + gid, expect_ok=False)
    h.check(res.rc != 0 and "transfer" in res.err, "the owner must transfer first: " + res.err)

    # Kick bob while his laptop is offline; both devices keep what came before.
    bob2.sync()
    pc1.run("group", "kick", "#" + gid, "@bob")
    pc1.send("#" + gid, "after bob left")
    for c in (bob, bob2):
        c.sync()
        lines = c.history("#" + gid)
        h.check(all(m["text"] != "after bob left" for m in lines),
                "[%s] nothing after the kick" % c.name)
        h.check_eq(system_ops(lines)[-1], ("removed", "alice", ["bob"]),
                   "[%s] the last line is the removal" % c.name)
        conv = [x for x in c.conversations() if x["conversation"] == gid][0]
        h.check(conv.get("left") is True, "[%s] the group is marked left: %r" % (c.name, conv))
        res = c.run("send", "#" + gid, "let me back", expect_ok=False)
        h.check(res.rc != 0, "[%s] a removed member cannot send" % c.name)
    carol.sync()
    h.check_eq(carol.history("#" + gid)[-1]["text"], "after bob left", "carol still gets messages")

    pc1.run("group", "dissolve", "#" + gid)
    for c in (pc2, carol):
        c.sync()
        conv = [x for x in c.conversations() if x["conversation"] == gid][0]
        h.check(conv.get("dissolved") is True, "[%s] dissolved: %r" % (c.name, conv))
        h.check_eq(system_ops(c.history("#" + gid))[-1][0], "dissolved",
                   "[%s] the dissolution line" % c.name)

    # A group created offline: usable at once (pending), written in, then
    # created on the server with what was written, in order, on the next sync.
    made = h.parse_json_lines(pc1.run("group", "create", "Picnic", "--members", "@bob",
                                      "--offline").out)[0]
    h.check(made.get("pending") is True, "an offline group is pending: %r" % made)
    pc1.send("#Picnic", "bring cake", offline=True)
    pc1.send("#Picnic", "and plates", offline=True)
    h.check(any(c["title"] == "Picnic" and c.get("pending") for c in pc1.conversations()),
            "listed before the server has it")
    pc1.sync()
    picnic = [c for c in pc1.conversations() if c["title"] == "Picnic"]
    h.check(len(picnic) == 1 and not picnic[0].get("pending"), "one Picnic, the server's: %r"
            % picnic)
    bob.sync()
    h.check_eq([m["text"] for m in bob.history("#" + picnic[0]["conversation"])
                if m.get("kind") == "message"], ["bring cake", "and plates"],
               "bob has the offline group's messages, in order")
    pc2.sync()
    h.check_eq(sorted(m["user"] for m in h.parse_json_lines(
        pc2.run("group", "members", "#Picnic").out)), ["alice", "bob"], "its members")
    # One the server refuses (an unknown member): its messages fail, with the reason.
    pc1.run("group", "create", "Nowhere", "--members", "@nobody", "--offline")
    pc1.send("#Nowhere", "anyone?", offline=True)
    pc1.sync(expect_ok=None)
    lost = [m for m in pc1.history("#Nowhere") if m["text"] == "anyone?"]
    h.check(len(lost) == 1 and lost[0]["state"] == "failed" and "nobody" in lost[0].get("error", ""),
            "the refused group's message failed with the reason: %r" % lost)
    res = pc1.run("group", "create", "Twice", "--members", "@nobody", expect_ok=False)
    h.check("no such user" in res.err, "online, the refusal is said: " + res.err)


if __name__ == "__main__":
    h.run_test(main)
