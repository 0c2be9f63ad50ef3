import QtQuick
import QtTest
import "../../qml/components"

Item {
    id: top
    width: 600
    height: 200

    // Stand-in for Chats' draft functions (keyed by conversation id).
    QtObject {
        id: fakeStore
        property var drafts: ({})
        property int saves: 0
        function draft(conversationId) { return drafts[conversationId] || "" }
        function setDraft(conversationId, text) { drafts[conversationId] = text; saves++ }
    }

    Component {
        id: composerComponent
        Composer {
            width: 600
            height: 80
            draftStore: fakeStore
        }
    }

    SignalSpy {
        id: sendSpy
        signalName: "sendRequested"
    }

    TestCase {
        name: "Composer"
        when: windowShown

        property var composer: null

        function init() {
            fakeStore.drafts = ({})
            composer = createTemporaryObject(composerComponent, top, { conversationId: "11" })
            verify(composer)
            sendSpy.clear()
            sendSpy.target = composer
            composer.inputItem.forceActiveFocus()
            tryVerify(() => composer.inputItem.activeFocus)
        }

        function test_enterSendsAndClears() {
            keyClick("h")
            keyClick("i")
            compare(composer.text, "hi")
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 1)
            compare(sendSpy.signalArguments[0][0], "hi")
            compare(composer.text, "")
        }

        function test_keypadEnterSends() {
            composer.text = "ok"
            composer.inputItem.cursorPosition = 2
            keyClick(Qt.Key_Enter)
            compare(sendSpy.count, 1)
            compare(sendSpy.signalArguments[0][0], "ok")
        }

        function test_shiftEnterInsertsNewline() {
            keyClick("a")
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            keyClick("b")
            compare(sendSpy.count, 0)
            compare(composer.text, "a\nb")
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 1)
            compare(sendSpy.signalArguments[0][0], "a\nb")
        }

        function test_whitespaceNotSent() {
            keyClick(Qt.Key_Space)
            keyClick(Qt.Key_Space)
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 0)
            composer.text = "  \n\t "
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 0)
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 0)
        }

        function test_draftKeptPerConversation() {
            composer.text = "half a thought"
            composer.conversationId = "22"
            compare(fakeStore.drafts["11"], "half a thought")
            compare(composer.text, "")
            composer.text = "for bob"
            composer.conversationId = "11"
            compare(fakeStore.drafts["22"], "for bob")
            compare(composer.text, "half a thought")
            composer.conversationId = "22"
            compare(composer.text, "for bob")
        }

        function test_draftLoadedOnCreation() {
            fakeStore.drafts = ({ "33": "stored" })
            const c = createTemporaryObject(composerComponent, top, { conversationId: "33" })
            compare(c.text, "stored")
        }

        function test_sendClearsStoredDraft() {
            composer.text = "will send"
            composer.conversationId = "22"
            composer.conversationId = "11"
            compare(composer.text, "will send")
            composer.inputItem.cursorPosition = composer.text.length
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 1)
            compare(fakeStore.drafts["11"], "")
        }

        function test_worksWithoutStore() {
            const c = createTemporaryObject(composerComponent, top, { draftStore: null, conversationId: "-1" })
            c.text = "a"
            c.conversationId = "-2"
            compare(c.text, "")
        }

        // @ and the start of a name offers the names; Enter takes one, so
        // the message is not sent; Escape closes the list.
        function test_mentionCompletion() {
            composer.mentionable = ["bob", "bea", "carol"]
            composer.mayMentionAll = true
            keyClick("h")
            keyClick(Qt.Key_Space)
            keyClick("@")
            compare(composer.mentionChoices, ["bob", "bea", "carol", "all"])
            keyClick("b")
            compare(composer.mentionChoices, ["bob", "bea"])
            tryVerify(() => composer.mentionList.visible)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Return)
            compare(composer.text, "h @bea ")
            compare(sendSpy.count, 0)
            tryVerify(() => !composer.mentionList.visible)
            keyClick("@")
            keyClick("a")
            compare(composer.mentionChoices, ["all"])
            keyClick(Qt.Key_Tab)
            compare(composer.text, "h @bea @all ")
            keyClick("@")
            keyClick("z")
            compare(composer.mentionChoices, [])
            tryVerify(() => !composer.mentionList.visible)
            keyClick(Qt.Key_Return) // nothing to choose: it sends
            compare(sendSpy.count, 1)
            compare(sendSpy.signalArguments[0][0], "h @bea @all @z")
        }

        function test_noCompletionInAnAddress() {
            composer.mentionable = ["example"]
            composer.text = "mail bob@ex"
            composer.inputItem.cursorPosition = composer.text.length
            compare(composer.mentionChoices, [])
            composer.mayMentionAll = false
            composer.text = "@a"
            composer.inputItem.cursorPosition = 2
            compare(composer.mentionChoices, [])
        }

        function test_emojiInsertsAtCursor() {
            composer.text = "ab"
            composer.inputItem.cursorPosition = 1
            composer.insertText("🙂")
            compare(composer.text, "a🙂b")
        }
    }
}
