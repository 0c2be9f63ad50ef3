// Ctrl+K: type to filter conversations by title, Up/Down to choose, Enter to
// open. Controller-free: takes the conversation model, emits
// picked(conversationId).
// The Qt.callLater lines say `qmllint disable type`: qmllint 6.4 takes
// that function for an untyped property.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtQml.Models

Popup {
    id: root

    property var model

    signal picked(string conversationId)

    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(460, parent ? parent.width - 40 : 460)
    height: Math.min(420, parent ? parent.height - 80 : 420)
    padding: 12
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    onAboutToShow: {
        filterField.text = ""
        filtered.refilter()
    }
    onOpened: filterField.forceActiveFocus()

    function openCurrent() {
        // The list shows the group `matching`, so its index is the group's.
        if (results.currentIndex < 0)
            return
        root.picked(matching.get(results.currentIndex).model.conversationId)
        root.close()
    }

    DelegateModel {
        id: filtered
        model: root.model
        filterOnGroup: "matching"
        groups: DelegateModelGroup {
            id: matching
            name: "matching"
            includeByDefault: true
        }

        function refilter() {
            const needle = filterField.text.trim().toLowerCase()
            for (let i = 0; i < items.count; ++i) {
                const entry = items.get(i)
                const title = String(entry.model.title).toLowerCase()
                entry.inMatching = needle === "" || title.indexOf(needle) >= 0
            }
            results.currentIndex = matching.count > 0 ? 0 : -1
        }

        items.onChanged: Qt.callLater(refilter) // qmllint disable type

        delegate: ItemDelegate {
            id: row
            required property var model
            readonly property string conversationId: model.conversationId
            width: ListView.view.width
            highlighted: ListView.isCurrentItem
            focusPolicy: Qt.NoFocus
            contentItem: RowLayout {
                spacing: 10
                Avatar {
                    name: row.model.title
                    initials: row.model.initials
                    Layout.preferredWidth: 30
                    Layout.preferredHeight: 30
                }
                Label {
                    text: row.model.title
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                }
                Label {
                    visible: row.model.unread > 0
                    text: row.model.unread
                    color: Material.accent
                    font.bold: true
                }
            }
            onClicked: {
                root.picked(conversationId)
                root.close()
            }
        }
    }

    // Material's Popup has no contentItem of its own: nothing is built twice.
    contentItem: ColumnLayout { // qmllint disable deferred-property-id
        spacing: 8

        TextField {
            id: filterField
            objectName: "switcherFilter"
            Layout.fillWidth: true
            placeholderText: qsTr("Jump to a conversation…")
            onTextChanged: filtered.refilter()
            Keys.onDownPressed: results.incrementCurrentIndex()
            Keys.onUpPressed: results.decrementCurrentIndex()
            onAccepted: root.openCurrent()
        }

        ListView {
            id: results
            objectName: "switcherResults"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: filtered
            keyNavigationWraps: true
            highlightMoveDuration: 0
        }

        Label {
            visible: results.count === 0
            text: filterField.text === "" ? qsTr("No conversations yet.") : qsTr("No conversation matches.")
            opacity: 0.6
            Layout.alignment: Qt.AlignHCenter
        }
    }
}
