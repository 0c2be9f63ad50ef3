// Find a group to join: open groups and groups by approval whose name
// contains the text (Groups.search); joining an open one is immediate, a
// group by approval gets a request with an optional note.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Natter

Dialog {
    id: root

    title: qsTr("Find a group")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(480, parent ? parent.width - 40 : 480)
    height: Math.min(520, parent ? parent.height - 40 : 520)
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    standardButtons: Dialog.Close

    property string notice // what happened to the last join

    onAboutToShow: {
        queryField.text = ""
        noteField.text = ""
        notice = ""
        Groups.search("")
        Groups.clearError()
    }
    onOpened: queryField.forceActiveFocus()

    Connections {
        target: Groups
        function onArrived() { root.close() }
        function onRequestSent() { root.notice = qsTr("Request sent: an admin of the group decides.") }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        TextField {
            id: queryField
            objectName: "groupSearchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Group name")
            onAccepted: Groups.search(text)
        }
        TextField {
            id: noteField
            objectName: "joinNoteField"
            Layout.fillWidth: true
            placeholderText: qsTr("A note to the admins (groups by approval)")
            maximumLength: 200
        }
        ListView {
            id: results
            objectName: "groupSearchResults"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Groups.searchResults
            delegate: ItemDelegate {
                id: row
                required property var modelData
                width: ListView.view.width
                contentItem: RowLayout {
                    spacing: 8
                    ColumnLayout {
                        spacing: 0
                        Layout.fillWidth: true
                        Label {
                            text: row.modelData.name
                            font.bold: true
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            text: (row.modelData.join === "open" ? qsTr("Open") : qsTr("By approval"))
                                  + " · " + qsTr("%n member(s)", "", row.modelData.members)
                            font.pixelSize: 12
                            opacity: 0.6
                        }
                    }
                    Button {
                        text: row.modelData.member ? qsTr("Joined")
                            : row.modelData.join === "open" ? qsTr("Join") : qsTr("Ask to join")
                        enabled: !row.modelData.member
                        onClicked: Groups.joinGroup(row.modelData.conversationId, noteField.text)
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: results.count === 0 && queryField.text.trim() !== "" && !Groups.busy
                text: qsTr("No open group by that name.")
                opacity: 0.6
            }
        }
        Label {
            visible: text !== ""
            text: Groups.lastError !== "" ? Groups.lastError : root.notice
            color: Groups.lastError !== "" ? "#e53935" : palette.text
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
