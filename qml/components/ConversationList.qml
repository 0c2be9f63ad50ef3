// Left column: the conversations, in the order the model gives (by activity).
// Controller-free: MainPage passes the model, the open conversation's id and
// the counts of join and friend requests waiting, and handles openRequested,
// newChatRequested, newGroupRequested, joinGroupRequested, peopleRequested
// and settingsRequested.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Pane {
    id: root

    property var model
    property string currentConversationId
    property int requestsToDecide: 0 // join requests waiting for this user (a badge)
    property int friendRequests: 0 // friend requests waiting for this user (a badge)

    signal openRequested(string conversationId)
    signal newChatRequested()
    signal newGroupRequested()
    signal joinGroupRequested()
    signal settingsRequested()
    signal peopleRequested()

    padding: 0

    function formatTime(t) {
        if (!t || isNaN(t.getTime()))
            return ""
        const now = new Date()
        if (t.getFullYear() === now.getFullYear() && t.getMonth() === now.getMonth()
                && t.getDate() === now.getDate())
            return Qt.formatTime(t, "hh:mm")
        return t.toLocaleDateString(Qt.locale(), Locale.ShortFormat)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 4

            Label {
                text: qsTr("Chats")
                font.pixelSize: 20
                font.bold: true
                Layout.fillWidth: true
                Layout.leftMargin: 6
            }
            ToolButton {
                objectName: "newChatButton"
                text: "✎"
                font.pixelSize: 18
                Accessible.name: qsTr("New chat")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("New chat (Ctrl+N)")
                onClicked: root.newChatRequested()
            }
            ToolButton {
                objectName: "peopleButton"
                text: "👤"
                font.pixelSize: 16
                Accessible.name: qsTr("People")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Friends and requests (Ctrl+P)")
                onClicked: root.peopleRequested()

                Badge {
                    objectName: "friendRequestsBadge"
                    count: root.friendRequests
                }
            }
            ToolButton {
                objectName: "groupMenuButton"
                text: "👥"
                font.pixelSize: 16
                Accessible.name: qsTr("Groups")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("New group or join one")
                onClicked: groupMenu.open()

                Badge {
                    objectName: "requestsBadge"
                    count: root.requestsToDecide
                }

                Menu {
                    id: groupMenu
                    y: parent.height
                    MenuItem {
                        objectName: "newGroupItem"
                        text: qsTr("New group…")
                        onTriggered: root.newGroupRequested()
                    }
                    MenuItem {
                        objectName: "joinGroupItem"
                        text: qsTr("Find a group to join…")
                        onTriggered: root.joinGroupRequested()
                    }
                }
            }
            ToolButton {
                objectName: "settingsButton"
                text: "⚙"
                font.pixelSize: 18
                Accessible.name: qsTr("Settings")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Settings (Ctrl+,)")
                onClicked: root.settingsRequested()
            }
        }

        ListView {
            id: list
            objectName: "conversationListView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.model
            activeFocusOnTab: true
            keyNavigationEnabled: true
            currentIndex: -1
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            Keys.onReturnPressed: activateCurrent()
            Keys.onEnterPressed: activateCurrent()

            // Enter opens the highlighted row as a click would.
            function activateCurrent() {
                const row = currentItem as ItemDelegate
                if (row)
                    row.clicked()
            }

            delegate: ItemDelegate {
                id: row
                required property int index
                required property string conversationId
                required property string title
                required property string initials
                required property string lastText
                required property string lastFrom
                required property var lastTime
                required property int unread
                required property bool historyGap
                required property bool pending
                required property bool lastMine
                required property bool mentioned
                required property string kind

                width: ListView.view.width
                height: 64
                highlighted: row.conversationId === root.currentConversationId
                focusPolicy: Qt.NoFocus
                onClicked: {
                    row.ListView.view.currentIndex = row.index
                    root.openRequested(row.conversationId)
                }

                Rectangle {
                    anchors.fill: parent
                    visible: row.ListView.isCurrentItem && list.activeFocus
                    color: "transparent"
                    border.width: 2
                    border.color: Material.accent
                }

                contentItem: RowLayout {
                    spacing: 10

                    Avatar {
                        name: row.title
                        initials: row.initials
                        Layout.preferredWidth: 42
                        Layout.preferredHeight: 42
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2

                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                text: row.title
                                font.pixelSize: 15
                                font.bold: row.unread > 0
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: root.formatTime(row.lastTime)
                                font.pixelSize: 11
                                opacity: 0.6
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                text: row.lastText === ""
                                    ? (row.pending ? qsTr("Waiting to be sent")
                                       : row.historyGap ? qsTr("History not loaded yet") : qsTr("No messages yet"))
                                    : row.lastMine ? qsTr("You: %1").arg(row.lastText)
                                    : row.kind === "group" && row.lastFrom !== ""
                                      ? qsTr("%1: %2").arg(row.lastFrom).arg(row.lastText)
                                      : row.lastText
                                font.pixelSize: 13
                                opacity: row.unread > 0 ? 0.9 : 0.6
                                elide: Text.ElideRight
                                maximumLineCount: 1
                                Layout.fillWidth: true
                            }
                            // "@you": an unread message mentions the user.
                            Label {
                                objectName: "mentionBadge"
                                visible: row.mentioned
                                text: "@"
                                color: "white"
                                font.pixelSize: 12
                                font.bold: true
                                horizontalAlignment: Text.AlignHCenter
                                verticalAlignment: Text.AlignVCenter
                                Layout.preferredHeight: 20
                                Layout.preferredWidth: 20
                                background: Rectangle {
                                    radius: height / 2
                                    color: "#e65100"
                                }
                                Accessible.name: qsTr("You were mentioned")
                            }
                            // The unread badge: a pill at least as wide as high. No
                            // id in here: one would make this contentItem immediate,
                            // and every row would build the style's own first.
                            Label {
                                visible: row.unread > 0
                                text: row.unread > 99 ? "99+" : row.unread
                                color: "white"
                                font.pixelSize: 11
                                font.bold: true
                                horizontalAlignment: Text.AlignHCenter
                                verticalAlignment: Text.AlignVCenter
                                leftPadding: 5
                                rightPadding: 5
                                Layout.preferredHeight: 20
                                Layout.minimumWidth: 20
                                background: Rectangle {
                                    radius: height / 2
                                    color: Material.accent
                                }
                                Accessible.name: qsTr("%n unread", "", row.unread)
                            }
                        }
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 40
                visible: list.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                opacity: 0.6
                text: qsTr("No conversations yet.\nStart one with Ctrl+N.")
            }
        }
    }
}
