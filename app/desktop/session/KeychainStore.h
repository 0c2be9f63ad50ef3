// The store key in the OS keychain (Secret Service on Linux) through
// QtKeychain. Asynchronous: every call answers through its callback on the
// GUI thread. Never falls back to plain-text storage: insecure fallback is
// off, and a missing keychain is reported as such.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace natter {

class KeychainStore : public QObject
{
    Q_OBJECT
public:
    explicit KeychainStore(QObject *parent = nullptr);

    // Answers whether a keychain backend responds (a read of a probe entry
    // that either exists or is reported missing).
    void probe(std::function<void(bool available, const QString &why)> done);
    void writeKey(const QString &profileId, const QByteArray &key,
        std::function<void(const QString &error)> done);
    void readKey(const QString &profileId,
        std::function<void(const QByteArray &key, const QString &error)> done);
    void deleteKey(const QString &profileId);

    static QString serviceName();
};

} // namespace natter
