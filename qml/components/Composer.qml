// Message input. Enter sends, Shift+Enter inserts a newline, whitespace-only
// text is never sent. Drafts are kept per conversation through `draftStore`,
// any object with draft(conversationId) -> string and
// setDraft(conversationId, text): Chats in the app, a plain JS object in
// tests. Typing @ and the start of a name offers the names in `mentionable`
// (and @all when `mayMentionAll`): Up/Down choose, Enter or Tab takes one,
// Escape closes the list.
pragma ComponentBehavior: Bound
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
    property var mentionable: [] // user names that may be @mentioned here
    property bool mayMentionAll: false
    // The names the word being typed (@prefix at the cursor) could become.
    readonly property var mentionChoices: {
        const prefix = root.mentionPrefix()
        if (prefix === null)
            return []
        const p = prefix.toLowerCase()
        const names = (root.mentionable || []).filter(n => n.toLowerCase().startsWith(p))
        if (root.mayMentionAll && "all".startsWith(p))
            names.push("all")
        return names.slice(0, 8)
    }
    property alias mentionList: mentionPopup

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

    // The text between an '@' (at the start or after a space) and the
    // cursor, or null when the cursor is not in such a word.
    function mentionPrefix() {
        const before = input.text.substring(0, input.cursorPosition)
        const m = /(^|\s)@([\w.-]*)$/.exec(before)
        return m ? m[2] : null
    }

    function updateMentionList() {
        if (root.mentionChoices.length > 0 && input.activeFocus)
            mentionPopup.open()
        else
            mentionPopup.close()
    }

    function takeMention(name) {
        const prefix = mentionPrefix()
        if (prefix === null)
            return
        const start = input.cursorPosition - prefix.length - 1
        input.remove(start, input.cursorPosition)
        input.insert(start, "@" + name + " ")
        mentionPopup.close()
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
                    Qt.callLater(root.updateMentionList) // qmllint disable type
                }

                // Once the text and the cursor both moved.
                onCursorPositionChanged: Qt.callLater(root.updateMentionList) // qmllint disable type

                Keys.onPressed: event => {
                    if (mentionPopup.visible) {
                        if (event.key === Qt.Key_Down || event.key === Qt.Key_Up) {
                            const n = root.mentionChoices.length
                            choices.currentIndex = (choices.currentIndex + (event.key === Qt.Key_Down ? 1 : n - 1)) % n
                            event.accepted = true
                            return
                        }
                        if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Tab) {
                            root.takeMention(root.mentionChoices[Math.max(choices.currentIndex, 0)])
                            event.accepted = true
                            return
                        }
                        if (event.key === Qt.Key_Escape) {
                            mentionPopup.close()
                            event.accepted = true
                            return
                        }
                    }
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

        Popup {
            id: mentionPopup
            objectName: "mentionPopup"
            parent: input
            y: -height - 6
            width: 220
            padding: 4
            focus: false
            closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutsideParent
            onAboutToShow: choices.currentIndex = 0

            // A child, not the contentItem (deferred: it could not have an id).
            ListView {
                id: choices
                objectName: "mentionChoices"
                implicitWidth: 212
                implicitHeight: contentHeight
                model: root.mentionChoices
                delegate: ItemDelegate {
                    id: choice
                    required property string modelData
                    required property int index
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    text: choice.modelData === "all" ? qsTr("@all — everyone in the group") : "@" + choice.modelData
                    onClicked: {
                        root.takeMention(choice.modelData)
                        input.forceActiveFocus()
                    }
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
