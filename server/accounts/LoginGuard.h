// LoginGuard: backoff after failed sign-ins, so passwords cannot be guessed
// at the rate of the sign-in limit — without letting anyone lock a user
// out for long. Failures are counted per (account, source address) and per
// source address; past a threshold each further failure doubles the wait
// before the next attempt from there is even checked (no Argon2id work is
// spent on it), up to a cap. A success clears the (account, address) pair.
// Another address is not held up by an attacker's failures on the same
// account beyond a soft per-account backoff, whose wait is capped far
// lower: guessing stays slow, the owner gets in.
//
//   pair (account, address): 5 failures free, then waits of 1 s, 2 s, ... ≤ 15 min
//   address (any account):   20 free, then 1 s, 2 s, ...                ≤ 15 min
//   account (any address):   50 free, then 1 s, 2 s, ...                ≤ 30 s
//
// A failure older than 15 minutes since the last one starts its count
// anew. Threads: any (one mutex); entries are pruned as they age.
#pragma once

#include <QHash>
#include <QString>

#include <mutex>

namespace natter::server {

class LoginGuard
{
public:
    static constexpr qint64 kMinuteMs = 60'000;
    struct Rule
    {
        int freeFailures = 5;
        qint64 capMs = 15 * kMinuteMs;
    };
    struct Rules
    {
        Rule pair { 5, 15 * kMinuteMs };
        Rule address { 20, 15 * kMinuteMs };
        Rule account { 50, kMinuteMs / 2 };
        qint64 forgetAfterMs = 15 * kMinuteMs;
    };

    LoginGuard() = default;
    explicit LoginGuard(const Rules &rules)
        : m_rules(rules)
    {
    }

    // 0 when an attempt may be checked now, else the milliseconds to wait.
    qint64 waitMs(const QString &account, const QString &address, qint64 nowMs) const;
    void failed(const QString &account, const QString &address, qint64 nowMs);
    void succeeded(const QString &account, const QString &address);

private:
    struct Count
    {
        int failures = 0;
        qint64 lastMs = 0;
    };
    qint64 waitOf(const QHash<QString, Count> &table, const QString &key, const Rule &rule,
        qint64 nowMs) const;
    void bump(QHash<QString, Count> &table, const QString &key, qint64 nowMs);
    void prune(qint64 nowMs);

    const Rules m_rules {};
    mutable std::mutex m_mutex;
    QHash<QString, Count> m_pairs, m_addresses, m_accounts;
    qint64 m_lastPruneMs = 0;
};

} // namespace natter::server
