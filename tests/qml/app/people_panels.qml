// The people screens on the QML stand-in for People: the dialog opens on
// the requests when some wait and asks for presence; friends are listed
// online first with their status and presence, each row's buttons ask
// People for the right action (accept/decline an incoming request, cancel
// an outgoing one, add a search result with the note typed, unblock); the
// profile card offers what the relation allows; the settings' profile
// fields and privacy switches call People and Privacy.
import QtQuick
import QtQuick.Controls
import QtTest
import Natter

Item {
    id: top
    width: 900
    height: 760

    PeopleDialog { id: dialog }
    ProfileCard { id: card }
    SettingsDialog { id: settings }

    TestCase {
        name: "PeopleScreens"
        when: windowShown

        function init() {
            People.calls = []
            Privacy.calls = []
            People.friends = [
                { userId: "2", user: "bob", displayName: "Bob B", status: "at work", since: 1,
                  online: false, lastSeen: 1700000000000, presenceHidden: false, presenceKnown: true },
                { userId: "3", user: "carol", displayName: "", status: "", since: 1,
                  online: true, lastSeen: 0, presenceHidden: false, presenceKnown: true },
            ]
            People.requests = [
                { userId: "4", user: "dave", displayName: "", status: "", since: 1, incoming: true,
                  note: "from the meetup" },
                { userId: "5", user: "erin", displayName: "", status: "", since: 1, incoming: false,
                  note: "" },
            ]
            People.incomingCount = 1
            People.blocked = [{ userId: "6", user: "mallory", displayName: "", status: "", since: 1 }]
            People.searchResults = []
        }
        function cleanup() {
            card.close()
            dialog.close()
            settings.close()
            tryCompare(dialog, "opened", false)
        }

        function called(name) {
            return People.calls.filter(c => c[0] === name)
        }
        function find(root, name) {
            if (!root)
                return null
            if (root.objectName === name && root.visible)
                return root
            const kids = root.children || []
            for (let i = 0; i < kids.length; ++i) {
                const f = find(kids[i], name)
                if (f)
                    return f
            }
            if (root.contentItem && root.contentItem !== root)
                return find(root.contentItem, name)
            return null
        }
        function must(root, name) {
            let item = null
            tryVerify(() => (item = find(root, name)) !== null, 3000, name)
            return item
        }
        function action(user, i) {
            return must(dialog.contentItem, "person_" + user) && must(find(dialog.contentItem,
                "person_" + user), "personAction_" + i)
        }

        function test_opensOnRequestsAndAnswers() {
            dialog.open()
            tryCompare(dialog, "opened", true)
            compare(called("refresh").length, 1)
            verify(find(dialog.contentItem, "requestsList"))
            compare(action("dave", 0).text, "Accept")
            mouseClick(action("dave", 0))
            mouseClick(action("dave", 1))
            compare(action("erin", 0).text, "Cancel")
            mouseClick(action("erin", 0))
            const acts = called("act").map(c => c[1] + ":" + c[2])
            compare(acts, ["dave:accept", "dave:decline", "erin:cancel"])
        }

        function test_friendsOnlineFirst() {
            People.incomingCount = 0
            People.requests = []
            dialog.open()
            tryCompare(dialog, "opened", true)
            const list = must(dialog.contentItem, "friendsList")
            compare(list.model.length, 2)
            compare(list.model[0].user, "carol") // online first
            let msg = null
            dialog.messageRequested.connect(u => msg = u)
            mouseClick(action("bob", 0))
            compare(msg, "bob")
        }

        function test_findAndAddWithNote() {
            People.incomingCount = 0
            dialog.open()
            tryCompare(dialog, "opened", true)
            mouseClick(must(dialog.contentItem, "findTab"))
            const field = must(dialog.contentItem, "peopleSearchField")
            field.forceActiveFocus()
            keyClick(Qt.Key_C)
            keyClick(Qt.Key_A)
            tryVerify(() => called("search").length === 1, 2000) // once, after the pause
            compare(called("search")[0][1], "ca")
            People.searchResults = [
                { userId: "7", user: "cathy", displayName: "Cat", status: "", state: "none", blocked: false },
                { userId: "3", user: "carol", displayName: "", status: "", state: "friend", blocked: false },
            ]
            must(dialog.contentItem, "friendNoteField").text = "hello there"
            compare(action("cathy", 0).text, "Add friend")
            verify(!find(find(dialog.contentItem, "person_carol"), "personAction_0")) // already friends
            mouseClick(action("cathy", 0))
            compare(called("act")[0].slice(1), ["cathy", "request", "hello there"])
        }

        function test_cardOffersWhatTheRelationAllows() {
            People.profile = { userId: "2", user: "bob", displayName: "Bob B", status: "at work",
                               self: false, state: "friend", blocked: false, note: "",
                               online: true, lastSeen: 0, presenceHidden: false, presenceKnown: true }
            card.show("bob")
            tryCompare(card, "opened", true)
            compare(called("showProfile")[0][1], "bob")
            compare(must(card.contentItem, "profilePresence").text, "online")
            verify(must(card.contentItem, "profileRemove"))
            verify(!find(card.contentItem, "profileAdd"))
            mouseClick(must(card.contentItem, "profileBlock"))
            compare(called("act")[0].slice(1, 3), ["bob", "block"])
            People.profile = Object.assign({}, People.profile, { state: "none", blocked: true })
            verify(!find(card.contentItem, "profileMessage"))
            verify(!find(card.contentItem, "profileAdd"))
            compare(must(card.contentItem, "profileBlock").text, "Unblock")
        }

        function test_settingsProfileAndPrivacy() {
            People.displayName = "Alice"
            People.status = ""
            settings.open()
            tryCompare(settings, "opened", true)
            const save = must(settings.contentItem, "saveProfileButton")
            verify(!save.enabled) // nothing changed
            must(settings.contentItem, "statusField").text = "busy"
            verify(save.enabled)
            mouseClick(save)
            compare(called("setOwnProfile")[0].slice(1), ["Alice", "busy"])
            const sw = must(settings.contentItem, "friendsOnlySwitch")
            sw.toggle()
            sw.toggled()
            compare(Privacy.calls, [["setFriendsOnly", true]])
        }
    }
}
