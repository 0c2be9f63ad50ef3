// Token buckets of the server's rate limiter, on a fake clock.
#include "gateway/RateLimiter.h"

#include <QTest>

using namespace natter::server;

class TestServerRateLimit : public QObject
{
    Q_OBJECT
private slots:
    void burstThenRate()
    {
        RateLimiter limiter(10, 5); // 10/s, burst 5
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.allowAt("a", 0));
        QVERIFY(!limiter.allowAt("a", 0));
        QVERIFY(!limiter.allowAt("a", 50)); // half a token
        QVERIFY(limiter.allowAt("a", 100)); // one token refilled
        QVERIFY(!limiter.allowAt("a", 100));
    }

    void keysAreIndependent()
    {
        RateLimiter limiter(1, 1);
        QVERIFY(limiter.allowAt("a", 0));
        QVERIFY(!limiter.allowAt("a", 0));
        QVERIFY(limiter.allowAt("b", 0));
    }

    void refillIsCappedAtBurst()
    {
        RateLimiter limiter(100, 3);
        QVERIFY(limiter.allowAt("a", 0));
        int allowed = 0;
        for (int i = 0; i < 10; ++i)
            allowed += limiter.allowAt("a", 1000000) ? 1 : 0;
        QCOMPARE(allowed, 3);
    }

    void pruningKeepsState()
    {
        RateLimiter limiter(1, 2);
        QVERIFY(limiter.allowAt("busy", 0));
        QVERIFY(limiter.allowAt("busy", 0));
        QVERIFY(limiter.allowAt("idle", 0));
        // The prune at 61 s drops full buckets only; "busy" has refilled by then too.
        QVERIFY(limiter.allowAt("busy", 61000));
        QVERIFY(limiter.allowAt("busy", 61000));
        QVERIFY(!limiter.allowAt("busy", 61000));
    }
};

QTEST_GUILESS_MAIN(TestServerRateLimit)
#include "tst_server_ratelimit.moc"
