// Whole-window keyboard test against the stand-in module in ../mock (real QML
// files, QML mocks of the singletons). Run:
//   qmltestrunner -import tests/qml/mock -input tests/qml/app/app_keyboard.qml
// Not named tst_* so `qmltestrunner -input tests/qml` (no mock) skips it.
import QtQuick
import QtQuick.Controls
import QtTest
import Natter

Item {
    id: top

    Component { id: mainComp; Main {} }

    TestCase {
        name: "AppKeyboard"
        when: windowShown

        property var win: null

        function initTestCase() {
            Session.page = "main"
            win = mainComp.createObject(null)
            win.requestActivate()
            tryVerify(() => win.active, 2000)
            Chats.open("1") // alice
            wait(300)
        }

        function cleanupTestCase() {
            win.destroy()
        }

        function test_1_typingGoesToComposerAndSends() {
            compare(win.activeFocusItem.objectName, "input")
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            keyClick(Qt.Key_Return)
            compare(Chats.sent[Chats.sent.length - 1], "hi")
        }

        // Known, unresolved: right after the switcher closes on Enter, the next
        // shortcut press (Ctrl+N, Ctrl+,) is not delivered in this harness (a
        // second one is). Hence the other shortcuts are tested before Ctrl+K.
        function test_4_quickSwitcher() {
            keyClick(Qt.Key_K, Qt.ControlModifier)
            tryVerify(() => win.activeFocusItem.objectName === "switcherFilter")
            keyClick(Qt.Key_C)
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_R)
            keyClick(Qt.Key_Return)
            tryCompare(Chats.current, "title", "carol")
            compare(Chats.current.id, "2")
            tryVerify(() => win.activeFocusItem.objectName === "input")
        }

        function test_2_newChat() {
            keyClick(Qt.Key_N, Qt.ControlModifier)
            tryVerify(() => win.activeFocusItem.objectName === "newChatName")
            keyClick(Qt.Key_Z)
            keyClick(Qt.Key_Return)
            tryCompare(Chats.current, "title", "z")
            verify(Chats.current.pending) // no conversation with z yet
        }

        function test_3_settingsThemeAndEscape() {
            Theme.theme = "system"
            keyClick(Qt.Key_Comma, Qt.ControlModifier)
            tryVerify(() => win.activeFocusItem && win.activeFocusItem.text === qsTr("System"))
            keyClick(Qt.Key_Tab)
            keyClick(Qt.Key_Space)
            compare(Theme.theme, "light")
            keyClick(Qt.Key_Escape)
            tryVerify(() => win.activeFocusItem.objectName === "input")
        }

        function test_5_loadOlderAndJumpToLatest() {
            Chats.open("1")
            wait(300)
            const view = findChild(win.contentItem, "messageView")
            const jump = findChild(win.contentItem, "jumpToLatest")
            verify(view && jump)
            verify(view.atYEnd)
            verify(!jump.visible)
            const before = Chats.loadOlderCalls
            for (let i = 0; i < 30 && !view.atYBeginning; ++i) {
                mouseWheel(view, view.width / 2, view.height / 2, 0, 240)
                wait(50)
            }
            tryVerify(() => Chats.loadOlderCalls > before)
            verify(jump.visible)
            mouseClick(jump)
            tryVerify(() => view.atYEnd)
            verify(!jump.visible)
        }
    }
}
