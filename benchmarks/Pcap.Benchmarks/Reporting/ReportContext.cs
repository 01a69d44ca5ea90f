namespace Pcap.Benchmarks.Reporting;

/// <summary>What the report says about the run beside the measurements: how it was started and what the capture was.</summary>
internal sealed record ReportContext(string Mode, string Command, string LibPcapVersion, string TcpdumpVersion,
    int? CapturePackets, int? CaptureSeed, string? OutputsIdentical, string? WholeProcessTool);
