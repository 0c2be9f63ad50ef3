// Stand-in for the C++ App singleton: same property and method names, canned data.
pragma Singleton
import QtQuick

QtObject {
    id: app
    property string page: "setup"
    property bool busy: false
    property string lastError: ""
    property bool keychainAvailable: false
    property string connectionState: "connecting"
    property int outboxPending: 2
    property string userName: "bob"
    property string deviceName: "laptop"
    property string serverUrl: "ws://127.0.0.1:7070"
    property string currentPeer: ""
    property string theme: "system"
    property bool dark: theme === "dark"
    property var drafts: ({})
    property int loadOlderCalls: 0
    property int markReadCalls: 0
    property var sent: []

    property ListModel conversations: ListModel {
        property int unreadTotal: 3
        ListElement { conversationId: "c1"; title: "alice"; initials: "A"; lastText: "see you tomorrow!"; lastFrom: "alice"; unread: 3; historyGap: false }
        ListElement { conversationId: "c2"; title: "carol"; initials: "C"; lastText: "ok"; lastFrom: "bob"; unread: 0; historyGap: true }
        ListElement { conversationId: "c3"; title: "dave"; initials: "D"; lastText: ""; lastFrom: ""; unread: 0; historyGap: false }
        Component.onCompleted: {
            setProperty(0, "lastTime", new Date())
            setProperty(1, "lastTime", new Date(2024, 4, 3, 10, 0))
            setProperty(2, "lastTime", new Date(NaN))
        }
    }
    property ListModel messages: ListModel {}
    property ListModel devices: ListModel {
        Component.onCompleted: {
            append({ deviceId: "1", name: "laptop", current: true, revoked: false, lastSeen: new Date() })
            append({ deviceId: "2", name: "phone", current: false, revoked: false, lastSeen: new Date(2024, 1, 1) })
            append({ deviceId: "3", name: "old pc", current: false, revoked: true, lastSeen: new Date(2023, 1, 1) })
        }
    }

    function fill() {
        messages.clear()
        const base = new Date()
        for (let i = 0; i < 30; ++i) {
            const t = new Date(base.getTime() - (30 - i) * 3600 * 1000 * 3)
            const out = i % 3 === 0
            messages.append({ messageId: "" + i, seq: i, clientId: "cl" + i, from: out ? "bob" : currentPeer,
                text: i === 7 ? "A longer message that wraps around over several lines so we can see how the bubble behaves with wrapping text in it." : "message number " + i,
                state: out ? (i === 27 ? "failed" : i === 24 ? "pending" : "sent") : "received",
                outgoing: out, time: t, error: i === 27 ? "server rejected" : "" })
        }
    }
    onCurrentPeerChanged: fill()

    function setupAccount(r, s, u, p, d, k, pp) { lastError = "wrong user name or password" }
    function unlock(p) { lastError = "wrong passphrase" }
    function send(t) { sent.push(t); messages.append({ messageId: "", seq: 0, clientId: "new", from: "bob", text: t, state: "pending", outgoing: true, time: new Date(), error: "" }) }
    function openChat(u) { if (u === "bad name") { lastError = "invalid user name"; return false } currentPeer = u; return true }
    function retry(c) {}
    function loadOlder() { loadOlderCalls++ }
    function markRead() { markReadCalls++ }
    function setDraft(p, t) { drafts[p] = t }
    function draft(p) { return drafts[p] || "" }
    function refreshDevices() {}
    function revokeDevice(d) {}
    function logout() { page = "setup" }
    function clearError() { lastError = "" }
    signal notificationClicked(string peer)
    signal sendRejected(string peer, string text)
}
