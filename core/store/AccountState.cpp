#include "store/AccountState.h"

#include "store/Database.h"

namespace natter {

AccountState::AccountState(Database &db)
    : m_db(db)
{
}

QString AccountState::text(const char *key)
{
    Statement &st = m_db.prepare("SELECT value FROM state WHERE key = ?");
    st.bind(1, QString::fromLatin1(key));
    return st.firstText();
}

void AccountState::setText(const char *key, const QString &value)
{
    m_db.prepare("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)")
        .bind(1, QString::fromLatin1(key))
        .bind(2, value)
        .exec();
}

Account AccountState::account()
{
    Account a;
    a.serverUrl = text("server_url");
    a.user = text("user");
    a.userId = text("user_id").toULongLong();
    a.deviceId = text("device_id").toULongLong();
    a.token = text("token");
    a.deviceName = text("device_name");
    return a;
}

void AccountState::save(const Account &a)
{
    setText("server_url", a.serverUrl);
    setText("user", a.user);
    setText("user_id", QString::number(a.userId));
    setText("device_id", QString::number(a.deviceId));
    setText("token", a.token);
    setText("device_name", a.deviceName);
}

void AccountState::clearToken()
{
    setText("token", QString());
}

quint64 AccountState::feedSeq()
{
    return text("feed_seq").toULongLong();
}

void AccountState::setFeedSeq(quint64 seq)
{
    setText("feed_seq", QString::number(seq));
}

namespace {
QString flag(bool on)
{
    return on ? QStringLiteral("1") : QStringLiteral("0");
}
} // namespace

PrivacySettings AccountState::settings()
{
    PrivacySettings s;
    s.receiptsOff = receiptsOff();
    s.presenceOff = text("presence_off") == QLatin1String("1");
    s.unsearchable = text("unsearchable") == QLatin1String("1");
    s.friendsOnly = text("friends_only") == QLatin1String("1");
    return s;
}

bool AccountState::receiptsOff()
{
    return text("receipts_off") == QLatin1String("1");
}

void AccountState::setSettings(const PrivacySettings &s)
{
    setText("receipts_off", flag(s.receiptsOff));
    setText("presence_off", flag(s.presenceOff));
    setText("unsearchable", flag(s.unsearchable));
    setText("friends_only", flag(s.friendsOnly));
}

OwnProfile AccountState::profile()
{
    return { text("display_name"), text("status") };
}

void AccountState::setProfile(const OwnProfile &p)
{
    setText("display_name", p.displayName);
    setText("status", p.status);
}

QString AccountState::trustedCertificates()
{
    return text("trusted_cert");
}

void AccountState::setTrustedCertificates(const QString &pem)
{
    setText("trusted_cert", pem);
}

} // namespace natter
