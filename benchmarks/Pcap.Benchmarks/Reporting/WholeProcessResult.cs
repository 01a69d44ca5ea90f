using System.Text.Json;

namespace Pcap.Benchmarks.Reporting;

/// <summary>One command's wall-clock times from hyperfine's <c>--export-json</c> file (seconds).</summary>
internal sealed record WholeProcessResult(string Command, double MeanSeconds, double StandardDeviationSeconds, double MedianSeconds,
    double UserSeconds, double SystemSeconds, int Runs)
{
    /// <summary>Reads every result of a hyperfine JSON export.</summary>
    public static List<WholeProcessResult> ReadAll(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("results").EnumerateArray().Select(r => new WholeProcessResult(
            r.GetProperty("command").GetString() ?? "", r.GetProperty("mean").GetDouble(), Number(r, "stddev"),
            r.GetProperty("median").GetDouble(), Number(r, "user"), Number(r, "system"), r.GetProperty("times").GetArrayLength())).ToList();
    }

    // hyperfine writes null for the deviation of a single run.
    private static double Number(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;
}
