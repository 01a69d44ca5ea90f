namespace Pcap.Parquet.Writing;

/// <summary>
/// When a partitioned export closes a file and starts the next (each closed file is complete and readable). A file also
/// closes when its packets reach the next hour, since a file belongs to one <c>date=…/hour=…</c> partition.
/// </summary>
public sealed record PartitionRotation
{
    /// <summary>Close a file once it holds more than this many bytes (checked after each row group), as tcpdump's <c>-C</c>; 0 for none.</summary>
    public long MaxBytes { get; init; }

    /// <summary>Close a file when the packets' time stamps enter the next interval of this many seconds, as tcpdump's <c>-G</c>; 0 for none.</summary>
    public int Seconds { get; init; }

    /// <summary>Close a file after this many rows; 1,048,576 by default, so a killed export loses at most that many rows; 0 for none.</summary>
    public long MaxRows { get; init; } = 1 << 20;
}
