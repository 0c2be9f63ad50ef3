// The Prometheus text writer and the single-writer instruments: label
// escaping, HELP escaping, cumulative buckets with +Inf, _count derived from
// the buckets, sums over threads, and the protocol names used as labels.
#include "metrics/Exposition.h"
#include "metrics/NetworkMetrics.h"
#include "protocol/ProtoNames.h"

#include <QTest>

using namespace natter::server::metrics;

class TestMetricsExposition : public QObject
{
    Q_OBJECT
private slots:
    void escapesLabelValuesAndHelp()
    {
        Exposition out;
        out.family("natter_x_total", "counter", "a \\ back\nslash");
        out.sample("natter_x_total", quint64(3), { { "v", "say \"hi\"\\\n" } });
        QCOMPARE(out.text(),
            QByteArray("# HELP natter_x_total a \\\\ back\\nslash\n"
                       "# TYPE natter_x_total counter\n"
                       "natter_x_total{v=\"say \\\"hi\\\"\\\\\\n\"} 3\n"));
    }

    void histogramIsCumulativeWithInf()
    {
        LocalHistogram a { 1, 10 };
        LocalHistogram b { 1, 10 };
        a.observe(0.5); // le=1
        a.observe(1); // le=1 (bounds are inclusive)
        b.observe(5); // le=10
        b.observe(50); // +Inf
        HistogramSum sum;
        sum.add(a);
        sum.add(b);
        Exposition out;
        out.histogram("natter_h", "h", sum);
        QCOMPARE(out.text(),
            QByteArray("# HELP natter_h h\n# TYPE natter_h histogram\n"
                       "natter_h_bucket{le=\"1\"} 2\n"
                       "natter_h_bucket{le=\"10\"} 3\n"
                       "natter_h_bucket{le=\"+Inf\"} 4\n"
                       "natter_h_sum 56.5\n"
                       "natter_h_count 4\n"));
    }

    void labelledHistogramSeriesAndEmptyOne()
    {
        Exposition out;
        out.family("natter_s", "histogram", "s");
        out.histogramSeries("natter_s", HistogramSum {}, { { "thread", "writer" } });
        QCOMPARE(out.text(),
            QByteArray("# HELP natter_s s\n# TYPE natter_s histogram\n"
                       "natter_s_bucket{thread=\"writer\",le=\"+Inf\"} 0\n"
                       "natter_s_sum{thread=\"writer\"} 0\n"
                       "natter_s_count{thread=\"writer\"} 0\n"));
    }

    void countersAndGauges()
    {
        LocalCounter c;
        c.add();
        c.add(41);
        QCOMPARE(c.value(), quint64(42));
        LocalGauge g;
        g.add(3);
        g.add(-5);
        QCOMPARE(g.value(), qint64(-2));
        Exposition out;
        out.gauge("natter_g", "g", g.value());
        out.gauge("natter_d", "d", 0.25);
        QVERIFY(out.text().endsWith("natter_g -2\n# HELP natter_d d\n# TYPE natter_d gauge\n"
                                    "natter_d 0.25\n"));
    }

    void protocolNames()
    {
        using natter::proto::Envelope;
        QCOMPARE(natter::envelopeBodyName(Envelope::kSend), "send");
        QCOMPARE(natter::envelopeBodyName(Envelope::kUserSearchRequest), "user_search_request");
        QCOMPARE(natter::envelopeBodyName(5), nullptr); // no body 5
        QVERIFY(natter::maxEnvelopeBody() >= Envelope::kUserSearch);
        QCOMPARE(natter::errorCodeLabel(natter::proto::RATE_LIMITED), "rate_limited");
        QCOMPARE(natter::errorCodeLabel(natter::proto::ACCOUNT_DISABLED), "account_disabled");
        QCOMPARE(natter::errorCodeLabel(999), nullptr);
        // Every request type and error code has its own counter slot.
        QVERIFY(natter::maxEnvelopeBody() < NetworkMetrics::kRequestSlots);
        QVERIFY(natter::maxErrorCode() < NetworkMetrics::kErrorSlots);
    }
};

QTEST_GUILESS_MAIN(TestMetricsExposition)
#include "tst_metrics_exposition.moc"
