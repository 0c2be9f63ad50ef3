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
    // The user names the message @mentions, and whether it says @all: shown
    // highlighted. mentionsMe marks the bubble.
    property var mentions: []
    property bool mentionAll: false
    property bool mentionsMe: false
    // An own message's receipt: ticks "sent", "delivered" or "read" (direct
    // chats); in a group, "read by readCount of readTotal" (readTotal 0:
    // not known yet) and who (readers).
    property string ticks
    property bool groupReceipts: false
    property int readCount: -1
    property int readTotal: 0
    property var readers: []

    readonly property bool hasMentions: (root.mentions && root.mentions.length > 0) || root.mentionAll
    // The text as rich text with its mentions highlighted (escaped first).
    readonly property string richText: {
        if (!root.hasMentions)
            return ""
        const escaped = root.text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
                                 .replace(/>/g, "&gt;").replace(/"/g, "&quot;")
                                 .replace(/\n/g, "<br>")
        const names = (root.mentions || []).slice()
        if (root.mentionAll)
            names.push("all")
        const pattern = new RegExp("(^|[^\\w])@(" + names.map(n => n.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("|") + ")(?![\\w])", "gi")
        return escaped.replace(pattern, (m, before, name) =>
            before + "<b><font color=\"" + root.mentionColor + "\">@" + name + "</font></b>")
    }
    readonly property color mentionColor: Material.theme === Material.Dark ? "#80cbc4" : "#00796b"

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
            PropertyChanges {
                target: stateIcon
                kind: root.groupReceipts ? "check"
                    : root.ticks === "read" ? "read" : root.ticks === "delivered" ? "double" : "check"
            }
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
            border.width: root.state === "failed" || root.mentionsMe ? 1.5 : 0
            border.color: root.state === "failed" ? root.failedColor : root.mentionColor

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
                    text: root.hasMentions ? root.richText : root.text
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    textFormat: root.hasMentions ? TextEdit.RichText : TextEdit.PlainText
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

        // A group message of ours: how many of those it went to read it.
        Label {
            id: readBy
            objectName: "readBy"
            Layout.alignment: Qt.AlignRight
            visible: root.outgoing && root.groupReceipts && root.state === "sent" && root.readTotal > 0
            text: root.readCount >= root.readTotal ? qsTr("Read by everyone")
                                                   : qsTr("Read by %1 of %2").arg(Math.max(root.readCount, 0)).arg(root.readTotal)
            font.pixelSize: 11
            opacity: 0.65

            MouseArea {
                anchors.fill: parent
                enabled: root.readers && root.readers.length > 0
                hoverEnabled: true
                cursorShape: enabled ? Qt.PointingHandCursor : Qt.ArrowCursor
                onClicked: readersTip.visible = !readersTip.visible
            }
            ToolTip {
                id: readersTip
                objectName: "readersTip"
                text: (root.readers || []).join(qsTr(", "))
                timeout: 5000
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
