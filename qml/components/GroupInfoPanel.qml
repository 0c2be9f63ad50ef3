// The open group's info, from the right edge: its name and announcement
// (admins edit them), the user's own nickname and private remark, the
// members with their roles (a menu per member for what the user's role
// allows: make or unmake admin, remove, hand the group over), inviting,
// the join requests admins decide, leaving and dissolving. Everything goes
// through Groups (queued in the outbox: works offline; a refusal shows
// Groups.lastError).
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Natter

Drawer {
    id: root

    property string conversationId
    readonly property bool isAdmin: Groups.myRole === "owner" || Groups.myRole === "admin"
    readonly property bool isOwner: Groups.myRole === "owner"

    edge: Qt.RightEdge
    width: Math.min(380, parent ? parent.width * 0.9 : 380)
    height: parent ? parent.height : 600

    onAboutToShow: {
        Groups.clearError()
        Groups.load(root.conversationId)
    }

    function roleLabel(role) {
        return role === "owner" ? qsTr("Owner") : role === "admin" ? qsTr("Admin") : ""
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: parent.width
            spacing: 10

            Label {
                objectName: "groupInfoName"
                text: Groups.name !== "" ? Groups.name : qsTr("Loading…")
                font.pixelSize: 20
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.margins: 16
                Layout.bottomMargin: 0
            }
            Label {
                objectName: "groupSummary"
                text: qsTr("%n member(s)", "", Groups.members.length) + " · "
                      + (Groups.online > 0 ? qsTr("%n online", "", Groups.online) + " · " : "")
                      + (Groups.join === "open" ? qsTr("anyone may join")
                         : Groups.join === "approval" ? qsTr("joining needs an admin's approval")
                         : qsTr("invitation only"))
                font.pixelSize: 12
                opacity: 0.6
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Label {
                objectName: "groupInfoError"
                visible: Groups.lastError !== ""
                text: Groups.lastError
                color: "#e53935"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }

            GroupBox {
                title: qsTr("Announcement")
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                ColumnLayout {
                    anchors.fill: parent
                    TextArea {
                        id: announcementField
                        objectName: "announcementField"
                        Layout.fillWidth: true
                        text: Groups.announcement
                        readOnly: !root.isAdmin
                        wrapMode: TextEdit.Wrap
                        placeholderText: root.isAdmin ? qsTr("Pinned for every member") : qsTr("None")
                    }
                    Button {
                        visible: root.isAdmin
                        enabled: announcementField.text !== Groups.announcement
                        text: qsTr("Save announcement")
                        onClicked: Groups.announce(announcementField.text)
                    }
                    // Who may @all (owner and admins choose; members only in small groups).
                    Switch {
                        objectName: "mentionAllSwitch"
                        visible: root.isAdmin
                        text: qsTr("Every member may @all (groups up to 100)")
                        checked: Groups.membersMayMentionAll
                        onToggled: Groups.setMembersMayMentionAll(checked)
                    }
                }
            }

            GroupBox {
                title: qsTr("You in this group")
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                GridLayout {
                    anchors.fill: parent
                    columns: 2
                    TextField {
                        id: nicknameField
                        objectName: "nicknameField"
                        Layout.fillWidth: true
                        text: Groups.myNickname
                        maximumLength: 32
                        placeholderText: qsTr("Your nickname here")
                        onAccepted: Groups.setNickname(text)
                    }
                    Button {
                        text: qsTr("Set")
                        enabled: nicknameField.text !== Groups.myNickname
                        onClicked: Groups.setNickname(nicknameField.text)
                    }
                    TextField {
                        id: remarkField
                        objectName: "remarkField"
                        Layout.fillWidth: true
                        text: Groups.remark
                        maximumLength: 200
                        placeholderText: qsTr("A private note (only you see it)")
                        onAccepted: Groups.setRemark(text)
                    }
                    Button {
                        text: qsTr("Save")
                        enabled: remarkField.text !== Groups.remark
                        onClicked: Groups.setRemark(remarkField.text)
                    }
                    TextField {
                        id: renameField
                        visible: root.isAdmin
                        Layout.fillWidth: true
                        text: Groups.name
                        maximumLength: 64
                        placeholderText: qsTr("Group name")
                    }
                    Button {
                        visible: root.isAdmin
                        text: qsTr("Rename")
                        enabled: renameField.text.trim() !== "" && renameField.text !== Groups.name
                        onClicked: Groups.rename(renameField.text)
                    }
                }
            }

            GroupBox {
                objectName: "joinRequestsBox"
                visible: root.isAdmin && Groups.requests.length > 0
                title: qsTr("Asking to join")
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                ColumnLayout {
                    anchors.fill: parent
                    Repeater {
                        model: Groups.requests
                        delegate: RowLayout {
                            id: request
                            required property var modelData
                            Layout.fillWidth: true
                            ColumnLayout {
                                spacing: 0
                                Layout.fillWidth: true
                                Label { text: request.modelData.user; font.bold: true }
                                Label {
                                    visible: text !== ""
                                    text: request.modelData.note
                                    wrapMode: Text.Wrap
                                    opacity: 0.7
                                    Layout.fillWidth: true
                                }
                            }
                            Button {
                                text: qsTr("Approve")
                                highlighted: true
                                onClicked: Groups.approve(request.modelData.user)
                            }
                            Button {
                                text: qsTr("Decline")
                                onClicked: Groups.decline(request.modelData.user)
                            }
                        }
                    }
                }
            }

            GroupBox {
                title: qsTr("Members")
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                ColumnLayout {
                    anchors.fill: parent
                    RowLayout {
                        visible: root.isAdmin || Groups.join === "open"
                        Layout.fillWidth: true
                        TextField {
                            id: inviteField
                            objectName: "inviteField"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Invite (user names)")
                            inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                            onAccepted: inviteButton.clicked()
                        }
                        Button {
                            id: inviteButton
                            objectName: "inviteButton"
                            text: qsTr("Invite")
                            enabled: inviteField.text.trim() !== ""
                            onClicked: {
                                Groups.invite(inviteField.text)
                                inviteField.text = ""
                            }
                        }
                    }
                    Repeater {
                        objectName: "memberRepeater"
                        model: Groups.members
                        delegate: ItemDelegate {
                            id: member
                            required property var modelData
                            readonly property bool canManage: root.isOwner
                                ? member.modelData.role !== "owner"
                                : root.isAdmin && member.modelData.role === "member"
                            Layout.fillWidth: true
                            contentItem: RowLayout {
                                Avatar {
                                    name: member.modelData.user
                                    online: member.modelData.online === true
                                    Layout.preferredWidth: 28
                                    Layout.preferredHeight: 28
                                }
                                Label {
                                    text: member.modelData.nickname !== ""
                                          ? member.modelData.nickname + " (" + member.modelData.user + ")"
                                          : member.modelData.user
                                    elide: Text.ElideRight
                                    Layout.fillWidth: true
                                }
                                Label {
                                    text: root.roleLabel(member.modelData.role)
                                    font.pixelSize: 12
                                    opacity: 0.6
                                }
                            }
                            onClicked: if (canManage) memberMenu.popup()

                            Menu {
                                id: memberMenu
                                MenuItem {
                                    visible: root.isOwner
                                    height: visible ? implicitHeight : 0
                                    text: member.modelData.role === "admin" ? qsTr("Remove as admin")
                                                                            : qsTr("Make admin")
                                    onTriggered: Groups.setAdmin(member.modelData.user,
                                                                 member.modelData.role !== "admin")
                                }
                                MenuItem {
                                    visible: root.isOwner
                                    height: visible ? implicitHeight : 0
                                    text: qsTr("Hand the group over")
                                    onTriggered: Groups.transfer(member.modelData.user)
                                }
                                MenuItem {
                                    text: qsTr("Remove from the group")
                                    onTriggered: Groups.kick(member.modelData.user)
                                }
                            }
                        }
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.margins: 12
                Button {
                    objectName: "leaveGroupButton"
                    visible: !root.isOwner && Groups.myRole !== ""
                    text: qsTr("Leave the group")
                    onClicked: Groups.leave()
                }
                Button {
                    objectName: "dissolveGroupButton"
                    visible: root.isOwner
                    text: qsTr("Dissolve the group")
                    onClicked: confirmDissolve.open()
                }
            }
        }
    }

    Dialog {
        id: confirmDissolve
        anchors.centerIn: Overlay.overlay
        modal: true
        title: qsTr("Dissolve the group?")
        standardButtons: Dialog.Cancel | Dialog.Ok
        Label {
            text: qsTr("Nobody can write in it any more; everyone keeps the history.")
            wrapMode: Text.Wrap
        }
        onAccepted: Groups.dissolve()
    }
}
