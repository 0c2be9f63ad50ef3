// The group screens on the QML stand-in for Groups: the info panel shows
// what the user's role allows (owner: dissolve, rename, manage members and
// decide requests; a member: leave, nickname, remark, nothing to manage),
// and each button asks Groups for the change; the new-group dialog passes
// the chosen policies; the search dialog joins or asks to.
import QtQuick
import QtQuick.Controls
import QtTest
import Natter

Item {
    id: top
    width: 900
    height: 700

    GroupInfoPanel { id: panel; conversationId: "42" }
    NewGroupDialog { id: newGroup }
    JoinGroupDialog { id: joinGroup }

    TestCase {
        name: "GroupScreens"
        when: windowShown

        function init() {
            Groups.calls = []
            Groups.name = "Book club"
            Groups.join = "approval"
            Groups.announcement = "Friday"
            Groups.members = [
                { userId: "1", user: "alice", role: "owner", nickname: "" },
                { userId: "2", user: "carol", role: "admin", nickname: "" },
                { userId: "3", user: "dave", role: "member", nickname: "Dave the reader" },
            ]
            Groups.requests = [{ user: "bob", note: "I love books", time: new Date() }]
        }
        function cleanup() {
            panel.close()
            newGroup.close()
            joinGroup.close()
            tryCompare(panel, "position", 0)
        }

        function called(name) {
            return Groups.calls.filter(c => c[0] === name)
        }
        function byName(name) {
            const item = findChild(panel.contentItem, name)
            verify(item, name)
            return item
        }
        function buttonWithText(root, text) {
            if (root.text === text && root.clicked !== undefined)
                return root
            const kids = root.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = buttonWithText(kids[i], text)
                if (found)
                    return found
            }
            if (root.contentItem && root.contentItem !== root) {
                const found = buttonWithText(root.contentItem, text)
                if (found)
                    return found
            }
            return null
        }
        function openPanel(role) {
            Groups.myRole = role
            panel.open()
            tryCompare(panel, "position", 1)
            compare(called("load").length, 1)
            compare(called("load")[0][1], "42")
        }

        function test_ownerManagesTheGroup() {
            openPanel("owner")
            verify(byName("dissolveGroupButton").visible)
            verify(!byName("leaveGroupButton").visible)
            verify(byName("joinRequestsBox").visible)
            verify(!byName("announcementField").readOnly)
            const approve = buttonWithText(byName("joinRequestsBox"), "Approve")
            verify(approve)
            approve.clicked()
            compare(called("approve")[0][1], "bob")
            buttonWithText(byName("joinRequestsBox"), "Decline").clicked()
            compare(called("decline")[0][1], "bob")
            byName("inviteField").text = "@erin, frank"
            byName("inviteButton").clicked()
            compare(called("invite")[0][1], "@erin, frank")
            compare(byName("inviteField").text, "")
        }

        function test_memberSeesNothingToManage() {
            Groups.requests = []
            openPanel("member")
            verify(!byName("dissolveGroupButton").visible)
            verify(byName("leaveGroupButton").visible)
            verify(!byName("joinRequestsBox").visible)
            verify(byName("announcementField").readOnly)
            verify(!byName("inviteField").visible) // not an open group
            byName("leaveGroupButton").clicked()
            compare(called("leave").length, 1)
        }

        function test_nicknameAndRemark() {
            openPanel("member")
            const nick = byName("nicknameField")
            nick.text = "Al"
            nick.accepted()
            compare(called("setNickname")[0][1], "Al")
            const remark = byName("remarkField")
            remark.text = "monthly"
            remark.accepted()
            compare(called("setRemark")[0][1], "monthly")
        }

        function test_newGroupPassesThePolicies() {
            newGroup.open()
            tryCompare(newGroup, "opened", true)
            findChild(newGroup.contentItem, "groupNameField").text = "Hiking"
            findChild(newGroup.contentItem, "groupMembersField").text = "bob, dave"
            findChild(newGroup.contentItem, "groupJoinPolicy").currentIndex = 2
            findChild(newGroup.contentItem, "groupHistoryPolicy").currentIndex = 1
            findChild(newGroup.contentItem, "createGroupButton").clicked()
            compare(called("createGroup")[0], ["createGroup", "Hiking", "bob, dave", "open", "all"])
            Groups.arrived("77")
            tryCompare(newGroup, "opened", false)
        }

        function test_searchAndJoin() {
            joinGroup.open()
            tryCompare(joinGroup, "opened", true)
            const query = findChild(joinGroup.contentItem, "groupSearchField")
            query.text = "book"
            query.accepted()
            compare(called("search")[called("search").length - 1][1], "book")
            Groups.searchResults = [
                { conversationId: "7", name: "Book club", join: "approval", members: 3, member: false },
                { conversationId: "8", name: "Books & more", join: "open", members: 9, member: true },
            ]
            const results = findChild(joinGroup.contentItem, "groupSearchResults")
            tryCompare(results, "count", 2)
            findChild(joinGroup.contentItem, "joinNoteField").text = "hello"
            const ask = buttonWithText(results, "Ask to join")
            verify(ask)
            verify(buttonWithText(results, "Joined") && !buttonWithText(results, "Joined").enabled)
            ask.clicked()
            compare(called("joinGroup")[0], ["joinGroup", "7", "hello"])
        }
    }
}
