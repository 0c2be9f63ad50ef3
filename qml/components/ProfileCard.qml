// One user's profile (People.profile, loaded by show(user)): display name,
// user name, status line, presence for friends, and what the user may do
// with the relation — message, add (with a note), accept, decline, cancel,
// remove, block, unblock. Nothing for the user's own profile but a hint to
// edit it in the settings.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

Popup {
    id: root

    readonly property var p: People.profile
    readonly property bool loaded: p.user !== undefined
    readonly property string relation: loaded ? p.state : ""

    signal messageRequested(string user)

    function show(user) {
        People.showProfile(user)
        open()
    }

    objectName: "profileCard"
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 340
    padding: 16
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        BusyIndicator {
            visible: !root.loaded
            running: visible
            Layout.alignment: Qt.AlignHCenter
        }
        RowLayout {
            visible: root.loaded
            spacing: 12
            Avatar {
                name: root.loaded ? root.p.user : ""
                online: root.loaded && root.p.online === true
                Layout.preferredWidth: 56
                Layout.preferredHeight: 56
            }
            ColumnLayout {
                spacing: 2
                Layout.fillWidth: true
                Label {
                    objectName: "profileDisplayName"
                    text: root.loaded ? (root.p.displayName !== "" ? root.p.displayName : root.p.user) : ""
                    font.pixelSize: 18
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: root.loaded ? "@" + root.p.user : ""
                    opacity: 0.6
                }
                Label {
                    objectName: "profilePresence"
                    visible: root.loaded && root.relation === "friend"
                    text: !root.loaded ? ""
                        : root.p.presenceHidden ? qsTr("presence hidden")
                        : root.p.online ? qsTr("online")
                        : root.p.lastSeen > 0
                          ? qsTr("last seen %1").arg(new Date(root.p.lastSeen).toLocaleString(
                                                         Qt.locale(), Locale.ShortFormat))
                          : qsTr("offline")
                    font.pixelSize: 12
                    color: root.loaded && root.p.online ? "#43a047" : palette.text
                }
            }
        }
        Label {
            objectName: "profileStatus"
            visible: root.loaded && root.p.status !== ""
            text: root.loaded ? root.p.status : ""
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: root.loaded && root.p.self === true
            text: qsTr("This is you: change your name and status in the settings.")
            wrapMode: Text.Wrap
            opacity: 0.7
            Layout.fillWidth: true
        }
        Label {
            visible: root.loaded && root.relation === "incoming" && root.p.note !== ""
            text: qsTr("Their note: “%1”").arg(root.loaded ? root.p.note : "")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextField {
            id: note
            objectName: "profileNoteField"
            visible: root.loaded && !root.p.self && root.relation === "none" && !root.p.blocked
            placeholderText: qsTr("A note with your request (optional)")
            maximumLength: 140
            Layout.fillWidth: true
        }
        Label {
            visible: People.lastError !== "" && root.opened
            text: People.lastError
            color: Material.color(Material.Red)
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Flow {
            visible: root.loaded && !root.p.self
            spacing: 6
            Layout.fillWidth: true
            Button {
                objectName: "profileMessage"
                visible: !root.p.blocked
                text: qsTr("Message")
                highlighted: true
                onClicked: { root.close(); root.messageRequested(root.p.user) }
            }
            Button {
                objectName: "profileAdd"
                visible: root.relation === "none" && !root.p.blocked
                text: qsTr("Add friend")
                onClicked: People.act(root.p.user, "request", note.text)
            }
            Button {
                objectName: "profileAccept"
                visible: root.relation === "incoming"
                text: qsTr("Accept")
                onClicked: People.act(root.p.user, "accept")
            }
            Button {
                visible: root.relation === "incoming"
                text: qsTr("Decline")
                flat: true
                onClicked: People.act(root.p.user, "decline")
            }
            Button {
                visible: root.relation === "outgoing"
                text: qsTr("Cancel request")
                flat: true
                onClicked: People.act(root.p.user, "cancel")
            }
            Button {
                objectName: "profileRemove"
                visible: root.relation === "friend"
                text: qsTr("Remove friend")
                flat: true
                onClicked: People.act(root.p.user, "remove")
            }
            Button {
                objectName: "profileBlock"
                text: root.p.blocked ? qsTr("Unblock") : qsTr("Block")
                flat: true
                Material.foreground: root.p.blocked ? undefined : Material.Red
                onClicked: People.act(root.p.user, root.p.blocked ? "unblock" : "block")
            }
        }
    }
}
