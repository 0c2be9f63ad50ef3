#!/usr/bin/env python3
"""Conversations by id through natter-cli: a direct chat started offline is
a local conversation that names its peer until the server creates it, then
it is the server's conversation (the same id on every device); #ID works
wherever @USER does; replies carry the seq they answer; bad ids and bad
reply targets are refused with a clear error."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def main(env):
    env.start_server()
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()

    # Started offline: a local conversation, listed as pending, by bob's name.
    pc1.send("bob", "queued before the chat existed", offline=True)
    convs = pc1.conversations()
    h.check_eq(len(convs), 1, "pc1 conversations with one message queued")
    local = convs[0]
    h.check(local.get("pending") is True, "a chat queued offline is pending: %r" % local)
    h.check_eq((local.get("with"), local.get("title"), local.get("kind")),
               ("bob", "bob", "direct"), "the pending chat's peer")
    h.check_eq([m["state"] for m in pc1.history("bob")], ["pending"], "pending history")
    local_id = local["conversation"]

    # The first ack gives it the server's id; the local id still finds it.
    pc1.sync()
    conv = pc1.conversation_with("bob")
    h.check("pending" not in conv, "after the ack the chat is the server's: %r" % conv)
    h.check(conv["conversation"] != local_id, "the conversation id changed to the server's")
    h.check_eq(sorted(conv.get("members") or []), ["alice", "bob"], "members from the feed")
    cid = conv["conversation"]
    by_id = pc1.run("history", "#" + cid).out
    h.check_eq(h.parse_json_lines(by_id, "history #id"), pc1.history("bob"),
               "history by #id and by @user")
    h.check(all(m.get("conversation") == cid for m in pc1.history("bob")),
            "history lines name their conversation")

    # Every device knows the conversation by the same id.
    for c in (pc2, bob):
        c.sync()
        h.check_eq(c.conversations()[0]["conversation"], cid, "[%s] conversation id" % c.name)

    # A reply names the seq it answers; it travels with the message.
    first = pc1.history("bob")[0]
    bob.run("send", "#" + cid, "an answer", "--reply-to", str(first["seq"]))
    for c in (pc1, pc2):
        c.sync()
        last = c.history("bob")[-1]
        h.check_eq((last["text"], last.get("reply_to")), ("an answer", first["seq"]),
                   "[%s] the reply and its target" % c.name)
    h.check("reply_to" not in first, "a plain message has no reply_to: %r" % first)

    # Bad input: clear errors, nothing queued.
    res = pc1.run("send", "#12345", "to nowhere", expect_ok=False)
    h.check_eq(res.rc, 2, "send to an unknown #id: usage error")
    h.check("#12345" in res.err, "the error names the id: " + res.err)
    res = pc1.run("send", "@bob", "x", "--reply-to", "zero", expect_ok=False)
    h.check_eq(res.rc, 2, "--reply-to without a seq: usage error")
    res = pc1.run("send", "#" + cid, "to a seq that is not there", "--reply-to", "999",
                  expect_ok=False)
    h.check(res.rc == 1 and "relate" in res.err,
            "a reply to a message that does not exist fails: " + res.describe())
    states = [(m["text"], m["state"]) for m in pc1.history("bob")]
    h.check_eq(states[-1], ("to a seq that is not there", "failed"), "the refused reply")
    h.check_eq(len(pc1.run("read", "#" + cid).err.strip()), 0, "read by #id")


if __name__ == "__main__":
    h.run_test(main)
