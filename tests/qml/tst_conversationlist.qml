// The conversation list on its own: Enter on the highlighted row opens it
// as a click does, the unread badge is a pill of at least 20 x 20, and the
// last line names its sender.
import QtQuick
import QtQuick.Controls
import QtTest
import "../../qml/components"

Item {
    id: top
    width: 360
    height: 400

    ListModel {
        id: conversations
        ListElement { conversationId: "201"; title: "alice"; initials: "A"; lastText: "hi"; lastFrom: "alice"; lastTime: 0; unread: 3; historyGap: false; pending: false; lastMine: false; mentioned: true; kind: "direct" }
        ListElement { conversationId: "202"; title: "bob"; initials: "B"; lastText: "ok"; lastFrom: "bob"; lastTime: 0; unread: 0; historyGap: false; pending: false; lastMine: false; mentioned: false; kind: "direct" }
        ListElement { conversationId: "203"; title: "carol"; initials: "C"; lastText: "yes"; lastFrom: "carol"; lastTime: 0; unread: 120; historyGap: false; pending: false; lastMine: false; mentioned: false; kind: "direct" }
        ListElement { conversationId: "204"; title: "team"; initials: "T"; lastText: "see you"; lastFrom: "dave"; lastTime: 0; unread: 0; historyGap: false; pending: false; lastMine: false; mentioned: false; kind: "group" }
        ListElement { conversationId: "205"; title: "crew"; initials: "C"; lastText: "on my way"; lastFrom: "me"; lastTime: 0; unread: 0; historyGap: false; pending: false; lastMine: true; mentioned: false; kind: "group" }
    }

    ConversationList {
        id: conversationList
        anchors.fill: parent
        model: conversations
    }

    SignalSpy {
        id: openSpy
        target: conversationList
        signalName: "openRequested"
    }

    TestCase {
        name: "ConversationList"
        when: windowShown

        function view() {
            return findChild(conversationList, "conversationListView")
        }

        function badgeIn(item, text) {
            if (item.text === text && item.background)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = badgeIn(item.children[i], text)
                if (found)
                    return found
            }
            return null
        }

        function test_enterOpensHighlightedRow() {
            const list = view()
            verify(list)
            list.forceActiveFocus()
            list.currentIndex = 1
            tryVerify(() => list.currentItem !== null)
            keyClick(Qt.Key_Return)
            compare(openSpy.count, 1)
            compare(openSpy.signalArguments[0][0], "202")
            compare(list.currentIndex, 1)
            list.currentIndex = 2
            keyClick(Qt.Key_Enter)
            compare(openSpy.count, 2)
            compare(openSpy.signalArguments[1][0], "203")
        }

        function labelIn(item, text) {
            if (item.text === text)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = labelIn(item.children[i], text)
                if (found)
                    return found
            }
            return null
        }

        // The last line says who wrote it: "You: …" for this account's, the
        // sender's name in a group, nothing more in a direct chat.
        function test_lastLineNamesItsSender() {
            const list = view()
            tryVerify(() => list.itemAtIndex(4) !== null)
            verify(labelIn(list.itemAtIndex(0), "hi"))
            verify(labelIn(list.itemAtIndex(3), "dave: see you"))
            verify(labelIn(list.itemAtIndex(4), "You: on my way"))
        }

        function test_unreadBadge() {
            const list = view()
            tryVerify(() => list.itemAtIndex(2) !== null)
            const few = badgeIn(list.itemAtIndex(0), "3")
            verify(few)
            verify(few.visible)
            compare(few.height, 20)
            verify(few.width >= 20)
            const many = badgeIn(list.itemAtIndex(2), "99+")
            verify(many)
            verify(many.width > few.width)
            // No badge on a read conversation.
            const none = badgeIn(list.itemAtIndex(1), "0")
            verify(!none || !none.visible)
        }

        // "@you": shown where an unread message mentions the user, only there.
        function test_mentionMarker() {
            const list = view()
            tryVerify(() => list.itemAtIndex(1) !== null)
            const mark = findChild(list.itemAtIndex(0), "mentionBadge")
            verify(mark)
            verify(mark.visible)
            compare(mark.text, "@")
            const other = findChild(list.itemAtIndex(1), "mentionBadge")
            verify(other)
            verify(!other.visible)
        }
    }
}
