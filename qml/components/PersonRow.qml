// One person in a list of the people dialog: avatar (a dot when online),
// display name and user name, a detail line, and up to two action buttons
// (actions: their labels; actionTriggered(index)). A click opens the card.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ItemDelegate {
    id: root

    required property var modelData // user, displayName, ...
    property string detail
    property bool online: false
    property var actions: []

    signal actionTriggered(int action)

    width: ListView.view ? ListView.view.width : implicitWidth
    objectName: "person_" + root.modelData.user

    contentItem: RowLayout {
        spacing: 10
        Avatar {
            name: root.modelData.user
            online: root.online
            Layout.preferredWidth: 36
            Layout.preferredHeight: 36
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: root.modelData.displayName !== ""
                      ? root.modelData.displayName + "  @" + root.modelData.user
                      : "@" + root.modelData.user
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: text !== ""
                text: root.detail
                font.pixelSize: 12
                opacity: 0.6
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Repeater {
            model: root.actions
            delegate: Button {
                required property string modelData
                required property int index
                objectName: "personAction_" + index
                text: modelData
                flat: index > 0
                highlighted: index === 0
                onClicked: root.actionTriggered(index)
            }
        }
    }
}
