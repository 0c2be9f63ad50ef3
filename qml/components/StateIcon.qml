// Small delivery-state glyph drawn with plain items, so it needs no icon
// resources: "clock" (pending), "check" (sent), "double" (delivered: two
// checks), "read" (two checks in readColor), "failed" (red "!"), "" (none).
import QtQuick

Item {
    id: root

    property string kind
    property color color: "black"
    property color readColor: "#1e88e5"

    visible: kind !== ""
    implicitWidth: kind === "" ? 0 : (kind === "double" || kind === "read") ? 20 : 14
    implicitHeight: 14

    // Clock: a ring with two hands.
    Rectangle {
        visible: root.kind === "clock"
        anchors.fill: parent
        anchors.margins: 1
        radius: width / 2
        color: "transparent"
        border.width: 1.5
        border.color: root.color
        opacity: 0.7

        Rectangle {
            width: 1.5
            height: parent.height / 2 - 2
            color: root.color
            x: parent.width / 2 - width / 2
            y: 2.5
        }
        Rectangle {
            width: parent.width / 2 - 2.5
            height: 1.5
            color: root.color
            x: parent.width / 2 - 0.75
            y: parent.height / 2 - height / 2
        }
    }

    // Check mark.
    Text {
        visible: root.kind === "check"
        anchors.centerIn: parent
        text: "\u2713"
        color: root.color
        opacity: 0.7
        font.pixelSize: 13
        font.bold: true
    }

    // Two checks: delivered, or read (coloured).
    Text {
        visible: root.kind === "double" || root.kind === "read"
        anchors.centerIn: parent
        text: "\u2713\u2713"
        color: root.kind === "read" ? root.readColor : root.color
        opacity: root.kind === "read" ? 1.0 : 0.7
        font.pixelSize: 13
        font.bold: true
        font.letterSpacing: -5
    }

    // Failure: filled red circle with "!".
    Rectangle {
        visible: root.kind === "failed"
        anchors.fill: parent
        radius: width / 2
        color: root.color

        Text {
            anchors.centerIn: parent
            text: "!"
            color: "white"
            font.pixelSize: 11
            font.bold: true
        }
    }
}
