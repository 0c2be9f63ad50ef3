// A group's system line in the chat ("alice added bob"), worded here in
// the user's language from what the event says: pure presentation
// (tests/qml/tst_systemline.qml).
import QtQuick
import QtQuick.Controls

Item {
    id: root

    // created, added, removed, left, role, owner, renamed, announcement,
    // dissolved, joined, nickname, mentions
    property string op
    property string actor
    property var targets: []
    property string detail // the name, announcement or nickname the change set; mentions: admins or members
    property string role // op "role": "admin" or "member"
    property bool byThemselves // op "joined": by themselves, not approved by the actor

    readonly property string sentence: {
        const who = (root.targets || []).join(qsTr(", "))
        switch (root.op) {
        case "created": return qsTr("%1 created the group “%2”").arg(root.actor).arg(root.detail)
        case "added": return qsTr("%1 added %2").arg(root.actor).arg(who)
        case "removed": return qsTr("%1 removed %2").arg(root.actor).arg(who)
        case "left": return qsTr("%1 left the group").arg(root.actor)
        case "role":
            return root.role === "admin" ? qsTr("%1 made %2 an admin").arg(root.actor).arg(who)
                                         : qsTr("%1 made %2 a member").arg(root.actor).arg(who)
        case "owner": return qsTr("%1 handed the group over to %2").arg(root.actor).arg(who)
        case "renamed": return qsTr("%1 renamed the group to “%2”").arg(root.actor).arg(root.detail)
        case "announcement":
            return root.detail === "" ? qsTr("%1 cleared the announcement").arg(root.actor)
                                      : qsTr("%1 changed the announcement").arg(root.actor)
        case "dissolved": return qsTr("%1 dissolved the group").arg(root.actor)
        case "joined":
            return root.byThemselves ? qsTr("%1 joined the group").arg(root.actor)
                                     : qsTr("%1 let %2 join the group").arg(root.actor).arg(who)
        case "nickname":
            return root.detail === "" ? qsTr("%1 cleared their nickname").arg(root.actor)
                                      : qsTr("%1 now goes by “%2” in this group").arg(root.actor).arg(root.detail)
        case "mentions":
            return root.detail === "members" ? qsTr("%1 let every member mention everyone").arg(root.actor)
                                             : qsTr("%1 let only admins mention everyone").arg(root.actor)
        default: return qsTr("%1 changed the group").arg(root.actor)
        }
    }

    implicitWidth: 400
    implicitHeight: visible ? line.implicitHeight + 12 : 0

    Label {
        id: line
        objectName: "systemLineText"
        anchors.centerIn: parent
        width: Math.min(implicitWidth, root.width - 48)
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: root.sentence
        font.pixelSize: 12
        opacity: 0.65
    }
}
