// Stand-in for the Privacy singleton (PrivacyController).
pragma Singleton
import QtQuick

QtObject {
    property bool receiptsShared: true
    property bool busy: false
    property string lastError: ""
    property var calls: []
    function setReceiptsShared(s) { calls = calls.concat([["setReceiptsShared", s]]); receiptsShared = s }
}
