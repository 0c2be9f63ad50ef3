// The main window content: conversation list, chat view, status line,
// dialogs, the group info panel, the people dialog and the keyboard
// shortcuts. Connects the controller-free components to the Chats, Groups,
// People and Session singletons;
// the open chat is Chats.current, known by its id.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Natter

Page {
    id: root

    function markReadIfVisible() {
        if (Chats.current.id !== "" && Application.state === Qt.ApplicationActive)
            Chats.markRead()
    }

    Connections {
        target: Application
        function onStateChanged() { root.markReadIfVisible() }
    }

    Connections {
        target: Chats
        function onSendRejected(conversationId, text) {
            if (conversationId === Chats.current.id)
                chat.restoreText(text)
        }
    }

    Connections {
        target: Groups
        // A group created or joined here has arrived: open it.
        function onArrived(conversationId) { Chats.open(conversationId) }
    }

    Shortcut {
        sequences: ["Ctrl+K"]
        onActivated: switcher.open()
    }
    Shortcut {
        sequences: ["Ctrl+P"]
        onActivated: people.open()
    }
    Shortcut {
        sequences: ["Ctrl+N"]
        onActivated: newChat.open()
    }
    Shortcut {
        // StandardKey, a value-type export of QtQuick: qmllint 6.4 does not see its enums.
        sequences: ["Ctrl+,", StandardKey.Preferences] // qmllint disable unqualified
        onActivated: settings.open()
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        ColumnLayout {
            SplitView.preferredWidth: 300
            SplitView.minimumWidth: 220
            SplitView.maximumWidth: 480
            spacing: 0

            ConversationList {
                id: conversationList
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: Chats.conversations
                currentConversationId: Chats.current.id
                onOpenRequested: conversationId => Chats.open(conversationId)
                requestsToDecide: Groups.requestsToDecide
                friendRequests: People.incomingCount
                onPeopleRequested: people.open()
                onNewChatRequested: newChat.open()
                onNewGroupRequested: newGroup.open()
                onJoinGroupRequested: joinGroup.open()
                onSettingsRequested: settings.open()
            }

            ConnectionBar {
                Layout.fillWidth: true
                connectionState: Session.connectionState
                outboxPending: Session.outboxPending
            }
        }

        ChatView {
            id: chat
            SplitView.fillWidth: true
            SplitView.minimumWidth: 320
            conversationId: Chats.current.id
            title: Chats.current.title
            messages: Chats.messages
            historyGap: Chats.current.historyGap
            standing: Chats.current.standing
            kind: Chats.current.kind
            announcement: Chats.current.announcement
            draftStore: Chats
            // Who may be @mentioned: the people of this chat, with the group's
            // members when its info is loaded.
            mentionable: {
                const names = Chats.current.members.filter(n => n !== Session.userName)
                if (Groups.groupId !== "" && Groups.groupId === Chats.current.id)
                    for (const m of Groups.members)
                        if (m.user !== Session.userName && names.indexOf(m.user) < 0)
                            names.push(m.user)
                return names
            }
            mayMentionAll: Chats.current.kind === "group"
                && (Groups.groupId !== Chats.current.id || Groups.myRole !== "member"
                    || Groups.membersMayMentionAll)
            subtitle: Session.connectionState === "connected" ? ""
                : Session.connectionState === "connecting" ? qsTr("Connecting…")
                : qsTr("Offline — messages are sent when the connection returns")
            onSendRequested: text => Chats.send(text)
            onRetryRequested: clientId => Chats.retry(clientId)
            error: Chats.lastError
            onLoadOlderRequested: Chats.loadOlder()
            onReadUpToEnd: root.markReadIfVisible()
            onErrorDismissed: Chats.clearError()
            onInfoRequested: groupInfo.open()
        }
    }

    GroupInfoPanel {
        id: groupInfo
        objectName: "groupInfoPanel"
        conversationId: Chats.current.id
    }
    NewGroupDialog { id: newGroup; objectName: "newGroupDialog" }
    JoinGroupDialog { id: joinGroup; objectName: "joinGroupDialog" }

    NewChatDialog { id: newChat; onClosed: chat.focusComposer() }

    QuickSwitcher {
        id: switcher
        model: Chats.conversations
        onPicked: conversationId => Chats.open(conversationId)
        onClosed: chat.focusComposer()
    }

    SettingsDialog { id: settings; objectName: "settingsDialog" }

    PeopleDialog {
        id: people
        objectName: "peopleDialog"
        onMessageRequested: user => {
            if (Chats.openDirect(user))
                people.close()
        }
        onClosed: chat.focusComposer()
    }
}
