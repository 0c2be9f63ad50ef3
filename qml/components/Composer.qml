// Message input. Enter sends, Shift+Enter inserts a newline, whitespace-only
// text is never sent. Drafts are kept per conversation through `draftStore`,
// any object with draft(conversationId) -> string and
// setDraft(conversationId, text): Chats in the app, a plain JS object in
// tests.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Pane {
    id: root

    property string conversationId
    property var draftStore: null
    property alias text: input.text
    property alias inputItem: input

    signal sendRequested(string text)

    // The conversation whose draft is currently in the field.
    property string _loadedConversation: ""

    padding: 8

    function saveDraft() {
        if (draftStore && _loadedConversation !== "")
            draftStore.setDraft(_loadedConversation, input.text)
    }

    function loadDraft() {
        let t = ""
        if (draftStore && conversationId !== "")
            t = draftStore.draft(conversationId) || ""
        input.text = t
        input.cursorPosition = input.length
        _loadedConversation = conversationId
    }

    function submit() {
        const t = input.text
        if (t.trim() === "")
            return false
        root.sendRequested(t)
        input.clear()
        if (draftStore && conversationId !== "")
            draftStore.setDraft(conversationId, "")
        return true
    }

    function insertText(s) {
        input.insert(input.cursorPosition, s)
    }

    onConversationIdChanged: {
        if (conversationId === _loadedConversation)
            return
        saveDraft()
        loadDraft()
    }
    onDraftStoreChanged: {
        if (input.text === "")
            loadDraft()
    }
    Component.onCompleted: loadDraft()
    Component.onDestruction: saveDraft()

    // Keep the stored draft fresh while typing, so it survives a crash.
    Timer {
        id: draftTimer
        interval: 1500
        onTriggered: root.saveDraft()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 6

        ToolButton {
            id: emojiButton
            objectName: "emojiButton"
            text: "🙂"
            font.pixelSize: 20
            Layout.alignment: Qt.AlignBottom
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Insert emoji")
            Accessible.name: qsTr("Insert emoji")
            onClicked: picker.open()

            EmojiPicker {
                id: picker
                y: -height - 4
                onPicked: emoji => {
                    root.insertText(emoji)
                    input.forceActiveFocus()
                }
            }
        }

        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(Math.max(input.implicitHeight, 40), 160)
            Layout.alignment: Qt.AlignVCenter

            TextArea {
                id: input
                objectName: "input"
                wrapMode: TextArea.Wrap
                textFormat: TextArea.PlainText
                placeholderText: qsTr("Write a message…")
                font.pixelSize: 15
                focus: true
                Accessible.name: qsTr("Message")

                onTextChanged: {
                    if (input.text !== "" || root._loadedConversation !== "")
                        draftTimer.restart()
                }

                Keys.onPressed: event => {
                    if (event.key !== Qt.Key_Return && event.key !== Qt.Key_Enter)
                        return
                    if (event.modifiers & Qt.ShiftModifier) {
                        if (input.selectedText !== "")
                            input.remove(input.selectionStart, input.selectionEnd)
                        input.insert(input.cursorPosition, "\n")
                    } else {
                        root.submit()
                    }
                    event.accepted = true
                }
            }
        }

        RoundButton {
            id: sendButton
            objectName: "sendButton"
            text: "➤"
            flat: true
            Layout.alignment: Qt.AlignBottom
            enabled: input.text.trim() !== ""
            Material.foreground: Material.accent
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Send (Enter)")
            Accessible.name: qsTr("Send")
            onClicked: {
                root.submit()
                input.forceActiveFocus()
            }
        }
    }
}
