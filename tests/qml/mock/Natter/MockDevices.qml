// Stand-in for the C++ Devices singleton.
pragma Singleton
import QtQuick

QtObject {
    property string lastError: ""
    property ListModel model: ListModel {
        Component.onCompleted: {
            append({ deviceId: "1", name: "laptop", current: true, revoked: false, lastSeen: new Date() })
            append({ deviceId: "2", name: "phone", current: false, revoked: false, lastSeen: new Date(2024, 1, 1) })
            append({ deviceId: "3", name: "old pc", current: false, revoked: true, lastSeen: new Date(2023, 1, 1) })
        }
    }
    function refresh() {}
    function revoke(d) {}
}
