// Application window: picks the page App asks for and applies the theme.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Natter

ApplicationWindow {
    id: window

    width: 1024
    height: 700
    minimumWidth: 640
    minimumHeight: 440
    visible: true
    title: {
        const unread = App.conversations ? App.conversations.unreadTotal : 0
        return unread > 0 ? qsTr("Natter (%1)").arg(unread) : qsTr("Natter")
    }

    Material.theme: App.dark ? Material.Dark : Material.Light
    Material.accent: App.dark ? "#4db6ac" : "#00897b"
    Material.primary: "#00796b"

    Connections {
        target: App
        function onNotificationClicked(peer) {
            window.show()
            window.raise()
            window.requestActivate()
        }
    }

    Loader {
        id: pageLoader
        anchors.fill: parent
        sourceComponent: App.page === "main" ? mainPage
            : App.page === "unlock" ? unlockPage : setupPage
    }

    Component { id: setupPage; SetupPage {} }
    Component { id: unlockPage; UnlockPage {} }
    Component { id: mainPage; MainPage {} }
}
