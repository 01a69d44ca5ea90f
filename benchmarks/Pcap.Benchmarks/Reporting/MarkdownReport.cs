using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pcap.Benchmarks.Reporting;

/// <summary>
/// Builds docs/benchmarks.md from one run: the machine, a headline table of median ratios (reference time / PcapCore
/// time, so 5.0× means PcapCore takes a fifth of the time), then every case with absolute times and allocations.
/// </summary>
internal static class MarkdownReport
{
    // Known benchmark classes in the order the issues list them, with what they compare; others follow by name.
    // The target (the issue's acceptance) applies to the methods whose name starts with TargetMethod.
    private static readonly (string Type, string Title, string TargetMethod, string Target)[] Sections =
    [
        ("CompilerBenchmarks", "Compile: `FilterCompiler.Compile` vs libpcap `pcap_compile`, hand-picked expressions", "", ""),
        ("CorpusCompilerBenchmarks", "Compile over a sample of the conformance corpus: `FilterCompiler.Compile` vs libpcap `pcap_compile`", "", "≥ 1× (median)"),
        ("LargeSetCompilerBenchmarks", "Large host sets (`host a or host b or …`) compiled for user space", "", ""),
        ("LargeSetAgainstLibPcapBenchmarks", "A 100-host set: PcapCore for user space vs libpcap `pcap_compile`", "", ""),
        ("InterpreterBenchmarks", "Filter: JIT and interpreter vs libpcap `bpf_filter`, per packet", "Jit", "≥ 3× (median)"),
        ("LayerWalkBenchmarks", "Layer walk: walk and read the same fields vs PacketDotNet `Packet.ParsePacket`, per packet", "PcapCore",
            "≥ 20×, 0 B per packet"),
        ("DecodingBenchmarks", "Decode and decode+format vs PacketDotNet `Packet.ParsePacket` (+`ToString`), per packet", "PcapCore_decode", "0 B per packet"),
        ("EverydayProtocolBenchmarks", "Decode+format of issue 12's mixed corpus vs PacketDotNet, per 1,400 frames", "", ""),
        ("CaptureReaderBenchmarks", "Reading a capture file vs libpcap `pcap_next_ex`, per file", "", ""),
        ("JitCompileBenchmarks", "JIT compile cost, once per program", "", ""),
    ];

