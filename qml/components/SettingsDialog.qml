// Ctrl+,: account, the user's profile (display name, status line), this
// device, theme, privacy (receipts, presence, search, who may message),
// the account's devices (revoke the others) and log out.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

Dialog {
    id: root

    title: qsTr("Settings")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, parent ? parent.width - 40 : 520)
    height: Math.min(620, parent ? parent.height - 40 : 620)
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    standardButtons: Dialog.Close

    readonly property bool tls: Session.serverUrl.startsWith("wss://")

    onAboutToShow: Devices.refresh()
    onOpened: themeSystem.forceActiveFocus()

    function formatSeen(t) {
        if (!t || isNaN(t.getTime()) || t.getTime() <= 0)
            return qsTr("never seen")
        return qsTr("last seen %1").arg(t.toLocaleString(Qt.locale(), Locale.ShortFormat))
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: 6

            Label { text: qsTr("Account"); font.bold: true; font.pixelSize: 15 }
            GridLayout {
                columns: 2
                columnSpacing: 12
                Layout.fillWidth: true
                Label { text: qsTr("User"); opacity: 0.7 }
                Label { text: Session.userName; Layout.fillWidth: true; elide: Text.ElideRight }
                Label { text: qsTr("Server"); opacity: 0.7 }
                Label { text: Session.serverUrl; Layout.fillWidth: true; elide: Text.ElideMiddle }
                Label { visible: root.tls; text: qsTr("Certificate"); opacity: 0.7 }
                RowLayout {
                    visible: root.tls
                    Layout.fillWidth: true
                    TextField {
                        id: certPath
                        objectName: "settingsCertField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("PEM file to trust (empty: authorities only)")
                        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                        onAccepted: Session.trustServerCertificate(text)
                    }
                    Button {
                        objectName: "trustCertButton"
                        text: qsTr("Trust")
                        flat: true
                        onClicked: Session.trustServerCertificate(certPath.text)
                    }
                }
                Label { text: qsTr("This device"); opacity: 0.7 }
                Label { text: Session.deviceName; Layout.fillWidth: true; elide: Text.ElideRight }
            }

            Label {
                objectName: "settingsError"
                visible: root.tls && Session.lastError !== ""
                text: Session.lastError
                color: Material.color(Material.Red)
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            MenuSeparator { Layout.fillWidth: true }

            Label { text: qsTr("Profile"); font.bold: true; font.pixelSize: 15 }
            Label {
                text: qsTr("What your friends and people who find you see besides your user name.")
                wrapMode: Text.Wrap
                opacity: 0.7
                font.pixelSize: 12
                Layout.fillWidth: true
            }
            TextField {
                id: displayNameField
                objectName: "displayNameField"
                Layout.fillWidth: true
                placeholderText: qsTr("Display name")
                maximumLength: 64
                text: People.displayName
            }
            TextField {
                id: statusField
                objectName: "statusField"
                Layout.fillWidth: true
                placeholderText: qsTr("Status line, e.g. “on holiday until Monday”")
                maximumLength: 140
                text: People.status
            }
            RowLayout {
                Layout.fillWidth: true
                Label {
                    visible: People.lastError !== ""
                    text: People.lastError
                    color: "#e53935"
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Item { Layout.fillWidth: true; visible: People.lastError === "" }
                Button {
                    objectName: "saveProfileButton"
                    text: qsTr("Save profile")
                    enabled: (displayNameField.text !== People.displayName
                                              || statusField.text !== People.status)
                    onClicked: People.setOwnProfile(displayNameField.text, statusField.text)
                }
            }

            MenuSeparator { Layout.fillWidth: true }

            Label { text: qsTr("Theme"); font.bold: true; font.pixelSize: 15 }
            RowLayout {
                RadioButton {
                    id: themeSystem
                    text: qsTr("System")
                    checked: Theme.theme === "system"
                    onToggled: Theme.theme = "system"
                }
                RadioButton {
                    text: qsTr("Light")
                    checked: Theme.theme === "light"
                    onToggled: Theme.theme = "light"
                }
                RadioButton {
                    text: qsTr("Dark")
                    checked: Theme.theme === "dark"
                    onToggled: Theme.theme = "dark"
                }
            }

            MenuSeparator { Layout.fillWidth: true }

            Label { text: qsTr("Privacy"); font.bold: true; font.pixelSize: 15 }
            Switch {
                objectName: "receiptsSwitch"
                text: qsTr("Send read receipts")
                checked: Privacy.receiptsShared
                enabled: !Privacy.busy
                onToggled: Privacy.setReceiptsShared(checked)
            }
            Label {
                text: qsTr("When this is off, nobody sees when you have read their messages, and you do not see when others have read yours.")
                wrapMode: Text.Wrap
                opacity: 0.7
                Layout.fillWidth: true
            }
            Switch {
                objectName: "presenceSwitch"
                text: qsTr("Show friends when I am online")
                checked: Privacy.presenceShared
                enabled: !Privacy.busy
                onToggled: Privacy.setPresenceShared(checked)
            }
            Label {
                text: qsTr("When this is off, your friends do not see when you are online or were last seen, and you do not see theirs.")
                wrapMode: Text.Wrap
                opacity: 0.7
                Layout.fillWidth: true
            }
            Switch {
                objectName: "searchableSwitch"
                text: qsTr("Let people find me by name")
                checked: Privacy.searchable
                enabled: !Privacy.busy
                onToggled: Privacy.setSearchable(checked)
            }
            Switch {
                objectName: "friendsOnlySwitch"
                text: qsTr("Only friends may message me")
                checked: Privacy.friendsOnly
                enabled: !Privacy.busy
                onToggled: Privacy.setFriendsOnly(checked)
            }
            Label {
                text: qsTr("Others can still ask to be your friend; group chats are not affected.")
                wrapMode: Text.Wrap
                opacity: 0.7
                Layout.fillWidth: true
            }
            Label {
                visible: Privacy.lastError !== ""
                text: Privacy.lastError
                color: "#e53935"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            MenuSeparator { Layout.fillWidth: true }

            Label { text: qsTr("Devices"); font.bold: true; font.pixelSize: 15 }
            Label {
                text: qsTr("Every device with your account. Revoke a device you no longer use or have lost; it is signed out and cannot read new messages.")
                wrapMode: Text.Wrap
                opacity: 0.7
                font.pixelSize: 12
                Layout.fillWidth: true
            }

            Label {
                objectName: "devicesError"
                visible: Devices.lastError !== ""
                text: Devices.lastError
                color: Material.color(Material.Red)
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Repeater {
                model: Devices.model
                delegate: RowLayout {
                    id: deviceRow
                    required property string deviceId
                    required property string name
                    required property bool current
                    required property bool revoked
                    required property var lastSeen
                    Layout.fillWidth: true
                    spacing: 8

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            text: deviceRow.current ? qsTr("%1 (this device)").arg(deviceRow.name) : deviceRow.name
                            font.bold: deviceRow.current
                            font.strikeout: deviceRow.revoked
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            text: deviceRow.revoked ? qsTr("revoked") : root.formatSeen(deviceRow.lastSeen)
                            font.pixelSize: 11
                            opacity: 0.6
                        }
                    }
                    Button {
                        visible: !deviceRow.current && !deviceRow.revoked
                        text: qsTr("Revoke")
                        flat: true
                        onClicked: {
                            confirmRevoke.deviceId = deviceRow.deviceId
                            confirmRevoke.deviceName = deviceRow.name
                            confirmRevoke.open()
                        }
                    }
                }
            }

            MenuSeparator { Layout.fillWidth: true }

            Button {
                text: qsTr("Log out")
                Layout.alignment: Qt.AlignLeft
                onClicked: confirmLogout.open()
            }
        }
    }

    Dialog {
        id: confirmRevoke
        property string deviceId
        property string deviceName
        anchors.centerIn: Overlay.overlay
        modal: true
        title: qsTr("Revoke device?")
        standardButtons: Dialog.Cancel | Dialog.Ok
        Label {
            text: qsTr("\"%1\" will be signed out and will no longer receive messages.").arg(confirmRevoke.deviceName)
            wrapMode: Text.Wrap
            width: Math.min(implicitWidth, 380)
        }
        onAccepted: Devices.revoke(deviceId)
    }

    Dialog {
        id: confirmLogout
        anchors.centerIn: Overlay.overlay
        modal: true
        title: qsTr("Log out?")
        standardButtons: Dialog.Cancel | Dialog.Ok
        Label {
            text: qsTr("You will need your password to log in again on this device.")
            wrapMode: Text.Wrap
            width: Math.min(implicitWidth, 380)
        }
        onAccepted: {
            root.close()
            Session.logout()
        }
    }
}
