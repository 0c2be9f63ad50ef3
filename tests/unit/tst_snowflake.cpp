#include "protocol/Snowflake.h"

#include <QSet>
#include <QTest>

using natter::Snowflake;

class TestSnowflake : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        const qint64 t = 1795000000123; // 2026-11-18
        const quint64 id = Snowflake::compose({ t, 513, 4000 });
        const auto parts = Snowflake::decode(id);
        QCOMPARE(parts.unixMs, t);
        QCOMPARE(parts.node, 513u);
        QCOMPARE(parts.seq, 4000u);
    }
    void jsonIsIsoUtc()
    {
        const quint64 id = Snowflake::compose({ Snowflake::kEpochMs + 1500, 7, 3 });
        const QJsonObject o = Snowflake::toJson(id);
        QCOMPARE(o.value("time").toString(), QStringLiteral("2025-01-01T00:00:01.500Z"));
        QCOMPARE(o.value("node").toInt(), 7);
        QCOMPARE(o.value("seq").toInt(), 3);
        QCOMPARE(o.value("id").toString(), QString::number(id));
    }
    void monotonicWithinAndAcrossMilliseconds()
    {
        Snowflake gen(1);
        quint64 last = 0;
        QSet<quint64> seen;
        // 10,000 ids in the same millisecond overflow the 12-bit sequence twice.
        for (int i = 0; i < 10000; ++i) {
            const quint64 id = gen.nextAt(Snowflake::kEpochMs + 1000);
            QVERIFY(id > last);
            last = id;
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 10000);
        // A clock that steps back must not produce smaller ids.
        QVERIFY(gen.nextAt(Snowflake::kEpochMs + 10) > last);
    }
    void nodeIsMasked()
    {
        Snowflake gen(Snowflake::kMaxNode + 5);
        QCOMPARE(Snowflake::decode(gen.next()).node, 4u);
    }
};

QTEST_GUILESS_MAIN(TestSnowflake)
#include "tst_snowflake.moc"
