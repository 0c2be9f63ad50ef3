#include "accounts/LoginGuard.h"

#include <algorithm>

namespace natter::server {

namespace {

QString pairKey(const QString &account, const QString &address)
{
    return account + QLatin1Char('\n') + address;
}

} // namespace

qint64 LoginGuard::waitOf(
    const QHash<QString, Count> &table, const QString &key, const Rule &rule, qint64 nowMs) const
{
    const auto it = table.constFind(key);
    if (it == table.cend() || nowMs - it->lastMs > m_rules.forgetAfterMs)
        return 0;
    // The attempt after the last free failure waits 1 s, the next 2 s, ...
    const int over = it->failures - rule.freeFailures + 1;
    if (over <= 0)
        return 0;
    const qint64 backoff
        = over >= 31 ? rule.capMs : std::min<qint64>(rule.capMs, 1000LL << (over - 1));
    return std::max<qint64>(0, it->lastMs + backoff - nowMs);
}

qint64 LoginGuard::waitMs(const QString &account, const QString &address, qint64 nowMs) const
{
    std::lock_guard lock(m_mutex);
    return std::max({ waitOf(m_pairs, pairKey(account, address), m_rules.pair, nowMs),
        waitOf(m_addresses, address, m_rules.address, nowMs),
        waitOf(m_accounts, account, m_rules.account, nowMs) });
}

void LoginGuard::bump(QHash<QString, Count> &table, const QString &key, qint64 nowMs)
{
    Count &c = table[key];
    if (nowMs - c.lastMs > m_rules.forgetAfterMs)
        c.failures = 0;
    ++c.failures;
    c.lastMs = nowMs;
}

void LoginGuard::failed(const QString &account, const QString &address, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    bump(m_pairs, pairKey(account, address), nowMs);
    bump(m_addresses, address, nowMs);
    bump(m_accounts, account, nowMs);
    prune(nowMs);
}

void LoginGuard::succeeded(const QString &account, const QString &address)
{
    std::lock_guard lock(m_mutex);
    m_pairs.remove(pairKey(account, address));
}

void LoginGuard::prune(qint64 nowMs)
{
    if (nowMs - m_lastPruneMs < m_rules.forgetAfterMs)
        return;
    m_lastPruneMs = nowMs;
    for (QHash<QString, Count> *table : { &m_pairs, &m_addresses, &m_accounts })
        table->removeIf([&](const QHash<QString, Count>::iterator it) {
            return nowMs - it->lastMs > m_rules.forgetAfterMs;
        });
}

} // namespace natter::server
