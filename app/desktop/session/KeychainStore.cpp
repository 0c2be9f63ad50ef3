#include "session/KeychainStore.h"

#include <qt6keychain/keychain.h>

namespace natter {

namespace {
const QString kProbe = QStringLiteral("natter-keychain-probe");
}

KeychainStore::KeychainStore(QObject *parent)
    : QObject(parent)
{
}

QString KeychainStore::serviceName()
{
    return QStringLiteral("Natter");
}

void KeychainStore::probe(std::function<void(bool, const QString &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setInsecureFallback(false);
    job->setKey(kProbe);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        const auto err = j->error();
        const bool available = err == QKeychain::NoError || err == QKeychain::EntryNotFound;
        done(available, available ? QString() : j->errorString());
    });
    job->start();
}

void KeychainStore::writeKey(
    const QString &profileId, const QByteArray &key, std::function<void(const QString &)> done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setInsecureFallback(false);
    job->setKey(profileId);
    job->setBinaryData(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        done(j->error() == QKeychain::NoError ? QString() : j->errorString());
    });
    job->start();
}

void KeychainStore::readKey(
    const QString &profileId, std::function<void(const QByteArray &, const QString &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setInsecureFallback(false);
    job->setKey(profileId);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (read->error() != QKeychain::NoError)
            done({}, read->errorString());
        else
            done(read->binaryData(), QString());
    });
    job->start();
}

void KeychainStore::deleteKey(const QString &profileId)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setInsecureFallback(false);
    job->setKey(profileId);
    job->start();
}

} // namespace natter
