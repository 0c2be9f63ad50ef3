// PrivacyController, the QML singleton `Privacy`: what the user shares —
// read receipts today (off: others do not see what this user read, and
// this user sees none of theirs). Changing it needs the server; the
// user's other devices learn it from the feed. Lives on the GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"

#include <QObject>
#include <QQmlEngine>

namespace natter {

class PrivacyController : public QObject, public QmlSingleton<PrivacyController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Privacy)
    QML_SINGLETON

    Q_PROPERTY(bool receiptsShared READ receiptsShared NOTIFY receiptsSharedChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit PrivacyController(AppContext &context, QObject *parent = nullptr);

    bool receiptsShared() const { return m_receiptsShared; }
    bool busy() const { return m_busy; }
    QString lastError() const { return m_lastError; }

    Q_INVOKABLE void setReceiptsShared(bool shared);

signals:
    void receiptsSharedChanged();
    void busyChanged();
    void lastErrorChanged();

private:
    void reload(); // from the engine's store
    void setShared(bool shared);
    void setError(const QString &error);

    AppContext &m_ctx;
    bool m_receiptsShared = true;
    bool m_busy = false;
    QString m_lastError;
};

} // namespace natter
