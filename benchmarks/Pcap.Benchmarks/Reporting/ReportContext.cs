namespace Pcap.Benchmarks.Reporting;

/// <summary>
/// What the report says about the run beside the BenchmarkDotNet measurements: how it was started, what the capture was,
/// and the corpus compile profile (its per-link summaries and its markdown) when the run made one.
/// </summary>
internal sealed record ReportContext(string Mode, string Command, string LibPcapVersion, string TcpdumpVersion,
    int? CapturePackets, int? CaptureSeed, string? OutputsIdentical, string? WholeProcessTool,
    IReadOnlyList<CompileProfileSummary> CompileProfile, string? CompileProfileMarkdown);
