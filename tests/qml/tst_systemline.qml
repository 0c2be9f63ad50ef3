// A group's system line on its own: every kind of change worded, and no
// space taken when hidden (a message row).
import QtQuick
import QtTest
import "../../qml/components"

Item {
    id: top
    width: 600
    height: 200

    Component {
        id: lineComponent
        SystemLine { width: 600 }
    }

    TestCase {
        name: "SystemLine"
        when: windowShown

        function make(props) {
            const line = createTemporaryObject(lineComponent, top, props)
            verify(line)
            return line
        }

        function test_wordsEveryChange_data() {
            return [
                { tag: "created", op: "created", targets: [], detail: "team", want: "alice created the group “team”" },
                { tag: "added", op: "added", targets: ["bob", "carol"], want: "alice added bob, carol" },
                { tag: "removed", op: "removed", targets: ["bob"], want: "alice removed bob" },
                { tag: "left", op: "left", targets: [], want: "alice left the group" },
                { tag: "admin", op: "role", targets: ["bob"], role: "admin", want: "alice made bob an admin" },
                { tag: "member", op: "role", targets: ["bob"], role: "member", want: "alice made bob a member" },
                { tag: "owner", op: "owner", targets: ["bob"], want: "alice handed the group over to bob" },
                { tag: "renamed", op: "renamed", targets: [], detail: "crew", want: "alice renamed the group to “crew”" },
                { tag: "announced", op: "announcement", targets: [], detail: "hi", want: "alice changed the announcement" },
                { tag: "cleared", op: "announcement", targets: [], detail: "", want: "alice cleared the announcement" },
                { tag: "dissolved", op: "dissolved", targets: [], want: "alice dissolved the group" },
                { tag: "joined", op: "joined", targets: ["alice"], self: true, want: "alice joined the group" },
                { tag: "approved", op: "joined", targets: ["bob"], want: "alice let bob join the group" },
                { tag: "nickname", op: "nickname", targets: [], detail: "Al", want: "alice now goes by “Al” in this group" },
                { tag: "nickname cleared", op: "nickname", targets: [], detail: "", want: "alice cleared their nickname" },
                { tag: "mentions by members", op: "mentions", targets: [], detail: "members", want: "alice let every member mention everyone" },
                { tag: "mentions by admins", op: "mentions", targets: [], detail: "admins", want: "alice let only admins mention everyone" },
                { tag: "unknown", op: "changed", targets: [], want: "alice changed the group" },
            ]
        }

        function test_wordsEveryChange(data) {
            const line = make({ op: data.op, actor: "alice", targets: data.targets,
                                detail: data.detail || "", role: data.role || "",
                                byThemselves: data.self || false })
            compare(line.sentence, data.want)
            const label = findChild(line, "systemLineText")
            compare(label.text, data.want)
            verify(line.height > 0)
        }

        function test_hiddenTakesNoSpace() {
            const line = make({ op: "left", actor: "alice", visible: false })
            compare(line.implicitHeight, 0)
        }
    }
}
