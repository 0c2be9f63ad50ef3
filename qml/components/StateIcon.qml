// Small delivery-state glyph drawn with plain items, so it needs no icon
// resources: "clock" (pending), "check" (sent), "failed" (red "!"), "" (none).
import QtQuick

Item {
    id: root

    property string kind
    property color color: "black"

    visible: kind !== ""
    implicitWidth: kind === "" ? 0 : 14
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
