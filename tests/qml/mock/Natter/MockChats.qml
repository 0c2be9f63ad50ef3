// Stand-in for the C++ Chats singleton: the conversation list, the open
// conversation (by id), its messages, drafts; canned data.
pragma Singleton
import QtQuick

QtObject {
    id: chats
    property string lastError: ""
    property var drafts: ({})
    property int loadOlderCalls: 0
    property int markReadCalls: 0
    property var sent: []
    property int nextId: 100

    property QtObject current: QtObject {
        property string id: ""
        property string kind: "direct"
        property string title: ""
        property var members: []
        property bool historyGap: false
        property bool pending: false
        property string standing: ""
        property string announcement: ""
    }

    property ListModel conversations: ListModel {
        property int unreadTotal: 3
        ListElement { conversationId: "1"; title: "alice"; initials: "A"; lastText: "see you tomorrow!"; lastFrom: "alice"; unread: 3; historyGap: false; pending: false; lastMine: false; mentioned: false; kind: "direct" }
        ListElement { conversationId: "2"; title: "carol"; initials: "C"; lastText: "ok"; lastFrom: "bob"; unread: 0; historyGap: true; pending: false; lastMine: true; mentioned: false; kind: "direct" }
        ListElement { conversationId: "3"; title: "dave"; initials: "D"; lastText: ""; lastFrom: ""; unread: 0; historyGap: false; pending: false; lastMine: false; mentioned: false; kind: "direct" }
        Component.onCompleted: {
            setProperty(0, "lastTime", new Date())
            setProperty(1, "lastTime", new Date(2024, 4, 3, 10, 0))
            setProperty(2, "lastTime", new Date(NaN))
        }
    }
    property ListModel messages: ListModel {}

    function fill() {
        messages.clear()
        const base = new Date()
        for (let i = 0; i < 30; ++i) {
            const t = new Date(base.getTime() - (30 - i) * 3600 * 1000 * 3)
            const out = i % 3 === 0
            messages.append({ messageId: "" + i, seq: i, clientId: "cl" + i, from: out ? "bob" : current.title,
                text: i === 7 ? "A longer message that wraps around over several lines so we can see how the bubble behaves with wrapping text in it." : "message number " + i,
                state: out ? (i === 27 ? "failed" : i === 24 ? "pending" : "sent") : "received",
                outgoing: out, time: t, error: i === 27 ? "server rejected" : "", replyTo: 0 })
        }
    }

    function show(id, title, gap) {
        current.id = id
        current.title = title
        current.historyGap = gap
        current.members = ["bob", title]
        fill()
    }
    function open(conversationId) {
        for (let i = 0; i < conversations.count; ++i) {
            const c = conversations.get(i)
            if (c.conversationId === conversationId)
                return show(c.conversationId, c.title, c.historyGap)
        }
    }
    function openDirect(user) {
        if (user === "bad name") {
            lastError = "invalid user name"
            return false
        }
        for (let i = 0; i < conversations.count; ++i)
            if (conversations.get(i).title === user)
                return open(conversations.get(i).conversationId) || true
        show("-" + (nextId++), user, false)
        current.pending = true
        return true
    }
    function send(t) { sent.push(t); messages.append({ messageId: "", seq: 0, clientId: "new", from: "bob", text: t, state: "pending", outgoing: true, time: new Date(), error: "", replyTo: 0 }) }
    function retry(c) {}
    function loadOlder() { loadOlderCalls++ }
    function markRead() { markReadCalls++ }
    function setDraft(c, t) { drafts[c] = t }
    function draft(c) { return drafts[c] || "" }
    function clearError() { lastError = "" }
    signal sendRejected(string conversationId, string text)
}
