// A red count in the corner of its parent (a tool button), hidden at 0.
import QtQuick
import QtQuick.Controls

Rectangle {
    id: root

    property int count: 0

    visible: count > 0
    anchors.right: parent ? parent.right : undefined
    anchors.top: parent ? parent.top : undefined
    anchors.margins: 4
    width: Math.max(16, badgeText.implicitWidth + 6)
    height: 16
    radius: 8
    color: "#e53935"
    Label {
        id: badgeText
        anchors.centerIn: parent
        text: root.count
        color: "white"
        font.pixelSize: 10
    }
}
