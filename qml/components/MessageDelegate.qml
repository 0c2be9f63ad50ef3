// One chat bubble. Pure presentation: everything comes in through properties,
// so it runs without the controllers (tests/qml/tst_messagedelegate.qml).
// The delivery state uses Item.state directly: "received", "sent", "pending"
// or "failed" select one of the States below.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Item {
    id: root

    property string text
    property string from
    property bool outgoing: false
    property date time
    property string error
    property string clientId
    // Show the sender's name above incoming bubbles (off for 1:1 chats by default).
    property bool showSender: false

    // "clock", "check", "failed" or "" — which indicator is shown; tests read it.
    readonly property string indicator: stateIcon.kind

    signal retryRequested(string clientId)

    implicitWidth: 400
    implicitHeight: bubbleColumn.implicitHeight + 6

    readonly property color bubbleColor: outgoing
        ? (Material.theme === Material.Dark ? "#1f5f57" : "#d4f1ec")
        : (Material.theme === Material.Dark ? "#2f3338" : "#eef0f3")
    readonly property color failedColor: Material.theme === Material.Dark ? "#ff8a80" : "#c62828"

    states: [
        State {
            name: "received"
            PropertyChanges { target: stateIcon; kind: "" }
        },
        State {
            name: "sent"
            PropertyChanges { target: stateIcon; kind: "check" }
        },
        State {
            name: "pending"
            PropertyChanges { target: stateIcon; kind: "clock" }
        },
        State {
            name: "failed"
            PropertyChanges { target: stateIcon; kind: "failed" }
            PropertyChanges { target: failureRow; visible: true }
        }
    ]

    function formatTime(t) {
        if (!t || isNaN(t.getTime()))
            return ""
        return Qt.formatTime(t, "hh:mm")
    }

    ColumnLayout {
        id: bubbleColumn
        objectName: "bubbleColumn"
        spacing: 2
        width: Math.min(implicitWidth, root.width * 0.75)
        x: root.outgoing ? root.width - width - 12 : 12
        y: 3

        Label {
            visible: root.showSender && !root.outgoing && root.from !== ""
            text: root.from
            font.pixelSize: 12
            font.bold: true
            color: Material.accent
        }

        Rectangle {
            id: bubble
            objectName: "bubble"
            Layout.alignment: root.outgoing ? Qt.AlignRight : Qt.AlignLeft
            Layout.fillWidth: true
            implicitWidth: Math.min(bubbleContent.implicitWidth + 20, root.width * 0.75)
            implicitHeight: bubbleContent.implicitHeight + 12
            radius: 12
            color: root.bubbleColor
            border.width: root.state === "failed" ? 1 : 0
            border.color: root.failedColor

            RowLayout {
                id: bubbleContent
                anchors.fill: parent
                anchors.leftMargin: 10
                anchors.rightMargin: 10
                anchors.topMargin: 6
                anchors.bottomMargin: 6
                spacing: 8

                TextEdit {
                    id: body
                    objectName: "body"
                    Layout.fillWidth: true
                    Layout.maximumWidth: root.width * 0.75 - 90
                    text: root.text
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    textFormat: TextEdit.PlainText
                    color: Material.foreground
                    selectionColor: Material.accent
                    font.pixelSize: 15
                    activeFocusOnPress: false
                }

                Row {
                    Layout.alignment: Qt.AlignBottom
                    spacing: 4

                    Label {
                        text: root.formatTime(root.time)
                        font.pixelSize: 11
                        opacity: 0.6
                        anchors.verticalCenter: parent.verticalCenter
                    }

                    StateIcon {
                        id: stateIcon
                        objectName: "stateIcon"
                        anchors.verticalCenter: parent.verticalCenter
                        color: kind === "failed" ? root.failedColor : Material.foreground
                    }
                }
            }
        }

        RowLayout {
            id: failureRow
            Layout.alignment: Qt.AlignRight
            visible: false
            spacing: 6

            Label {
                id: errorLabel
                objectName: "errorLabel"
                text: root.error !== "" ? qsTr("Not sent: %1").arg(root.error) : qsTr("Not sent")
                color: root.failedColor
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.maximumWidth: root.width * 0.5
            }

            Button {
                id: retryButton
                objectName: "retryButton"
                flat: true
                text: qsTr("Retry")
                Material.foreground: root.failedColor
                onClicked: root.retryRequested(root.clientId)
            }
        }
    }
}
