using System.Diagnostics;

namespace Pcap.Benchmarks.Filtering;

/// <summary>The statistics the Stopwatch harnesses (<c>--compile-profile</c>, <c>--compile-pair</c>) report over their timings.</summary>
internal static class SampleStatistics
{
    /// <summary>The <paramref name="q"/>-quantile of <paramref name="sorted"/> (ascending), interpolated between neighbours.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)position;
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    /// <summary>The median of <paramref name="values"/>, in any order.</summary>
    public static double Median(IEnumerable<double> values) => Quantile(values.Order().ToArray(), 0.5);

    /// <summary>Stopwatch ticks in microseconds.</summary>
    public static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
