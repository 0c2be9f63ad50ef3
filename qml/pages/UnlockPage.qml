// Start with a passphrase-protected store: ask for the passphrase.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

Page {
    id: root

    function submit() {
        if (App.busy || passphraseField.text === "")
            return
        App.unlock(passphraseField.text)
    }

    Component.onCompleted: passphraseField.forceActiveFocus()

    Connections {
        target: App
        function onLastErrorChanged() {
            if (App.lastError !== "") {
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
            text: App.userName !== ""
                ? qsTr("Enter the passphrase that protects %1's messages on this computer.").arg(App.userName)
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
            enabled: !App.busy
            onAccepted: root.submit()
            onTextEdited: if (App.lastError !== "") App.clearError()
        }
        Label {
            objectName: "errorLabel"
            visible: App.lastError !== ""
            text: App.lastError
            color: Material.theme === Material.Dark ? "#ff8a80" : "#c62828"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
        }
        RowLayout {
            Layout.fillWidth: true
            BusyIndicator {
                running: App.busy
                visible: running
                Layout.preferredWidth: 36
                Layout.preferredHeight: 36
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "unlockButton"
                text: qsTr("Unlock")
                highlighted: true
                enabled: !App.busy && passphraseField.text !== ""
                onClicked: root.submit()
            }
        }
    }
}
