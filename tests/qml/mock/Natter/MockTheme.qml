// Stand-in for the C++ Theme singleton.
pragma Singleton
import QtQuick

QtObject {
    property string theme: "system"
    property bool dark: theme === "dark"
}
