// Initials in a coloured circle; the colour is derived from the name so a
// person keeps the same colour everywhere. online: a green dot.
import QtQuick

Rectangle {
    id: root

    property string name
    property string initials
    property bool online: false

    readonly property var palette: ["#5c6bc0", "#26a69a", "#ef6c00", "#8e24aa",
        "#43a047", "#d81b60", "#1e88e5", "#6d4c41", "#00897b", "#f4511e"]

    function hash(s) {
        let h = 0
        for (let i = 0; i < s.length; ++i)
            h = (h * 31 + s.charCodeAt(i)) % 100003
        return h
    }

    implicitWidth: 40
    implicitHeight: 40
    radius: width / 2
    color: palette[hash(name) % palette.length]

    Text {
        anchors.centerIn: parent
        text: root.initials !== "" ? root.initials : root.name.slice(0, 1).toUpperCase()
        color: "white"
        font.pixelSize: root.height * 0.4
        font.bold: true
    }

    Rectangle {
        objectName: "onlineDot"
        visible: root.online
        width: Math.max(8, root.width * 0.3)
        height: width
        radius: width / 2
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        color: "#43a047"
        border.color: "white"
        border.width: 1.5
    }
}
