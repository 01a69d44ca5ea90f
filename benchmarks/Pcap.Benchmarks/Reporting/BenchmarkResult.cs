using System.Text.Json;

namespace Pcap.Benchmarks.Reporting;

/// <summary>One benchmark case read from BenchmarkDotNet's JSON report: times in nanoseconds per operation.</summary>
internal sealed record BenchmarkResult(string Type, string Method, string Parameters, double MedianNanoseconds, double MeanNanoseconds,
    double StandardErrorNanoseconds, long? AllocatedBytes)
{
    /// <summary>Whether this is a reference implementation (libpcap or PacketDotNet) rather than PcapCore.</summary>
    public bool IsReference => Method.StartsWith("LibPcap", StringComparison.Ordinal) || Method.StartsWith("PacketDotNet", StringComparison.Ordinal);

    /// <summary>The comparison a method stands for: its name after the first underscore ("decode" in "PcapCore_decode").</summary>
    public string Aspect => Method.IndexOf('_', StringComparison.Ordinal) is var i and >= 0 ? Method[(i + 1)..] : "";

    /// <summary>Reads every BenchmarkDotNet JSON report (<c>--exporters json</c>) under <paramref name="directory"/>, plus the host description of the first.</summary>
    public static (List<BenchmarkResult> Results, JsonElement? Host) ReadAll(string directory)
    {
        var results = new List<BenchmarkResult>();
        JsonElement? host = null;
        foreach (var file in Directory.EnumerateFiles(directory, "*-report*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            if (host is null && root.TryGetProperty("HostEnvironmentInfo", out var info))
                host = info.Clone();
            foreach (var benchmark in root.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
                    continue; // a case that failed has no statistics; the run's log says why
                long? allocated = benchmark.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object
                    && memory.TryGetProperty("BytesAllocatedPerOperation", out var bytes) && bytes.ValueKind == JsonValueKind.Number
                    ? bytes.GetInt64() : null;
                var method = benchmark.GetProperty("Method").GetString() ?? "";
                results.Add(new BenchmarkResult(benchmark.GetProperty("Type").GetString() ?? "", method,
                    FullParameters(benchmark.GetProperty("FullName").GetString() ?? "", method), statistics.GetProperty("Median").GetDouble(),
                    statistics.GetProperty("Mean").GetDouble(), statistics.GetProperty("StandardError").GetDouble(), allocated));
            }
        }
        return (results.DistinctBy(r => (r.Type, r.Method, r.Parameters)).ToList(), host);
    }

    // "Parameters" is shortened for the console ("Filter=(tcp(...) tcp [102]"); FullName has them whole: Type.Method(Filter: "...").
    private static string FullParameters(string fullName, string method)
    {
        var start = fullName.IndexOf("." + method + "(", StringComparison.Ordinal);
        return start < 0 || !fullName.EndsWith(')') ? "" : fullName[(start + method.Length + 2)..^1];
    }
}
