// AccountState: the profile's own state — who it is on which server, its
// device token, the feed cursor, the trusted server certificate — in the
// state table, which only this class writes. Same thread as its Store.
#pragma once

#include <QString>

namespace natter {

class Database;

// The user's privacy settings (UserSettings on the wire), as the feed last
// said (or as a queued change made them here).
struct PrivacySettings
{
    bool receiptsOff = false; // read receipts not shared (and none seen)
    bool presenceOff = false; // online state not shared (and none seen)
    bool unsearchable = false; // user search never lists the user
    bool friendsOnly = false; // only friends may message the user directly
};

// The user's own profile, as the server last said.
struct OwnProfile
{
    QString displayName;
    QString status;
};

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
    // The user's settings (from the feed, or the reply to a change).
    PrivacySettings settings();
    void setSettings(const PrivacySettings &settings);
    bool receiptsOff();
    OwnProfile profile();
    void setProfile(const OwnProfile &profile);

private:
    QString text(const char *key);
    void setText(const char *key, const QString &value);

    Database &m_db;
};

} // namespace natter
