// Start with a passphrase-protected store: ask for the passphrase.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

Page {
    id: root

    function submit() {
        if (Session.busy || passphraseField.text === "")
            return
        Session.unlock(passphraseField.text)
    }

    Component.onCompleted: passphraseField.forceActiveFocus()

    Connections {
        target: Session
        function onLastErrorChanged() {
            if (Session.lastError !== "") {
                passphraseField.selectAll()
                passphraseField.forceActiveFocus()
            }
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(380, root.width - 48)
        spacing: 10

        Label {
            text: qsTr("Unlock Natter")
            font.pixelSize: 24
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: Session.userName !== ""
                ? qsTr("Enter the passphrase that protects %1's messages on this computer.").arg(Session.userName)
                : qsTr("Enter the passphrase that protects your messages on this computer.")
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            opacity: 0.75
            Layout.fillWidth: true
        }
        TextField {
            id: passphraseField
            objectName: "passphraseField"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
            enabled: !Session.busy
            onAccepted: root.submit()
            onTextEdited: if (Session.lastError !== "") Session.clearError()
        }
        Label {
            objectName: "errorLabel"
            visible: Session.lastError !== ""
            text: Session.lastError
            color: Material.theme === Material.Dark ? "#ff8a80" : "#c62828"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
        }
        RowLayout {
            Layout.fillWidth: true
            BusyIndicator {
                running: Session.busy
                visible: running
                Layout.preferredWidth: 36
                Layout.preferredHeight: 36
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "unlockButton"
                text: qsTr("Unlock")
                highlighted: true
                enabled: !Session.busy && passphraseField.text !== ""
                onClicked: root.submit()
            }
        }
    }
}
