// Stand-in for the Privacy singleton (PrivacyController).
pragma Singleton
import QtQuick

QtObject {
    property bool receiptsShared: true
    property bool presenceShared: true
    property bool searchable: true
    property bool friendsOnly: false
    property bool busy: false
    property string lastError: ""
    property var calls: []
    function setReceiptsShared(s) { calls = calls.concat([["setReceiptsShared", s]]); receiptsShared = s }
    function setPresenceShared(s) { calls = calls.concat([["setPresenceShared", s]]); presenceShared = s }
    function setSearchable(s) { calls = calls.concat([["setSearchable", s]]); searchable = s }
    function setFriendsOnly(s) { calls = calls.concat([["setFriendsOnly", s]]); friendsOnly = s }
}
