#!/usr/bin/env python3
"""Friends, profiles, presence and privacy settings through natter-cli: a
friend request with a note reaches the peer and the asker's other PC on the
feed; accepting makes both friends; a friend who is connected shows as
online, one who is not as last seen; a profile change reaches friends'
stores; `profile set` changes only what it names; settings changed on one PC
and then another keep both changes (the server replaces settings whole);
hidden presence, opting out of search, "friends only" and blocks are
enforced by the server with its reason; decline has a cooldown; cancel and
remove end a relation; changes queued offline are sent on the next
connection; and bad input is refused without changing anything."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import natter_harness as h


def one_json(res, what):
    lines = h.parse_json_lines(res.out, what)
    h.check_eq(len(lines), 1, what + ": one line")
    return lines[0]


def rows(client, *args):
    return h.parse_json_lines(client.run(*args).out, "[%s] %s" % (client.name, " ".join(args)))


def by_user(lines):
    return {r["user"]: r for r in lines}


def refused(client, args, needle, what):
    res = client.run(*args, expect_ok=False)
    h.check(needle in res.err, "%s: %r" % (what, res.err))
    return res


def main(env):
    # A short cooldown, so that the test can see it end.
    env.start_server(config={"people": {"friend_cooldown_s": "3"}})
    pc1, pc2, bob = env.alice_on_two_pcs_and_bob()
    carol = env.client("carol")
    carol.register("carol", "carol-password", device="carol-pc")
    dave = env.client("dave")
    dave.register("dave", "dave-password", device="dave-pc")

    # Search by name prefix; too short a query is refused with the reason.
    found = by_user(rows(pc1, "users", "search", "bo"))
    h.check("bob" in found and found["bob"]["state"] == "none", "search finds bob: %r" % found)
    refused(pc1, ["users", "search", "b"], "characters", "a one-letter search")

    # A request with a note: bob sees it, so does alice's other PC.
    pc1.run("friend", "request", "@bob", "--note", "from the meetup")
    incoming = by_user(rows(bob, "friend", "requests"))
    h.check_eq(incoming["alice"]["state"], "incoming", "bob's request from alice")
    h.check_eq(incoming["alice"]["note"], "from the meetup", "the request's note")
    h.check_eq(by_user(rows(pc2, "friend", "requests"))["bob"]["state"], "outgoing",
               "alice's other PC knows her request")
    pc1.run("friend", "request", "@bob", "--note", "from the meetup")  # a retry is harmless
    h.check_eq(len(rows(bob, "friend", "requests")), 1, "asking twice: still one request")

    bob.run("friend", "accept", "@alice")
    h.check_eq(rows(bob, "friend", "requests"), [], "no requests left for bob")
    pc2.sync()
    offline_friends = by_user(rows(pc2, "friends", "--offline"))
    h.check_eq(offline_friends["bob"]["state"], "friend", "pc2's local friends list")
    h.check("presence" not in offline_friends["bob"], "no presence offline")

    # Presence: bob not connected → last seen; bob listening → online.
    seen = by_user(rows(pc1, "friends"))["bob"]["presence"]
    h.check(seen.get("online") is False and "last_seen" in seen, "bob last seen: %r" % seen)
    listener = bob.popen("listen")
    h.wait_for(lambda: by_user(rows(pc1, "friends"))["bob"]["presence"].get("online"),
             "bob online for alice")
    listener.kill()
    listener.wait()

    # Profiles: bob's change reaches alice's store; set changes only what it names.
    bob.run("profile", "set", "--name", "Bob Builder", "--status", "at work")
    bob.run("profile", "set", "--status", "on holiday")
    own = one_json(bob.run("profile"), "bob's own profile")
    h.check(own.get("self") and own["display_name"] == "Bob Builder"
            and own["status"] == "on holiday", "bob's profile kept his name: %r" % own)
    contact = by_user(rows(pc2, "contacts"))["bob"]
    h.check_eq((contact["display_name"], contact["status"]), ("Bob Builder", "on holiday"),
               "bob's profile in alice's store")
    theirs = one_json(pc1.run("profile", "@bob"), "bob's profile for alice")
    h.check_eq((theirs["state"], theirs["display_name"]), ("friend", "Bob Builder"),
               "alice sees bob's profile")
    h.check("online" in theirs["presence"], "a friend's profile has presence")
    stranger = one_json(carol.run("profile", "@bob"), "bob's profile for carol")
    h.check(stranger["state"] == "none" and "presence" not in stranger,
            "no presence for a stranger: %r" % stranger)
    refused(bob, ["profile", "set", "--name", "x" * 65], "at most", "a long display name")
    refused(bob, ["profile", "set", "--name", "bad\x07name"], "control", "a control character")
    h.check_eq(one_json(bob.run("profile"), "bob's profile")["display_name"], "Bob Builder",
               "a refused change changes nothing")
    refused(pc1, ["profile", "@nobody"], "no such user", "an unknown user's profile")
    # Search by display name.
    h.check("bob" in by_user(rows(carol, "users", "search", "Bob B")), "display-name search")

    # Settings from two PCs, one of them offline: each change names only its
    # setting, so neither undoes the other.
    queued = one_json(pc1.run("settings", "--receipts", "off", "--offline"), "queued")
    h.check_eq(queued["receipts"], False, "shown at once on the offline PC")
    pc2.run("settings", "--presence", "off")
    pc1.sync()
    s = one_json(pc1.run("settings"), "alice's settings")
    h.check_eq((s["receipts"], s["presence"], s["searchable"], s["messages"]),
               (False, False, True, "everyone"), "both changes kept")
    hidden = by_user(rows(bob, "friends"))["alice"]["presence"]
    h.check_eq(hidden, {"hidden": True}, "alice hides her presence from bob")
    h.check("hidden" in by_user(rows(pc1, "friends"))["bob"]["presence"],
            "and sees nobody's")
    res = pc1.run("settings", "--presence", "maybe", "--receipts", "on", expect_ok=False)
    h.check_eq(res.rc, 2, "a bad value is a usage error")
    h.check_eq(one_json(pc1.run("settings", "--offline"), "settings")["receipts"], False,
               "a bad value changes nothing")
    pc1.run("settings", "--receipts", "on", "--presence", "on")

    # Opting out of search.
    pc1.run("settings", "--searchable", "off")
    h.check("alice" not in by_user(rows(carol, "users", "search", "ali")), "alice unsearchable")
    pc1.run("settings", "--searchable", "on")
    h.check("alice" in by_user(rows(carol, "users", "search", "ali")), "alice searchable again")

    # Friends only: a stranger's message is refused, a friend's goes through.
    pc1.run("settings", "--messages", "friends")
    refused(carol, ["send", "@alice", "hello?"], "does not accept your messages",
            "a stranger writes to a friends-only user")
    bob.send("alice", "hi friend")
    pc1.run("settings", "--messages", "everyone")
    carol.send("alice", "hello now")

    # Friend actions and profile changes queued offline are sent on the next
    # connection, in order.
    pc2.run("friend", "request", "@dave", "--offline")
    pc2.run("profile", "set", "--status", "offline for a bit", "--offline")  # reaches dave too
    h.check_eq(by_user(rows(dave, "friend", "requests")), {}, "nothing sent yet")
    pc2.sync()
    h.check_eq(by_user(rows(dave, "friend", "requests"))["alice"]["status"], "offline for a bit",
               "the queued request and profile reached dave")
    pc1.run("friend", "cancel", "@dave")
    pc1.run("profile", "set", "--status", "")

    # Decline, then the cooldown; asking someone who asked you accepts.
    carol.run("friend", "request", "@alice")
    pc1.run("friend", "decline", "@carol")
    refused(carol, ["friend", "request", "@alice"], "declined", "asking again at once")
    h.check(by_user(rows(carol, "contacts")).get("alice", {}).get("declined"),
            "carol's store says alice declined")
    time.sleep(3.5)
    carol.run("friend", "request", "@alice")
    pc1.run("friend", "request", "@carol")  # crossing request: accepts
    h.check_eq(by_user(rows(carol, "friends"))["alice"]["state"], "friend",
               "a crossing request makes friends")

    # Cancel and remove.
    dave.run("friend", "request", "@bob")
    dave.run("friend", "cancel", "@bob")
    h.check("dave" not in by_user(rows(bob, "friend", "requests")), "dave's request cancelled")
    pc1.run("friend", "remove", "@carol")
    h.check("alice" not in by_user(rows(carol, "friends")), "friendship removed")
    h.check(any(m.get("text") == "hello now" for m in carol.history("alice")),
            "the direct chat's history stays")

    # Blocks: no messages, no requests, not found; unblock undoes it.
    pc1.run("friend", "block", "@dave")
    refused(dave, ["send", "@alice", "hey"], "does not accept your messages", "a blocked send")
    refused(dave, ["friend", "request", "@alice"], "does not accept your requests",
            "a blocked request")
    h.check("alice" not in by_user(rows(dave, "users", "search", "ali")), "blocked: not found")
    h.check(by_user(rows(pc2, "contacts"))["dave"]["blocked"], "the block on alice's other PC")
    refused(pc1, ["send", "@dave", "hm"], "unblock them", "writing to a blocked user")
    pc1.run("friend", "unblock", "@dave")
    dave.send("alice", "thanks")
    h.check("dave" not in by_user(rows(pc2, "contacts")), "an unblocked stranger is forgotten")

    # Bad input: unknown user, oneself, unknown action, options out of place.
    refused(pc1, ["friend", "request", "@nobody"], "no such user", "an unknown user")
    refused(pc1, ["friend", "request", "@alice"], "that is you", "oneself")
    refused(pc1, ["friend", "accept", "@dave"], "no friend request", "nothing to accept")
    for args in (["friend", "frob", "@bob"], ["friend", "accept", "@bob", "--note", "x"],
                 ["profile", "set"], ["users", "find", "bo"], ["settings", "--messages", "all"]):
        h.check_eq(pc1.run(*args, expect_ok=False).rc, 2, "usage error: %r" % (args,))


if __name__ == "__main__":
    h.run_test(main)
