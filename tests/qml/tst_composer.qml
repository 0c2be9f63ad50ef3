import QtQuick
import QtTest
import "../../qml/components"

Item {
    id: top
    width: 600
    height: 200

    // Stand-in for App's draft functions.
    QtObject {
        id: fakeStore
        property var drafts: ({})
        property int saves: 0
        function draft(peer) { return drafts[peer] || "" }
        function setDraft(peer, text) { drafts[peer] = text; saves++ }
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
            composer = createTemporaryObject(composerComponent, top, { peer: "alice" })
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

        function test_draftKeptPerPeer() {
            composer.text = "half a thought"
            composer.peer = "bob"
            compare(fakeStore.drafts["alice"], "half a thought")
            compare(composer.text, "")
            composer.text = "for bob"
            composer.peer = "alice"
            compare(fakeStore.drafts["bob"], "for bob")
            compare(composer.text, "half a thought")
            composer.peer = "bob"
            compare(composer.text, "for bob")
        }

        function test_draftLoadedOnCreation() {
            fakeStore.drafts = ({ carol: "stored" })
            const c = createTemporaryObject(composerComponent, top, { peer: "carol" })
            compare(c.text, "stored")
        }

        function test_sendClearsStoredDraft() {
            composer.text = "will send"
            composer.peer = "bob"
            composer.peer = "alice"
            compare(composer.text, "will send")
            composer.inputItem.cursorPosition = composer.text.length
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 1)
            compare(fakeStore.drafts["alice"], "")
        }

        function test_worksWithoutStore() {
            const c = createTemporaryObject(composerComponent, top, { draftStore: null, peer: "x" })
            c.text = "a"
            c.peer = "y"
            compare(c.text, "")
        }

        function test_emojiInsertsAtCursor() {
            composer.text = "ab"
            composer.inputItem.cursorPosition = 1
            composer.insertText("🙂")
            compare(composer.text, "a🙂b")
        }
    }
}
