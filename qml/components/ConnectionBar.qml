// Quiet one-line connection status: connected / connecting… / offline, plus
// how many messages wait in the outbox. Controller-free: MainPage passes the values.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Rectangle {
    id: root

    // "connected" | "connecting" | "offline" | "loggedOut"
    property string connectionState: "offline"
    property int outboxPending: 0

    readonly property string statusText: {
        switch (connectionState) {
        case "connected": return qsTr("Connected")
        case "connecting": return qsTr("Connecting…")
        case "loggedOut": return qsTr("Signed out on the server")
        default: return qsTr("Offline — reading and writing still work")
        }
    }
    readonly property color dotColor: connectionState === "connected" ? "#43a047"
        : connectionState === "connecting" ? "#fbc02d" : "#9e9e9e"

    implicitHeight: 26
    color: "transparent"

    Accessible.role: Accessible.StatusBar
    Accessible.name: label.text

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 6

        Rectangle {
            width: 8
            height: 8
            radius: 4
            color: root.dotColor

            SequentialAnimation on opacity {
                running: root.connectionState === "connecting"
                loops: Animation.Infinite
                alwaysRunToEnd: true
                NumberAnimation { to: 0.3; duration: 700 }
                NumberAnimation { to: 1.0; duration: 700 }
            }
        }

        Label {
            id: label
            objectName: "statusLabel"
            Layout.fillWidth: true
            elide: Text.ElideRight
            font.pixelSize: 12
            opacity: 0.75
            text: root.outboxPending > 0
                ? qsTr("%1 · %n waiting to send", "", root.outboxPending).arg(root.statusText)
                : root.statusText
        }
    }
}
