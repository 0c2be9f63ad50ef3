// The floor for start-up: a bare Qt Quick Controls window with a ListView,
// printing when its first frame is on screen.
import QtQuick
import QtQuick.Controls

ApplicationWindow {
    width: 1024
    height: 700
    visible: true
    property bool reported: false
    onFrameSwapped: {
        if (reported)
            return
        reported = true
        console.info("first-frame " + Date.now())
        Qt.callLater(Qt.quit)
    }
    ListView {
        anchors.fill: parent
        model: 20
        delegate: ItemDelegate { text: "row " + index; width: ListView.view.width }
    }
}
