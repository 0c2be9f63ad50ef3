// Application window: picks the page Session asks for and applies the theme.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

ApplicationWindow {
    id: window

    width: 1024
    height: 700
    minimumWidth: 640
    minimumHeight: 440
    visible: true
    title: {
        const unread = Chats.conversations ? Chats.conversations.unreadTotal : 0
        return unread > 0 ? qsTr("Natter (%1)").arg(unread) : qsTr("Natter")
    }

    Material.theme: Theme.dark ? Material.Dark : Material.Light
    Material.accent: Theme.dark ? "#4db6ac" : "#00897b"
    Material.primary: "#00796b"

    // A notification or the tray icon was clicked.
    Connections {
        target: Notifications
        function onRaiseRequested() {
            window.show()
            window.raise()
            window.requestActivate()
        }
    }

    Loader {
        id: pageLoader
        anchors.fill: parent
        sourceComponent: Session.page === "main" ? mainPage
            : Session.page === "unlock" ? unlockPage
            : Session.page === "setup" ? setupPage : statusPage
    }

    // "loading" (reading the key from the keychain) and "keychainError".
    Component {
        id: statusPage
        Page {
            ColumnLayout {
                anchors.centerIn: parent
                width: Math.min(parent.width - 48, 480)
                spacing: 16
                BusyIndicator {
                    running: Session.busy
                    visible: running
                    Layout.alignment: Qt.AlignHCenter
                }
                Label {
                    objectName: "statusPageText"
                    text: Session.page === "loading" ? qsTr("Opening your conversations…") : Session.lastError
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
            }
        }
    }

    Component { id: setupPage; SetupPage {} }
    Component { id: unlockPage; UnlockPage {} }
    Component { id: mainPage; MainPage {} }
}
