// Ctrl+P: the user's people — friends (online first, with their status
// line), friend requests both ways (accept, decline, cancel), finding
// people by name to add (with a note), and blocked users. A row opens the
// profile card. The lists come from the local store (they work offline);
// presence is asked for while the dialog is open.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

Dialog {
    id: root

    title: qsTr("People")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, parent ? parent.width - 40 : 520)
    height: Math.min(620, parent ? parent.height - 40 : 620)
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    standardButtons: Dialog.Close

    // Opens a direct chat with this user (MainPage closes the dialog).
    signal messageRequested(string user)

    onAboutToShow: {
        People.clearError()
        People.refresh()
        tabs.currentIndex = People.incomingCount > 0 ? 1 : 0
    }

    function seen(p) {
        if (p.presenceHidden)
            return qsTr("presence hidden")
        if (p.online)
            return qsTr("online")
        if (p.lastSeen > 0)
            return qsTr("last seen %1").arg(new Date(p.lastSeen).toLocaleString(Qt.locale(),
                                                                                  Locale.ShortFormat))
        return ""
    }
    function label(p) {
        return p.displayName !== "" ? p.displayName + " (@" + p.user + ")" : "@" + p.user
    }
    // Online friends first, then by name (the store's order).
    function byPresence(list) {
        return list.slice().sort((a, b) => (b.online === true) - (a.online === true))
    }

    Timer {
        // Presence is a snapshot: ask again while the list is in view.
        interval: 30000
        repeat: true
        running: root.opened
        onTriggered: People.refresh()
    }

    Connections {
        target: People
        function onActionDone(user, action) {
            if (action === "request")
                noteField.text = ""
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        TabBar {
            id: tabs
            Layout.fillWidth: true
            TabButton { text: qsTr("Friends (%1)").arg(People.friends.length) }
            TabButton {
                objectName: "requestsTab"
                text: People.incomingCount > 0 ? qsTr("Requests (%1)").arg(People.incomingCount)
                                               : qsTr("Requests")
            }
            TabButton { objectName: "findTab"; text: qsTr("Find people") }
            TabButton { text: qsTr("Blocked") }
        }

        Label {
            objectName: "peopleError"
            visible: People.lastError !== ""
            text: People.lastError
            color: Material.color(Material.Red)
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // --- friends
            ListView {
                objectName: "friendsList"
                clip: true
                model: root.byPresence(People.friends)
                ScrollBar.vertical: ScrollBar {}
                delegate: PersonRow {
                    id: friendRow
                    detail: [friendRow.modelData.status, root.seen(friendRow.modelData)]
                        .filter(s => s !== "").join(" · ")
                    online: friendRow.modelData.online === true
                    onClicked: card.show(friendRow.modelData.user)
                    actions: [qsTr("Message")]
                    onActionTriggered: root.messageRequested(friendRow.modelData.user)
                }
                Label {
                    anchors.centerIn: parent
                    visible: People.friends.length === 0
                    text: qsTr("No friends yet: find people to add them.")
                    opacity: 0.6
                }
            }

            // --- requests, both ways
            ListView {
                objectName: "requestsList"
                clip: true
                model: People.requests
                ScrollBar.vertical: ScrollBar {}
                delegate: PersonRow {
                    id: requestRow
                    detail: requestRow.modelData.incoming
                        ? (requestRow.modelData.note !== "" ? qsTr("asks: “%1”").arg(requestRow.modelData.note)
                                                 : qsTr("asks to be your friend"))
                        : qsTr("waiting for an answer")
                    onClicked: card.show(requestRow.modelData.user)
                    actions: requestRow.modelData.incoming ? [qsTr("Accept"), qsTr("Decline")] : [qsTr("Cancel")]
                    onActionTriggered: action => People.act(requestRow.modelData.user,
                        requestRow.modelData.incoming ? (action === 0 ? "accept" : "decline") : "cancel")
                }
                Label {
                    anchors.centerIn: parent
                    visible: People.requests.length === 0
                    text: qsTr("No friend requests.")
                    opacity: 0.6
                }
            }

            // --- find people
            ColumnLayout {
                spacing: 6
                TextField {
                    id: searchField
                    objectName: "peopleSearchField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Name or display name (2 letters or more)")
                    inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                    onAccepted: People.search(text)
                    onTextEdited: typing.restart()
                    Timer {
                        // Search as the user types, once they pause.
                        id: typing
                        interval: 400
                        onTriggered: People.search(searchField.text)
                    }
                }
                TextField {
                    id: noteField
                    objectName: "friendNoteField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("A note with your request (optional)")
                    maximumLength: 140
                }
                ListView {
                    objectName: "searchResultsList"
                    clip: true
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    model: People.searchResults
                    ScrollBar.vertical: ScrollBar {}
                    delegate: PersonRow {
                        id: resultRow
                        detail: resultRow.modelData.state === "friend" ? qsTr("friend")
                              : resultRow.modelData.state === "outgoing" ? qsTr("request sent")
                              : resultRow.modelData.state === "incoming" ? qsTr("asked you")
                              : resultRow.modelData.status
                        onClicked: card.show(resultRow.modelData.user)
                        actions: resultRow.modelData.blocked ? []
                               : resultRow.modelData.state === "none" ? [qsTr("Add friend")]
                               : resultRow.modelData.state === "incoming" ? [qsTr("Accept")] : []
                        onActionTriggered: People.act(resultRow.modelData.user,
                            resultRow.modelData.state === "incoming" ? "accept" : "request", noteField.text)
                    }
                    Label {
                        anchors.centerIn: parent
                        visible: People.searchResults.length === 0 && searchField.text.length >= 2
                                 && !People.searching
                        text: typing.running ? "" : qsTr("Nobody found.")
                        opacity: 0.6
                    }
                }
            }

            // --- blocked
            ListView {
                objectName: "blockedList"
                clip: true
                model: People.blocked
                ScrollBar.vertical: ScrollBar {}
                delegate: PersonRow {
                    id: blockedRow
                    detail: qsTr("cannot message you or ask to be your friend")
                    onClicked: card.show(blockedRow.modelData.user)
                    actions: [qsTr("Unblock")]
                    onActionTriggered: People.act(blockedRow.modelData.user, "unblock")
                }
                Label {
                    anchors.centerIn: parent
                    visible: People.blocked.length === 0
                    text: qsTr("Nobody is blocked.")
                    opacity: 0.6
                }
            }
        }
    }

    ProfileCard {
        id: card
        onMessageRequested: user => root.messageRequested(user)
    }
}
