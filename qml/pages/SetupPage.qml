// First start: register or log in, and choose how the store key is kept.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

Page {
    id: root

    property bool registerNew: false
    property string localError

    readonly property bool useKeychain: Session.keychainAvailable && keychainChoice.checked
    readonly property string shownError: localError !== "" ? localError : Session.lastError

    function submit() {
        if (Session.busy)
            return
        localError = ""
        Session.clearError()
        if (serverField.text.trim() === "" || userField.text.trim() === "" || passwordField.text === "") {
            localError = qsTr("Please fill in the server, user name and password.")
            return
        }
        if (deviceField.text.trim() === "") {
            localError = qsTr("Please give this device a name.")
            return
        }
        if (registerNew && passwordField.text !== passwordRepeat.text) {
            localError = qsTr("The two passwords differ.")
            return
        }
        if (!useKeychain) {
            if (passphraseField.text === "") {
                localError = qsTr("Please choose a passphrase.")
                return
            }
            if (passphraseField.text !== passphraseRepeat.text) {
                localError = qsTr("The two passphrases differ.")
                return
            }
        }
        Session.setupAccount(registerNew, serverField.text.trim(), userField.text.trim(), passwordField.text,
                         deviceField.text.trim(), useKeychain, useKeychain ? "" : passphraseField.text,
                         certField.visible ? certField.text.trim() : "")
    }

    function edited() {
        localError = ""
        if (Session.lastError !== "")
            Session.clearError()
    }

    // Filled once, not bound: a failed attempt opens and discards a profile,
    // and a binding to the session's account would then wipe what the user typed.
    Component.onCompleted: {
        serverField.text = Session.serverUrl !== "" ? Session.serverUrl : "ws://127.0.0.1:7070"
        userField.text = Session.userName
        deviceField.text = Session.deviceName !== "" ? Session.deviceName : qsTr("My computer")
        userField.forceActiveFocus()
    }

    ScrollView {
        id: scroller
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(440, scroller.availableWidth - 48)
            x: (scroller.availableWidth - width) / 2
            spacing: 10

            Item { Layout.preferredHeight: 24 }

            Image {
                source: "qrc:/icons/natter.svg"
                sourceSize.width: 64
                sourceSize.height: 64
                Layout.alignment: Qt.AlignHCenter
                visible: status === Image.Ready
            }
            Label {
                text: qsTr("Welcome to Natter")
                font.pixelSize: 26
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                text: qsTr("Your messages live on this computer and sync when you are online.")
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                opacity: 0.7
                Layout.fillWidth: true
            }

            TabBar {
                id: modeBar
                objectName: "modeBar"
                Layout.fillWidth: true
                currentIndex: root.registerNew ? 1 : 0
                onCurrentIndexChanged: root.registerNew = currentIndex === 1
                TabButton { text: qsTr("Log in") }
                TabButton { text: qsTr("Create account") }
            }

            Label { text: qsTr("Server"); font.pixelSize: 12; opacity: 0.7 }
            TextField {
                id: serverField
                objectName: "serverField"
                Layout.fillWidth: true
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }

            Label {
                visible: certField.visible
                text: qsTr("Server certificate (only for a self-hosted server whose certificate no authority signed)")
                font.pixelSize: 12
                opacity: 0.7
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            TextField {
                id: certField
                objectName: "certField"
                visible: serverField.text.trim().startsWith("wss://")
                Layout.fillWidth: true
                placeholderText: qsTr("Path of its PEM file, e.g. /home/me/natterd.pem")
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }

            Label { text: qsTr("User name"); font.pixelSize: 12; opacity: 0.7 }
            TextField {
                id: userField
                objectName: "userField"
                Layout.fillWidth: true
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }

            Label { text: qsTr("Password"); font.pixelSize: 12; opacity: 0.7 }
            TextField {
                id: passwordField
                objectName: "passwordField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                placeholderText: root.registerNew ? qsTr("At least 8 characters") : ""
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }
            TextField {
                id: passwordRepeat
                objectName: "passwordRepeat"
                visible: root.registerNew
                Layout.fillWidth: true
                echoMode: TextInput.Password
                placeholderText: qsTr("Repeat the password")
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }

            Label { text: qsTr("Device name"); font.pixelSize: 12; opacity: 0.7 }
            TextField {
                id: deviceField
                objectName: "deviceField"
                Layout.fillWidth: true
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }

            Label {
                text: qsTr("Key storage")
                font.bold: true
                Layout.topMargin: 8
            }
            Label {
                objectName: "keyExplanation"
                text: qsTr("Messages are stored encrypted on this computer: the system keychain can hold the key and unlock it with your login, or you type a passphrase at every start.")
                wrapMode: Text.Wrap
                opacity: 0.75
                Layout.fillWidth: true
            }
            RadioButton {
                id: keychainChoice
                objectName: "keychainChoice"
                text: qsTr("Keep the key in the system keychain")
                enabled: Session.keychainAvailable
                checked: Session.keychainAvailable
            }
            RadioButton {
                id: passphraseChoice
                objectName: "passphraseChoice"
                text: qsTr("Protect with a passphrase")
                checked: !Session.keychainAvailable
            }
            Label {
                objectName: "noKeychainWarning"
                visible: !Session.keychainAvailable
                text: qsTr("No system keychain answered, so the key cannot be stored there: a passphrase is required.")
                wrapMode: Text.Wrap
                color: Material.theme === Material.Dark ? "#ffcc80" : "#e65100"
                Layout.fillWidth: true
            }
            TextField {
                id: passphraseField
                objectName: "passphraseField"
                visible: !root.useKeychain
                Layout.fillWidth: true
                echoMode: TextInput.Password
                placeholderText: qsTr("Passphrase")
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }
            TextField {
                id: passphraseRepeat
                objectName: "passphraseRepeat"
                visible: !root.useKeychain
                Layout.fillWidth: true
                echoMode: TextInput.Password
                placeholderText: qsTr("Repeat the passphrase")
                onAccepted: root.submit()
                onTextEdited: root.edited()
            }
            Label {
                visible: !root.useKeychain
                text: qsTr("There is no way to recover a forgotten passphrase.")
                font.pixelSize: 12
                opacity: 0.65
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: "errorLabel"
                visible: root.shownError !== ""
                text: root.shownError
                color: Material.theme === Material.Dark ? "#ff8a80" : "#c62828"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 4
                BusyIndicator {
                    running: Session.busy
                    visible: running
                    Layout.preferredWidth: 36
                    Layout.preferredHeight: 36
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "submitButton"
                    text: root.registerNew ? qsTr("Create account") : qsTr("Log in")
                    highlighted: true
                    enabled: !Session.busy
                    onClicked: root.submit()
                }
            }

            Item { Layout.preferredHeight: 24 }
        }
    }
}
