using System.Text.Json;

namespace Pcap.Benchmarks.Reporting;

/// <summary>
/// One link type's result of <c>--compile-profile</c>: over <paramref name="Expressions"/> corpus expressions, the
/// distribution of <c>pcap_compile</c> time / <c>FilterCompiler.TryCompile</c> time (each expression's times the median
/// of <paramref name="Runs"/> runs), and the median times in microseconds.
/// </summary>
internal sealed record CompileProfileSummary(string LinkType, int Expressions, int Runs, double MedianRatio, double FirstQuartileRatio,
    double ThirdQuartileRatio, double LibpcapMedianMicroseconds, double OursMedianMicroseconds)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="summaries"/> as a JSON array.</summary>
    public static void WriteAll(string path, IReadOnlyList<CompileProfileSummary> summaries) =>
        File.WriteAllText(path, JsonSerializer.Serialize(summaries, Indented));

    /// <summary>Reads what <see cref="WriteAll"/> wrote.</summary>
    public static List<CompileProfileSummary> ReadAll(string path) =>
        JsonSerializer.Deserialize<List<CompileProfileSummary>>(File.ReadAllText(path)) ?? [];
}
