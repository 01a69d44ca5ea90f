using Parquet;
using Pcap.Decode.Application;
using Pcap.Decode.Text;

namespace Pcap.Parquet;

/// <summary>What a Parquet export writes besides the typed columns, and how it groups and compresses rows.</summary>
public sealed record PacketExportOptions
{
    /// <summary>Rows per row group (the unit a reader skips or reads, and what is held in memory while writing). 65,536 by default.</summary>
    public int RowGroupRows { get; init; } = 65_536;

    /// <summary>Adds <c>frame_raw</c>: the captured bytes of each frame.</summary>
    public bool IncludeRawFrame { get; init; }

    /// <summary>Adds <c>tcpdump_line</c>, printed with these options (null: no such column).</summary>
    public FormatOptions? TcpdumpLine { get; init; }

    /// <summary>The port-to-protocol map of the layer walk (tcpdump 4.99.3's by default).</summary>
    public ApplicationPorts? ApplicationPorts { get; init; }

    /// <summary>Column chunk compression; Snappy by default, as Spark writes.</summary>
    public CompressionMethod Compression { get; init; } = CompressionMethod.Snappy;
}
