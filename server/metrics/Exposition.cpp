#include "metrics/Exposition.h"

#include <cmath>

namespace natter::server::metrics {

namespace {

void appendEscaped(QByteArray &out, QByteArrayView value, bool help)
{
    for (const char c : value) {
        if (c == '\\')
            out.append("\\\\");
        else if (c == '\n')
            out.append("\\n");
        else if (c == '"' && !help)
            out.append("\\\"");
        else
            out.append(c);
    }
}

QByteArray number(double v)
{
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    if (std::isnan(v))
        return "NaN";
    return QByteArray::number(v, 'g', 15);
}

} // namespace

void Exposition::family(const char *name, const char *type, const char *help)
{
    m_out.append("# HELP ").append(name).append(' ');
    appendEscaped(m_out, help, true);
    m_out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
}

void Exposition::head(const char *name, std::initializer_list<Label> labels, const char *extraName,
    QByteArrayView extraValue)
{
    m_out.append(name);
    if (labels.size() == 0 && !extraName) {
        m_out.append(' ');
        return;
    }
    m_out.append('{');
    bool first = true;
    auto label = [&](const char *key, QByteArrayView value) {
        if (!first)
            m_out.append(',');
        first = false;
        m_out.append(key).append("=\"");
        appendEscaped(m_out, value, false);
        m_out.append('"');
    };
    for (const Label &l : labels)
        label(l.first, l.second);
    if (extraName)
        label(extraName, extraValue);
    m_out.append("} ");
}

void Exposition::sample(const char *name, double value, std::initializer_list<Label> labels)
{
    head(name, labels);
    m_out.append(number(value)).append('\n');
}

void Exposition::sample(const char *name, quint64 value, std::initializer_list<Label> labels)
{
    head(name, labels);
    m_out.append(QByteArray::number(value)).append('\n');
}

void Exposition::sample(const char *name, qint64 value, std::initializer_list<Label> labels)
{
    head(name, labels);
    m_out.append(QByteArray::number(value)).append('\n');
}

void Exposition::histogram(const char *name, const char *help, const HistogramSum &h)
{
    family(name, "histogram", help);
    histogramSeries(name, h);
}

void Exposition::histogramSeries(
    const char *name, const HistogramSum &h, std::initializer_list<Label> labels)
{
    const QByteArray base(name);
    const QByteArray bucketName = base + "_bucket";
    quint64 cumulative = 0;
    for (size_t i = 0; i < h.buckets.size(); ++i) {
        cumulative += h.buckets[i];
        const QByteArray le = i < h.bounds.size() ? number(h.bounds[i]) : QByteArray("+Inf");
        head(bucketName.constData(), labels, "le", le);
        m_out.append(QByteArray::number(cumulative)).append('\n');
    }
    if (h.buckets.empty()) { // no observer: an empty histogram is still one
        head(bucketName.constData(), labels, "le", "+Inf");
        m_out.append("0\n");
    }
    sample((base + "_sum").constData(), h.sum, labels);
    sample((base + "_count").constData(), cumulative, labels);
}

} // namespace natter::server::metrics
