// Right side of the main window: header, message list and composer.
// Controller-free: MainPage passes the conversation (its id and title) and
// the model, and handles the signals.
// The list runs oldest first; reaching the top asks for older messages
// (loadOlderRequested) and it sticks to the bottom until the user scrolls up.
// Bound: the delegate and the header use this file's ids (root, visual).
// The Qt.callLater lines say `qmllint disable type`: qmllint 6.4 takes
// that function for an untyped property.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtQml.Models

Pane {
    id: root

    property string conversationId // "" when none is open
    property string title
    property var messages
    property bool historyGap: false
    // "" (a member), "left" or "dissolved": then the history reads, nothing is sent.
    property string standing
    property string kind: "direct" // "group": incoming messages name their sender
    // A group's announcement, pinned under the header ("" when none).
    property string announcement
    property var draftStore: null
    property var mentionable: [] // names the composer offers after an @
    property bool mayMentionAll: false
    // Shown under the name in the header (e.g. "offline").
    property string subtitle
    // Why the last action in this chat failed ("" when nothing did).
    property string error

    signal sendRequested(string text)
    signal retryRequested(string clientId)
    signal loadOlderRequested()
    signal readUpToEnd()
    signal errorDismissed()
    signal infoRequested() // a group: its info panel

    padding: 0

    function focusComposer() {
        composer.inputItem.forceActiveFocus()
    }

    // Puts back a message that could not be queued, unless something new was typed.
    function restoreText(text) {
        if (composer.text === "")
            composer.text = text
    }

    function sameDay(a, b) {
        return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth()
            && a.getDate() === b.getDate()
    }

    function dayLabel(t) {
        const today = new Date()
        const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1)
        if (sameDay(t, today))
            return qsTr("Today")
        if (sameDay(t, yesterday))
            return qsTr("Yesterday")
        return t.toLocaleDateString(Qt.locale(), Locale.LongFormat)
    }

    onConversationIdChanged: {
        view.stick = true
        Qt.callLater(view.stickNow) // qmllint disable type
        Qt.callLater(focusComposer) // qmllint disable type
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        visible: root.conversationId !== ""

        // Header
        Pane {
            Layout.fillWidth: true
            Material.elevation: 1
            padding: 8
            leftPadding: 16
            z: 1

            RowLayout {
                anchors.fill: parent
                spacing: 10
                Avatar {
                    name: root.title
                    Layout.preferredWidth: 34
                    Layout.preferredHeight: 34
                }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    Label {
                        objectName: "conversationTitle"
                        text: root.title
                        font.pixelSize: 17
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: text !== ""
                        text: root.subtitle
                        font.pixelSize: 12
                        opacity: 0.6
                    }
                }
                ToolButton {
                    objectName: "groupInfoButton"
                    visible: root.kind === "group"
                    text: "ⓘ"
                    font.pixelSize: 18
                    Accessible.name: qsTr("Group info")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Group info")
                    onClicked: root.infoRequested()
                }
            }
        }

        Pane {
            objectName: "announcementBar"
            visible: root.kind === "group" && root.announcement !== ""
            Layout.fillWidth: true
            padding: 8
            leftPadding: 16
            Material.background: Material.color(Material.Amber, Material.Shade100)
            Material.foreground: "#3e2723"

            Label {
                objectName: "announcementText"
                anchors.fill: parent
                text: "📌 " + root.announcement
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            DelegateModel {
                id: visual
                model: root.messages
                delegate: Column {
                    id: wrap
                    required property int index
                    required property var model

                    readonly property var prevTime: index > 0 && index - 1 < visual.items.count
                        ? visual.items.get(index - 1).model.time : null
                    readonly property bool newDay: !prevTime || !model.time
                        || !root.sameDay(prevTime, model.time)

                    width: ListView.view.width
                    topPadding: index === 0 ? 8 : 0

                    Label {
                        visible: wrap.newDay && !!wrap.model.time
                        anchors.horizontalCenter: parent.horizontalCenter
                        topPadding: 12
                        bottomPadding: 6
                        text: wrap.model.time ? root.dayLabel(wrap.model.time) : ""
                        font.pixelSize: 12
                        font.bold: true
                        opacity: 0.55
                        height: visible ? implicitHeight : 0
                    }

                    SystemLine {
                        visible: !!wrap.model.system
                        width: parent.width
                        op: wrap.model.groupOp || ""
                        actor: wrap.model.actor || ""
                        targets: wrap.model.targets || []
                        detail: wrap.model.groupText || ""
                        role: wrap.model.groupRole || ""
                        byThemselves: wrap.model.byThemselves || false
                    }

                    MessageDelegate {
                        visible: !wrap.model.system
                        width: parent.width
                        text: wrap.model.text
                        from: wrap.model.senderName || wrap.model.from
                        state: wrap.model.state
                        outgoing: wrap.model.outgoing
                        time: wrap.model.time
                        error: wrap.model.error
                        clientId: wrap.model.clientId
                        showSender: root.kind === "group"
                        mentions: wrap.model.mentions || []
                        mentionAll: wrap.model.mentionAll || false
                        mentionsMe: wrap.model.mentionsMe || false
                        ticks: wrap.model.ticks || ""
                        groupReceipts: root.kind === "group"
                        readCount: wrap.model.readCount === undefined ? -1 : wrap.model.readCount
                        readTotal: wrap.model.readTotal || 0
                        readers: wrap.model.readers || []
                        onRetryRequested: clientId => root.retryRequested(clientId)
                    }
                }
            }

            ListView {
                id: view
                objectName: "messageView"
                anchors.fill: parent
                model: visual
                clip: true
                activeFocusOnTab: true
                boundsBehavior: Flickable.StopAtBounds
                cacheBuffer: 800
                ScrollBar.vertical: ScrollBar { id: vbar }

                // True while the view should follow new messages.
                property bool stick: true
                property bool autoPositioning: false
                property bool olderRequested: false

                function stickNow() {
                    autoPositioning = true
                    positionViewAtEnd()
                    autoPositioning = false
                    if (count > 0)
                        root.readUpToEnd()
                }

                function requestOlder() {
                    if (olderRequested || count === 0)
                        return
                    olderRequested = true
                    olderThrottle.restart()
                    root.loadOlderRequested()
                }

                footer: Item { width: 1; height: 10 }

                header: Item {
                    width: ListView.view.width
                    height: root.historyGap ? gapHint.implicitHeight : 0
                    Label {
                        id: gapHint
                        width: parent.width
                        visible: root.historyGap
                        horizontalAlignment: Text.AlignHCenter
                        padding: 10
                        wrapMode: Text.Wrap
                        font.pixelSize: 12
                        opacity: 0.65
                        text: qsTr("Older history not loaded yet — it arrives when the server is reachable.")
                    }
                }

                onCountChanged: {
                    olderRequested = false
                    if (stick)
                        Qt.callLater(stickNow) // qmllint disable type
                }
                onContentHeightChanged: {
                    if (stick)
                        Qt.callLater(stickNow) // qmllint disable type
                    // Not enough rows to scroll: fetch more so the view fills.
                    if (count > 0 && contentHeight < height)
                        Qt.callLater(requestOlder) // qmllint disable type
                }
                onContentYChanged: {
                    if (!autoPositioning && (moving || vbar.pressed))
                        stick = atYEnd
                }
                onMovementEnded: stick = atYEnd
                onAtYBeginningChanged: {
                    if (atYBeginning && !autoPositioning && (moving || vbar.pressed))
                        requestOlder()
                }
                onAtYEndChanged: if (atYEnd && stick) root.readUpToEnd()

                Keys.onPressed: event => {
                    const step = height * 0.9
                    if (event.key === Qt.Key_PageUp || event.key === Qt.Key_Up) {
                        contentY = Math.max(originY, contentY - (event.key === Qt.Key_Up ? 40 : step))
                        stick = false
                        if (atYBeginning)
                            requestOlder()
                        event.accepted = true
                    } else if (event.key === Qt.Key_PageDown || event.key === Qt.Key_Down) {
                        contentY = Math.min(originY + contentHeight - height,
                                            contentY + (event.key === Qt.Key_Down ? 40 : step))
                        stick = atYEnd
                        event.accepted = true
                    } else if (event.key === Qt.Key_End) {
                        stickNow()
                        stick = true
                        event.accepted = true
                    }
                }

                Timer {
                    id: olderThrottle
                    interval: 400
                    onTriggered: {
                        view.olderRequested = false
                        if (view.atYBeginning && !view.stick && view.count > 0)
                            view.requestOlder()
                    }
                }
            }

            RoundButton {
                id: jumpButton
                objectName: "jumpToLatest"
                visible: !view.stick && view.count > 0
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: 16
                text: "↓"
                font.pixelSize: 18
                Material.elevation: 4
                Accessible.name: qsTr("Jump to latest")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Jump to latest")
                onClicked: {
                    view.stick = true
                    view.stickNow()
                    root.focusComposer()
                }
            }

            Label {
                anchors.centerIn: parent
                visible: view.count === 0
                opacity: 0.55
                text: root.historyGap ? "" : qsTr("No messages yet. Say hello!")
            }
        }

        Pane {
            objectName: "chatError"
            visible: root.error !== ""
            Layout.fillWidth: true
            padding: 6
            leftPadding: 16
            RowLayout {
                anchors.fill: parent
                Label {
                    text: root.error
                    color: Material.color(Material.Red)
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("Dismiss")
                    onClicked: root.errorDismissed()
                }
            }
        }

        Label {
            objectName: "standingBanner"
            visible: root.standing !== ""
            Layout.fillWidth: true
            padding: 12
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: root.standing === "dissolved"
                ? qsTr("This group was dissolved. Its history stays here.")
                : qsTr("You are no longer a member of this group. What came before stays here.")
            opacity: 0.7
        }

        Composer {
            id: composer
            visible: root.standing === ""
            Layout.fillWidth: true
            conversationId: root.conversationId
            draftStore: root.draftStore
            mentionable: root.mentionable
            mayMentionAll: root.mayMentionAll
            Material.elevation: 1
            onSendRequested: text => {
                view.stick = true
                root.sendRequested(text)
                Qt.callLater(view.stickNow) // qmllint disable type
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: root.conversationId === ""
        horizontalAlignment: Text.AlignHCenter
        opacity: 0.55
        text: qsTr("Pick a conversation, or start a new one with Ctrl+N.\nCtrl+K jumps to a conversation.")
    }
}
