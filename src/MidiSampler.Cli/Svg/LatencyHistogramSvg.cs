using System.Globalization;
using System.Xml;

namespace MidiSampler.Cli.Svg;

/// <summary>
/// A latency histogram as SVG, in the manner of rt-tests' mklatencyplot: latency in µs on x, count on a
/// logarithmic y axis (so that rare late wake-ups stay visible), one outlined step histogram per series
/// (empty bins fall to the axis, so a lone late wake-up shows as a lone bar), the deadline marked.
/// Written with <see cref="XmlWriter"/>, so the output is always well-formed. Control thread.
/// </summary>
internal static class LatencyHistogramSvg
{
    private const double Width = 800, Height = 420, Left = 60, Right = 20, Top = 30, Bottom = 50;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c"];

    /// <summary>Writes the histograms of the series (values in ns) with 1 µs... bins, and the deadline line.</summary>
    public static void Write(TextWriter output, string title, IReadOnlyList<(string Name, long[] Nanoseconds)> series, double deadlineMicroseconds)
    {
        double maxUs = deadlineMicroseconds * 1.1;
        foreach (var (_, values) in series)
        {
            foreach (long v in values)
                maxUs = Math.Max(maxUs, v / 1e3);
        }

        const int bins = 200;
        double binUs = Math.Max(1, Math.Ceiling(maxUs / bins));
        var counts = series.Select(s =>
        {
            var c = new long[bins + 1];
            foreach (long v in s.Nanoseconds)
                c[Math.Clamp((int)(v / 1e3 / binUs), 0, bins)]++;
            return c;
        }).ToList();
        long maxCount = Math.Max(10, counts.SelectMany(c => c).DefaultIfEmpty(1).Max());
        double decades = Math.Ceiling(Math.Log10(maxCount));
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom, xMax = binUs * (bins + 1);
        double X(double us) => Left + (us / xMax * plotW);
        double Y(long count) => Top + plotH - (count <= 0 ? 0 : (Math.Log10(count) + 0.3) / (decades + 0.3) * plotH);

        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false });
        const string ns = "http://www.w3.org/2000/svg";
        w.WriteStartElement("svg", ns);
        Attr(w, "width", Width);
        Attr(w, "height", Height);
        w.WriteAttributeString("viewBox", $"0 0 {F(Width)} {F(Height)}");
        w.WriteAttributeString("font-family", "sans-serif");
        w.WriteAttributeString("font-size", "12");
        Text(w, Width / 2, 18, title, "middle");
        Line(w, Left, Top + plotH, Left + plotW, Top + plotH, "#000", null);
        Line(w, Left, Top, Left, Top + plotH, "#000", null);
        for (int d = 0; d <= decades; d++)
        {
            long count = (long)Math.Pow(10, d);
            Line(w, Left, Y(count), Left + plotW, Y(count), "#ddd", null);
            Text(w, Left - 6, Y(count) + 4, count.ToString(CultureInfo.InvariantCulture), "end");
        }

        for (int t = 0; t <= 5; t++)
        {
            double us = xMax * t / 5;
            Text(w, X(us), Top + plotH + 16, F(Math.Round(us)), "middle");
        }

        Text(w, Left + (plotW / 2), Height - 10, "latency (µs)", "middle");
        w.WriteStartElement("text", ns);
        Attr(w, "x", 16);
        Attr(w, "y", Top + (plotH / 2));
        w.WriteAttributeString("text-anchor", "middle");
        w.WriteAttributeString("transform", $"rotate(-90 16 {F(Top + (plotH / 2))})");
        w.WriteString("count (log)");
        w.WriteEndElement();
        Line(w, X(deadlineMicroseconds), Top, X(deadlineMicroseconds), Top + plotH, "#ff7f0e", "6,4");
        Text(w, X(deadlineMicroseconds) - 4, Top + 12, $"deadline {F(deadlineMicroseconds)} µs", "end", "#ff7f0e");

        for (int s = 0; s < series.Count; s++)
        {
            // A step outline: along the axis through empty bins, up and across each non-empty one.
            string colour = Colours[s % Colours.Length];
            var points = new List<string> { $"{F(X(0))},{F(Y(0))}" };
            for (int b = 0; b <= bins; b++)
            {
                double y = Y(counts[s][b]);
                points.Add($"{F(X(b * binUs))},{F(y)}");
                points.Add($"{F(X((b + 1) * binUs))},{F(y)}");
            }

            points.Add($"{F(X((bins + 1) * binUs))},{F(Y(0))}");
            w.WriteStartElement("polyline", ns);
            w.WriteAttributeString("fill", colour);
            w.WriteAttributeString("fill-opacity", "0.25");
            w.WriteAttributeString("stroke", colour);
            w.WriteAttributeString("points", string.Join(' ', points));
            w.WriteEndElement();
            Text(w, Left + (plotW * 0.4), Top + 16 + (s * 16), series[s].Name, "start", colour);
        }

        w.WriteEndElement();
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Attr(XmlWriter w, string name, double v) => w.WriteAttributeString(name, F(v));

    private static void Line(XmlWriter w, double x1, double y1, double x2, double y2, string stroke, string? dash)
    {
        w.WriteStartElement("line", "http://www.w3.org/2000/svg");
        Attr(w, "x1", x1);
        Attr(w, "y1", y1);
        Attr(w, "x2", x2);
        Attr(w, "y2", y2);
        w.WriteAttributeString("stroke", stroke);
        if (dash is not null)
            w.WriteAttributeString("stroke-dasharray", dash);
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, double x, double y, string text, string anchor, string? fill = null)
    {
        w.WriteStartElement("text", "http://www.w3.org/2000/svg");
        Attr(w, "x", x);
        Attr(w, "y", y);
        w.WriteAttributeString("text-anchor", anchor);
        if (fill is not null)
            w.WriteAttributeString("fill", fill);
        w.WriteString(text);
        w.WriteEndElement();
    }
}
