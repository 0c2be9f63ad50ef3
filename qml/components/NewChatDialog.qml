// Ctrl+N: open a 1:1 chat by user name. Chats.openDirect validates the name
// and opens the chat there is, or starts one.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Natter

Dialog {
    id: root

    title: qsTr("New chat")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(420, parent ? parent.width - 40 : 420)
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    standardButtons: Dialog.Cancel

    property string errorText

    onAboutToShow: {
        nameField.text = ""
        errorText = ""
    }
    onOpened: nameField.forceActiveFocus()

    function submit() {
        const name = nameField.text.trim()
        if (name === "")
            return
        if (Chats.openDirect(name)) {
            root.close()
        } else {
            errorText = Chats.lastError !== "" ? Chats.lastError : qsTr("This user name is not valid.")
            Chats.clearError()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            text: qsTr("Whom do you want to write to?")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextField {
            id: nameField
            objectName: "newChatName"
            Layout.fillWidth: true
            placeholderText: qsTr("User name")
            inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
            onAccepted: root.submit()
            onTextEdited: root.errorText = ""
        }
        Label {
            visible: root.errorText !== ""
            text: root.errorText
            color: "#e53935"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Button {
            text: qsTr("Open chat")
            highlighted: true
            enabled: nameField.text.trim() !== ""
            Layout.alignment: Qt.AlignRight
            onClicked: root.submit()
        }
    }
}
