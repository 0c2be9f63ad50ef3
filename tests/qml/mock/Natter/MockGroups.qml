// Stand-in for the C++ Groups singleton: one loaded group whose members,
// requests and the user's role the tests set, and a record of every call.
pragma Singleton
import QtQuick

QtObject {
    property string groupId: ""
    property string name: ""
    property string join: "invite"
    property string history: "joined"
    property string announcement: ""
    property string remark: ""
    property string myRole: "member"
    property string myNickname: ""
    property int maxMembers: 2000
    property int online: 0
    property bool membersMayMentionAll: false
    property var members: []
    property var requests: []
    property int requestsToDecide: 0
    property var searchResults: []
    property bool busy: false
    property string lastError: ""
    property var calls: [] // [name, args...] of each call

    signal arrived(string conversationId)
    signal requestSent(string conversationId)

    function record(args) { calls = calls.concat([Array.prototype.slice.call(args)]) }
    function createGroup(n, m, j, h) { record(["createGroup", n, m, j, h]) }
    function load(id) { groupId = id; record(["load", id]) }
    function unload() { groupId = "" }
    function invite(u) { record(["invite", u]) }
    function kick(u) { record(["kick", u]) }
    function leave() { record(["leave"]) }
    function dissolve() { record(["dissolve"]) }
    function transfer(u) { record(["transfer", u]) }
    function setAdmin(u, a) { record(["setAdmin", u, a]) }
    function announce(t) { record(["announce", t]) }
    function rename(t) { record(["rename", t]) }
    function setNickname(t) { record(["setNickname", t]) }
    function setRemark(t) { record(["setRemark", t]) }
    function setMembersMayMentionAll(m) { record(["setMembersMayMentionAll", m]) }
    function approve(u) { record(["approve", u]) }
    function decline(u) { record(["decline", u]) }
    function search(t) { record(["search", t]) }
    function joinGroup(id, note) { record(["joinGroup", id, note]) }
    function clearError() { lastError = "" }
}
