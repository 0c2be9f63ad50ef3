// Stand-in for the C++ Session singleton: same property and method names, canned data.
pragma Singleton
import QtQuick

QtObject {
    property string page: "setup"
    property bool busy: false
    property string lastError: ""
    property bool keychainAvailable: false
    property string keychainProblem: ""
    property string connectionState: "connecting"
    property int outboxPending: 2
    property string userName: "bob"
    property string deviceName: "laptop"
    property string serverUrl: "ws://127.0.0.1:7070"

    function setupAccount(r, s, u, p, d, k, pp) { lastError = "wrong user name or password" }
    function trustServerCertificate(f) {}
    function unlock(p) { lastError = "wrong passphrase" }
    function logout() { page = "setup" }
    function clearError() { lastError = "" }
}
