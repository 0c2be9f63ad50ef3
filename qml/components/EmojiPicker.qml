// A popup grid of common emoji. Emits picked(emoji); arrow keys move, Enter
// picks, Esc closes.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

Popup {
    id: root

    signal picked(string emoji)

    readonly property var emoji: [
        "😀", "😃", "😄", "😁", "😆", "😅", "😂", "🤣", "😊", "🙂",
        "😉", "😍", "🥰", "😘", "😋", "😜", "🤪", "😎", "🤩", "🥳",
        "😏", "😌", "😴", "🤔", "🤨", "😐", "😶", "🙄", "😬", "😮",
        "😲", "😳", "🥺", "😢", "😭", "😤", "😠", "😡", "🤯", "😱",
        "🤗", "🤭", "🤫", "😇", "🤠", "🤓", "😷", "🤒", "🤧", "🥶",
        "👍", "👎", "👌", "✌️", "🤞", "👏", "🙌", "🙏", "💪", "👋",
        "❤️", "🧡", "💛", "💚", "💙", "💜", "💔", "✨", "🔥", "🎉",
        "☕", "🍕", "🍺", "🎂", "🌹", "🌞", "🌙", "⭐", "✅", "❌"
    ]

    width: 10 * 38 + 2 * padding
    height: 8 * 38 + 2 * padding
    padding: 8
    modal: false
    focus: true
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    onOpened: grid.forceActiveFocus()

    // Material's Popup has no contentItem of its own: nothing is built twice.
    contentItem: GridView { // qmllint disable deferred-property-id
        id: grid
        objectName: "emojiGrid"
        clip: true
        cellWidth: 38
        cellHeight: 38
        model: root.emoji
        keyNavigationEnabled: true
        highlightFollowsCurrentItem: true
        highlight: Rectangle { radius: 6; color: "#3300897b" }
        delegate: ItemDelegate {
            id: cell
            required property string modelData
            required property int index
            width: 38
            height: 38
            padding: 0
            focusPolicy: Qt.NoFocus
            contentItem: Text {
                text: cell.modelData
                font.pixelSize: 22
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            onClicked: {
                root.picked(cell.modelData)
                root.close()
            }
        }
        Keys.onReturnPressed: pickCurrent()
        Keys.onEnterPressed: pickCurrent()
        Keys.onSpacePressed: pickCurrent()

        function pickCurrent() {
            if (currentIndex >= 0) {
                root.picked(root.emoji[currentIndex])
                root.close()
            }
        }
    }
}
