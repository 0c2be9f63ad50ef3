// Exposition: writes metrics in the Prometheus text format (version 0.0.4):
// per family a HELP and a TYPE line, then its samples, all together; label
// values escaped; histograms as cumulative _bucket{le} lines ending in
// +Inf, then _sum and _count. Names follow Prometheus' rules by the
// caller's choice (natter_ prefix, base units, _total for counters); this
// class only checks them in debug builds.
#pragma once

#include "metrics/Counters.h"

#include <QByteArray>

#include <initializer_list>
#include <utility>

namespace natter::server::metrics {

using Label = std::pair<const char *, QByteArrayView>;

class Exposition
{
public:
    // HELP and TYPE ("counter", "gauge", "histogram") of the samples that follow.
    void family(const char *name, const char *type, const char *help);
    void sample(const char *name, double value, std::initializer_list<Label> labels = {});
    void sample(const char *name, quint64 value, std::initializer_list<Label> labels = {});
    void sample(const char *name, qint64 value, std::initializer_list<Label> labels = {});

    // A family of one unlabelled sample.
    template<class T> void counter(const char *name, const char *help, T value)
    {
        family(name, "counter", help);
        sample(name, value);
    }
    template<class T> void gauge(const char *name, const char *help, T value)
    {
        family(name, "gauge", help);
        sample(name, value);
    }
    void histogram(const char *name, const char *help, const HistogramSum &h);
    // One series of a histogram family (after family(name, "histogram", ...)).
    void histogramSeries(
        const char *name, const HistogramSum &h, std::initializer_list<Label> labels = {});

    const QByteArray &text() const { return m_out; }

private:
    void head(const char *name, std::initializer_list<Label> labels,
        const char *extraName = nullptr, QByteArrayView extraValue = {});

    QByteArray m_out;
};

} // namespace natter::server::metrics
