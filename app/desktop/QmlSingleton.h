// QmlSingleton<T>: the one instance of a feature controller that QML sees
// as a singleton (QML_SINGLETON). DesktopApp creates it before the QML
// engine loads; create() hands that instance to the engine, on the GUI
// thread only, and keeps it owned by C++.
#pragma once

#include <QJSEngine>
#include <QQmlEngine>
#include <QThread>

namespace natter {

template<class T> class QmlSingleton
{
public:
    static T *instance() { return s_instance; }
    static T *create(QQmlEngine *, QJSEngine *)
    {
        Q_ASSERT(s_instance);
        Q_ASSERT(QThread::currentThread() == s_instance->thread());
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }

protected:
    QmlSingleton()
    {
        Q_ASSERT(!s_instance);
        s_instance = static_cast<T *>(this);
    }
    ~QmlSingleton() { s_instance = nullptr; }

private:
    static inline T *s_instance = nullptr;
};

} // namespace natter
