// New group: a name, the first members, who may join and what newcomers
// see. Groups.create asks the server; the group opens once the feed has
// brought it (Groups.arrived, handled by MainPage).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Natter

Dialog {
    id: root

    title: qsTr("New group")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(460, parent ? parent.width - 40 : 460)
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    standardButtons: Dialog.Cancel

    // What the combo boxes stand for, in their order.
    readonly property var joinPolicies: ["invite", "approval", "open"]
    readonly property var historyPolicies: ["joined", "all"]

    onAboutToShow: {
        nameField.text = ""
        membersField.text = ""
        joinBox.currentIndex = 0
        historyBox.currentIndex = 0
        Groups.clearError()
    }
    onOpened: nameField.forceActiveFocus()

    Connections {
        target: Groups
        function onArrived() { root.close() }
    }

    function submit() {
        if (nameField.text.trim() === "")
            return
        Groups.createGroup(nameField.text, membersField.text, joinPolicies[joinBox.currentIndex],
                      historyPolicies[historyBox.currentIndex])
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        TextField {
            id: nameField
            objectName: "groupNameField"
            Layout.fillWidth: true
            placeholderText: qsTr("Group name")
            maximumLength: 64
            onAccepted: membersField.forceActiveFocus()
        }
        TextField {
            id: membersField
            objectName: "groupMembersField"
            Layout.fillWidth: true
            placeholderText: qsTr("Members (user names, separated by commas)")
            inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
            onAccepted: root.submit()
        }
        Label { text: qsTr("Who may join") }
        ComboBox {
            id: joinBox
            objectName: "groupJoinPolicy"
            Layout.fillWidth: true
            model: [qsTr("Only people the admins invite"), qsTr("Anyone who asks, once an admin approves"),
                qsTr("Anyone who finds it")]
        }
        Label { text: qsTr("What new members see") }
        ComboBox {
            id: historyBox
            objectName: "groupHistoryPolicy"
            Layout.fillWidth: true
            model: [qsTr("Messages from when they join"), qsTr("The whole history")]
        }
        Label {
            visible: Groups.lastError !== ""
            text: Groups.lastError
            color: "#e53935"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Button {
            objectName: "createGroupButton"
            text: Groups.busy ? qsTr("Creating…") : qsTr("Create group")
            highlighted: true
            enabled: nameField.text.trim() !== "" && !Groups.busy
            Layout.alignment: Qt.AlignRight
            onClicked: root.submit()
        }
    }
}
