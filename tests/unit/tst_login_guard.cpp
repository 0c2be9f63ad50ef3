// LoginGuard's backoff after failed sign-ins, on a fake clock: free
// failures, then doubling waits up to the cap; another address is not held
// up by an attacker's failures on the same account beyond the soft
// per-account wait; spraying many accounts from one address is slowed;
// success and time forget.
#include "accounts/LoginGuard.h"

#include <QTest>

using namespace natter::server;

namespace {
const QString kAlice = QStringLiteral("alice");
const QString kAttacker = QStringLiteral("10.0.0.66");
const QString kOwner = QStringLiteral("192.0.2.1");
} // namespace

class TestLoginGuard : public QObject
{
    Q_OBJECT
private slots:
    void freeFailuresThenDoublingWaits()
    {
        LoginGuard g;
        qint64 t = 1000;
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(g.waitMs(kAlice, kAttacker, t), 0);
            g.failed(kAlice, kAttacker, t);
        }
        // After the fifth: 1 s before the sixth attempt is checked.
        QCOMPARE(g.waitMs(kAlice, kAttacker, t), 1000);
        QCOMPARE(g.waitMs(kAlice, kAttacker, t + 400), 600);
        QCOMPARE(g.waitMs(kAlice, kAttacker, t + 1000), 0);
        g.failed(kAlice, kAttacker, t + 1000); // the sixth: 2 s
        QCOMPARE(g.waitMs(kAlice, kAttacker, t + 1000), 2000);
        for (int i = 0; i < 40; ++i) // far past the doubling: the cap holds
            g.failed(kAlice, kAttacker, t + 2000);
        QCOMPARE(g.waitMs(kAlice, kAttacker, t + 2000), 15 * 60 * 1000);
    }

    void theOwnerFromElsewhereIsNotLockedOut()
    {
        LoginGuard g;
        for (int i = 0; i < 200; ++i)
            g.failed(kAlice, kAttacker, 1000);
        QCOMPARE(g.waitMs(kAlice, kAttacker, 1000), 15 * 60 * 1000);
        // Elsewhere: the per-account backoff only, capped at 30 s.
        QCOMPARE(g.waitMs(kAlice, kOwner, 1000), 30 * 1000);
        QCOMPARE(g.waitMs(kAlice, kOwner, 1000 + 30 * 1000), 0);
        QCOMPARE(g.waitMs(QStringLiteral("bob"), kOwner, 1000), 0);
    }

    void sprayingFromOneAddressIsSlowed()
    {
        LoginGuard g;
        for (int i = 0; i < 20; ++i) // one try at each of 20 accounts
            g.failed(QStringLiteral("user%1").arg(i), kAttacker, 5000);
        QCOMPARE(g.waitMs(QStringLiteral("user99"), kAttacker, 5000), 1000);
        QCOMPARE(g.waitMs(QStringLiteral("user99"), kOwner, 5000), 0);
    }

    void successAndTimeForget()
    {
        LoginGuard g;
        for (int i = 0; i < 6; ++i)
            g.failed(kAlice, kOwner, 0);
        QVERIFY(g.waitMs(kAlice, kOwner, 0) > 0);
        g.succeeded(kAlice, kOwner);
        QCOMPARE(g.waitMs(kAlice, kOwner, 0), 0);
        for (int i = 0; i < 5; ++i)
            g.failed(kAlice, kAttacker, 0);
        const qint64 later = 16 * 60 * 1000; // past forgetAfterMs since the last failure
        QCOMPARE(g.waitMs(kAlice, kAttacker, later), 0);
        g.failed(kAlice, kAttacker, later); // counts from one again
        QCOMPARE(g.waitMs(kAlice, kAttacker, later), 0);
    }
};

QTEST_GUILESS_MAIN(TestLoginGuard)
#include "tst_login_guard.moc"
