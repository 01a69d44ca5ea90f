namespace Pcap.Decode.Files;

/// <summary>
/// One packet as read from a capture file. <see cref="Data"/> points into the reader's pooled buffer and is
/// valid only until the next read or until the reader is disposed; copy it to keep it.
/// </summary>
public readonly ref struct CapturedPacket
{
    /// <summary>Creates a packet view.</summary>
    /// <param name="data">The captured bytes.</param>
    /// <param name="wireLength">The length the packet had on the wire.</param>
    /// <param name="timestampNanoseconds">Capture time in nanoseconds since the Unix epoch (UTC).</param>
    /// <param name="interfaceId">The pcapng interface index within its section; 0 for pcap files.</param>
    /// <param name="linkType">The link type of the interface the packet came from.</param>
    public CapturedPacket(ReadOnlySpan<byte> data, uint wireLength, long timestampNanoseconds, int interfaceId, LinkType linkType)
    {
        Data = data;
        WireLength = wireLength;
        TimestampNanoseconds = timestampNanoseconds;
        InterfaceId = interfaceId;
        LinkType = linkType;
    }

    /// <summary>The captured bytes (at most the snapshot length), starting with the link-layer header.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The number of bytes the packet had on the wire; at least <see cref="CapturedLength"/> in a sane file.</summary>
    public uint WireLength { get; }

    /// <summary>The number of bytes captured, the length of <see cref="Data"/>.</summary>
    public int CapturedLength => Data.Length;

    /// <summary>
    /// Capture time as nanoseconds since 1970-01-01T00:00:00Z. Microsecond files give multiples of 1000;
    /// a <c>long</c> covers the years 1678 to 2262, which every pcap and pcapng timestamp in practice falls into.
    /// </summary>
    public long TimestampNanoseconds { get; }

    /// <summary>The pcapng interface index within the current section (0 for pcap files).</summary>
    public int InterfaceId { get; }

    /// <summary>The link type of the packet's interface (Ethernet, RAW, LINUX_SLL, LINUX_SLL2, ...).</summary>
    public LinkType LinkType { get; }

    /// <summary>Seconds since the Unix epoch, the whole part of <see cref="TimestampNanoseconds"/>.</summary>
    public long TimestampSeconds => Math.DivRem(TimestampNanoseconds, 1_000_000_000L, out long rest) - (rest < 0 ? 1 : 0);

    /// <summary>Nanoseconds within <see cref="TimestampSeconds"/> (0 to 999,999,999).</summary>
    public int TimestampNanosecondsPart => (int)(TimestampNanoseconds - TimestampSeconds * 1_000_000_000L);
}
