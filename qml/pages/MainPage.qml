// The main window content: conversation list, chat view, status line,
// dialogs and the keyboard shortcuts. Connects the App-free components to App.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtQml.Models
import Natter

Page {
    id: root

    // historyGap of the open conversation, looked up in the conversation model.
    readonly property bool currentHistoryGap: {
        const peer = App.currentPeer
        for (let i = 0; i < gapLookup.count; ++i) {
            const o = gapLookup.objectAt(i)
            if (o && o.title === peer)
                return o.historyGap
        }
        return false
    }

    function markReadIfVisible() {
        if (App.currentPeer !== "" && Qt.application.state === Qt.ApplicationActive)
            App.markRead()
    }

    Instantiator {
        id: gapLookup
        model: App.conversations
        delegate: QtObject {
            required property string title
            required property bool historyGap
        }
    }

    Connections {
        target: Qt.application
        function onStateChanged() { root.markReadIfVisible() }
    }

    Connections {
        target: App
        function onSendRejected(peer, text) {
            if (peer === App.currentPeer)
                chat.restoreText(text)
        }
    }

    Shortcut {
        sequences: ["Ctrl+K"]
        onActivated: switcher.open()
    }
    Shortcut {
        sequences: ["Ctrl+N"]
        onActivated: newChat.open()
    }
    Shortcut {
        sequences: ["Ctrl+,", StandardKey.Preferences]
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
                model: App.conversations
                currentPeer: App.currentPeer
                onOpenRequested: peer => App.currentPeer = peer
                onNewChatRequested: newChat.open()
                onSettingsRequested: settings.open()
            }

            ConnectionBar {
                Layout.fillWidth: true
                connectionState: App.connectionState
                outboxPending: App.outboxPending
            }
        }

        ChatView {
            id: chat
            SplitView.fillWidth: true
            SplitView.minimumWidth: 320
            peer: App.currentPeer
            messages: App.messages
            historyGap: root.currentHistoryGap
            draftStore: App
            subtitle: App.connectionState === "connected" ? ""
                : App.connectionState === "connecting" ? qsTr("Connecting…")
                : qsTr("Offline — messages are sent when the connection returns")
            onSendRequested: text => App.send(text)
            onRetryRequested: clientId => App.retry(clientId)
            onLoadOlderRequested: App.loadOlder()
            onReadUpToEnd: root.markReadIfVisible()
        }
    }

    NewChatDialog { id: newChat; onClosed: chat.focusComposer() }

    QuickSwitcher {
        id: switcher
        model: App.conversations
        onPicked: peer => App.currentPeer = peer
        onClosed: chat.focusComposer()
    }

    SettingsDialog { id: settings }
}
