import QtQuick
import QtQuick.Controls
import QtTest
import "../../qml/components"

Item {
    id: top
    width: 600
    height: 500

    ListModel {
        id: conversations
        ListElement { conversationId: "101"; title: "alice"; initials: "A"; unread: 2 }
        ListElement { conversationId: "102"; title: "carol"; initials: "C"; unread: 0 }
        ListElement { conversationId: "103"; title: "caroline"; initials: "C"; unread: 0 }
    }

    QuickSwitcher {
        id: switcher
        model: conversations
    }

    SignalSpy {
        id: pickedSpy
        target: switcher
        signalName: "picked"
    }

    TestCase {
        name: "QuickSwitcher"
        when: windowShown

        function init() {
            pickedSpy.clear()
            switcher.open()
            tryVerify(() => switcher.opened)
            tryVerify(() => top.Window.activeFocusItem && top.Window.activeFocusItem.objectName === "switcherFilter")
        }

        function cleanup() {
            switcher.close()
            tryVerify(() => !switcher.visible)
        }

        function test_filterAndEnter() {
            keyClick(Qt.Key_C)
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_R)
            compare(top.Window.activeFocusItem.text, "car")
            keyClick(Qt.Key_Return)
            compare(pickedSpy.count, 1)
            compare(pickedSpy.signalArguments[0][0], "102")
        }

        function test_arrowKeys() {
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Return)
            compare(pickedSpy.count, 1)
            compare(pickedSpy.signalArguments[0][0], "102")
        }

        function test_noMatchDoesNothing() {
            keyClick(Qt.Key_Z)
            keyClick(Qt.Key_Return)
            compare(pickedSpy.count, 0)
        }

        function test_escapeCloses() {
            keyClick(Qt.Key_Escape)
            tryVerify(() => !switcher.visible)
            compare(pickedSpy.count, 0)
        }
    }
}
