namespace Pcap.Native;

/// <summary>The three counters tcpdump prints when a capture ends.</summary>
/// <param name="Captured">Packets handed to the reader ("packets captured").</param>
/// <param name="ReceivedByFilter">Packets the kernel filter accepted ("packets received by filter").</param>
/// <param name="DroppedByKernel">Accepted packets that found the ring full ("packets dropped by kernel").</param>
public readonly record struct CaptureStatistics(long Captured, long ReceivedByFilter, long DroppedByKernel);
