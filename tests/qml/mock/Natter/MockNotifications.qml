// Stand-in for the C++ Notifications singleton.
pragma Singleton
import QtQuick

QtObject {
    signal raiseRequested()
}