    public static string Build(IReadOnlyList<BenchmarkResult> results, JsonElement? host, IReadOnlyList<WholeProcessResult> wholeProcess, ReportContext context)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        text.AppendLine($"Written by `{context.Command}` ({context.Mode} job) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; every number below comes from that one run.");
        text.AppendLine("Ratios are reference time / PcapCore time: above 1× PcapCore is faster. Allocations are managed bytes per operation (BenchmarkDotNet `[MemoryDiagnoser]`);");
        text.AppendLine("libpcap's own `malloc`s are not counted; libpcap is called through P/Invoke, whose transition (a few ns) is in its times.");
        text.AppendLine("The machine is shared (other builds may run at the same time), so absolute times carry noise; each ratio compares cases measured minutes apart in the same run. Reproduce with `./benchmarks/run.sh --full` (numbers) or `--short` (a smoke run: one iteration, indicative only).");
        text.AppendLine();
        AppendMachine(text, host, context);
        AppendHeadline(text, results, wholeProcess, context);
        AppendCompileProfile(text, context);
        foreach (var type in results.Select(r => r.Type).Distinct().OrderBy(SectionOrder).ThenBy(t => t, StringComparer.Ordinal))
            AppendDetails(text, type, results.Where(r => r.Type == type).ToList());
        AppendWholeProcess(text, wholeProcess, context);
        return text.ToString();
    }

    private static void AppendMachine(StringBuilder text, JsonElement? host, ReportContext context)
    {
        string Host(string name) => host is { } h && h.TryGetProperty(name, out var value) ? value.ToString() : "?";
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine("| CPU | cores | OS | .NET | BenchmarkDotNet | libpcap | tcpdump |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        text.AppendLine($"| {Host("ProcessorName")} | {Host("PhysicalCoreCount")} physical, {Host("LogicalCoreCount")} logical | {Host("OsVersion")} " +
                        $"| {Host("RuntimeVersion")} | {Host("BenchmarkDotNetVersion")} | {context.LibPcapVersion} | {context.TcpdumpVersion} |");
        text.AppendLine();
    }

    private static void AppendHeadline(StringBuilder text, IReadOnlyList<BenchmarkResult> results, IReadOnlyList<WholeProcessResult> wholeProcess, ReportContext context)
    {
        text.AppendLine("## Summary");
        text.AppendLine();
        text.AppendLine("| comparison | cases | median ratio | range | PcapCore allocated per op | target |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var type in results.Select(r => r.Type).Distinct().OrderBy(SectionOrder).ThenBy(t => t, StringComparer.Ordinal))
        {
            var ofType = results.Where(r => r.Type == type).ToList();
            var section = Sections.FirstOrDefault(s => s.Type == type);
            foreach (var method in ofType.Where(r => !r.IsReference).Select(r => r.Method).Distinct())
            {
                var ratios = ofType.Where(r => r.Method == method)
                    .Select(r => (Ours: r, Reference: ReferenceFor(r, ofType))).Where(p => p.Reference is not null)
                    .Select(p => p.Reference!.MedianNanoseconds / p.Ours.MedianNanoseconds).Order().ToList();
                if (ratios.Count == 0)
                    continue;
                var reference = ReferenceFor(ofType.First(r => r.Method == method), ofType)!.Method;
                var allocated = ofType.Where(r => r.Method == method).Max(r => r.AllocatedBytes);
                var target = section.Target is { } t && method.StartsWith(section.TargetMethod, StringComparison.Ordinal) ? t : "";
                text.AppendLine($"| {type}: {method} vs {reference} | {ratios.Count} | **{Ratio(Median(ratios))}** | {Ratio(ratios[0])} – {Ratio(ratios[^1])} " +
                                $"| {(ratios.Count > 1 ? "up to " : "")}{Bytes(allocated)} | {target} |");
            }
        }
        AppendLargeSetLimits(text, results);
        foreach (var profile in context.CompileProfile)
            text.AppendLine($"| compile profile, {profile.LinkType}: `FilterCompiler.TryCompile` vs `pcap_compile`, per corpus expression | {profile.Expressions:N0} " +
                            $"| **{Ratio(profile.MedianRatio)}** | {Ratio(profile.FirstQuartileRatio)} – {Ratio(profile.ThirdQuartileRatio)} (quartiles) | below | ≥ 1× (median) |");
        if (Whole(wholeProcess) is var (ours, theirs) && ours is not null && theirs is not null)
            text.AppendLine($"| whole process: `pcapcore -r` vs `tcpdump -r`, {context.CapturePackets:N0} packets | 1 | **{Ratio(theirs.MeanSeconds / ours.MeanSeconds)}** " +
                            $"| (mean of {ours.Runs} runs each) | n/a | faster than tcpdump |");
        text.AppendLine();
    }

    // Issue 13's limits on large host sets, against this run's medians (no reference: libpcap does not finish them).
    private static readonly (int Hosts, double LimitNanoseconds, string Limit)[] LargeSetLimits =
        [(1000, 20e6, "20 ms"), (10000, 200e6, "200 ms"), (100000, 2e9, "2 s")];

    private static void AppendLargeSetLimits(StringBuilder text, IReadOnlyList<BenchmarkResult> results)
    {
        var measured = LargeSetLimits
            .Select(l => (Limit: l, Result: results.FirstOrDefault(r => r.Type == "LargeSetCompilerBenchmarks" && r.Parameters == string.Create(CultureInfo.InvariantCulture, $"Hosts: {l.Hosts}"))))
            .Where(p => p.Result is not null).ToList();
        if (measured.Count == 0)
            return;
        string times = string.Join(", ", measured.Select(p => $"{p.Limit.Hosts:N0}: {Time(p.Result!.MedianNanoseconds)}"));
        string limits = string.Join(", ", measured.Select(p => $"< {p.Limit.Limit}"));
        bool met = measured.All(p => p.Result!.MedianNanoseconds < p.Limit.LimitNanoseconds);
        text.AppendLine($"| LargeSetCompilerBenchmarks: PcapCoreCompile, median time per host count | {measured.Count} | **{(met ? "all within" : "NOT all within")}** " +
                        $"| {times} | up to {Bytes(measured.Max(p => p.Result!.AllocatedBytes))} | {limits} |");
    }

    // The Stopwatch profile of every corpus expression (BenchmarkDotNet cannot run thousands of cases), in this run.
    private static void AppendCompileProfile(StringBuilder text, ReportContext context)
    {
        if (context.CompileProfileMarkdown is null)
            return;
        text.AppendLine("## Compile over the whole conformance corpus: `FilterCompiler.TryCompile` vs `pcap_compile`, per expression");
        text.AppendLine();
        text.AppendLine("Written in this run by `Pcap.Benchmarks --compile-profile` (a Stopwatch harness: BenchmarkDotNet cannot run thousands of cases); " +
                        "both compilers run in the same loop, interleaved, on every expression both accept. Ratios are `pcap_compile` time / ours.");
        foreach (var line in context.CompileProfileMarkdown.Split('\n'))
        {
            // The profile's own title gives way to this section's; its link-type headings become subsections.
            if (line.StartsWith("# ", StringComparison.Ordinal))
                continue;
            text.AppendLine(line.StartsWith("## ", StringComparison.Ordinal) ? "#" + line : line);
        }
        text.AppendLine();
    }

    private static void AppendDetails(StringBuilder text, string type, List<BenchmarkResult> ofType)
    {
        var title = Sections.FirstOrDefault(s => s.Type == type).Title ?? type;
        text.AppendLine($"## {title}");
        text.AppendLine();
        text.AppendLine($"`{type}`: median time per operation, ± standard error of the mean, managed bytes allocated per operation.");
        text.AppendLine();
        text.AppendLine("| parameters | method | median | ± | allocated | ratio |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var group in ofType.GroupBy(r => r.Parameters))
        {
            foreach (var result in group.OrderBy(r => r.IsReference ? 0 : 1).ThenBy(r => r.Method, StringComparer.Ordinal))
            {
                var reference = result.IsReference ? null : ReferenceFor(result, ofType);
                var ratio = reference is null ? (result.IsReference ? "reference" : "") : Ratio(reference.MedianNanoseconds / result.MedianNanoseconds);
                text.AppendLine($"| {Cell(group.Key)} | {result.Method} | {Time(result.MedianNanoseconds)} | {Time(result.StandardErrorNanoseconds)} " +
                                $"| {Bytes(result.AllocatedBytes)} | {ratio} |");
            }
        }
        text.AppendLine();
    }

    private static void AppendWholeProcess(StringBuilder text, IReadOnlyList<WholeProcessResult> wholeProcess, ReportContext context)
    {
        text.AppendLine("## Whole process: `pcapcore -r big.pcap -n > /dev/null` vs `tcpdump -r big.pcap -n > /dev/null`");
        text.AppendLine();
        if (wholeProcess.Count == 0)
        {
            text.AppendLine("Not measured in this run.");
            return;
        }
        text.AppendLine($"big.pcap: {context.CapturePackets:N0} Ethernet packets (ARP, ICMP echo, TCP and UDP between high ports) written by " +
                        $"`Pcap.Benchmarks --generate-capture` from seed {context.CaptureSeed}. Both print the same lines: {context.OutputsIdentical}. " +
                        $"Timed with {context.WholeProcessTool}; wall clock in seconds, page cache warm.");
        text.AppendLine();
        text.AppendLine("| command | mean | ± σ | median | user | system | runs | ratio |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        var (ours, theirs) = Whole(wholeProcess);
        foreach (var result in wholeProcess)
        {
            var ratio = result == theirs ? "reference" : theirs is null ? "" : Ratio(theirs.MeanSeconds / result.MeanSeconds);
            text.AppendLine($"| `{result.Command}` | {Seconds(result.MeanSeconds)} | {Seconds(result.StandardDeviationSeconds)} | {Seconds(result.MedianSeconds)} " +
                            $"| {Seconds(result.UserSeconds)} | {Seconds(result.SystemSeconds)} | {result.Runs} | {ratio} |");
        }
        text.AppendLine();
    }

    private static (WholeProcessResult? Ours, WholeProcessResult? Theirs) Whole(IReadOnlyList<WholeProcessResult> results) =>
        (results.FirstOrDefault(r => r.Command.StartsWith("pcapcore", StringComparison.Ordinal)),
         results.FirstOrDefault(r => r.Command.StartsWith("tcpdump", StringComparison.Ordinal)));

    // The reference for a PcapCore method: the one with the same aspect ("decode" ↔ "decode"), else the class's only reference.
    // A reference that returned without running (libpcap on 1,000 hosts takes minutes) measures nothing: no ratio.
    private static BenchmarkResult? ReferenceFor(BenchmarkResult ours, List<BenchmarkResult> ofType)
    {
        var references = ofType.Where(r => r.IsReference && r.Parameters == ours.Parameters && r.MedianNanoseconds >= 1).ToList();
        return references.FirstOrDefault(r => r.Aspect.Length > 0 && r.Aspect == ours.Aspect)
               ?? (references.Count == 1 ? references[0] : null);
    }

    private static int SectionOrder(string type) => Array.FindIndex(Sections, s => s.Type == type) is var i and >= 0 ? i : Sections.Length;

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Ratio(double ratio) => ratio.ToString(ratio >= 100 ? "F0" : ratio >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture) + "×";

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => $"{nanoseconds.ToString("F1", CultureInfo.InvariantCulture)} ns",
        < 1_000_000 => $"{(nanoseconds / 1_000).ToString("F2", CultureInfo.InvariantCulture)} µs",
        _ => $"{(nanoseconds / 1_000_000).ToString("F2", CultureInfo.InvariantCulture)} ms",
    };

    private static string Seconds(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture) + " s";

    private static string Bytes(long? bytes) => bytes is { } b ? $"{b.ToString("N0", CultureInfo.InvariantCulture)} B" : "?";

    private static string Cell(string value) => value.Length == 0 ? "–" : value.Replace("|", "\\|", StringComparison.Ordinal);
}
