// Stand-in for the People singleton (PeopleController): lists set by the
// test, calls recorded.
pragma Singleton
import QtQuick

QtObject {
    property var friends: []
    property var requests: []
    property var blocked: []
    property int incomingCount: 0
    property var searchResults: []
    property bool searching: false
    property var profile: ({})
    property string displayName: ""
    property string status: ""
    property string lastError: ""
    property var calls: [] // [name, args...] of each call

    signal actionDone(string user, string action)

    function record(c) { calls = calls.concat([c]) }
    function refresh() { record(["refresh"]) }
    function act(user, action, note) { record(["act", user, action, note === undefined ? "" : note]) }
    function search(text) { record(["search", text]) }
    function showProfile(user) { record(["showProfile", user]) }
    function setOwnProfile(name, status) { record(["setOwnProfile", name, status]) }
    function clearError() { lastError = "" }
}
