// AccountState: the profile's own state — who it is on which server, its
// device token, the feed cursor, the trusted server certificate — in the
// state table, which only this class writes. Same thread as its Store.
#pragma once

#include <QString>

namespace natter {

class Database;

struct Account
{
    QString serverUrl;
    QString user;
    quint64 userId = 0;
    quint64 deviceId = 0;
    QString token; // empty when logged out
    QString deviceName;
    bool isLoggedIn() const { return !token.isEmpty(); }
};

class AccountState
{
public:
    explicit AccountState(Database &db);

    Account account();
    void save(const Account &account); // inside the caller's transaction, or on its own
    void clearToken();
    quint64 feedSeq();
    void setFeedSeq(quint64 seq);
    // PEM certificate(s) trusted for this profile's wss:// server besides
    // the system CAs ("" = none).
    QString trustedCertificates();
    void setTrustedCertificates(const QString &pem);
    // The user's setting (from the feed): read receipts are not shared.
    bool receiptsOff();
    void setReceiptsOff(bool off);

private:
    QString text(const char *key);
    void setText(const char *key, const QString &value);

    Database &m_db;
};

} // namespace natter
