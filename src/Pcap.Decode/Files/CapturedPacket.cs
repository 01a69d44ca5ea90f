namespace Pcap.Decode.Files;

/// <summary>
/// One packet as read from a capture file. <see cref="Data"/> points into the reader's pooled buffer and is
/// valid only until the next read or until the reader is disposed; copy it to keep it.
/// </summary>
public readonly ref struct CapturedPacket
{
    /// <summary>Creates a packet view from a time stamp in nanoseconds since the Unix epoch.</summary>
    /// <param name="data">The captured bytes.</param>
    /// <param name="wireLength">The length the packet had on the wire.</param>
    /// <param name="timestampNanoseconds">Capture time in nanoseconds since the Unix epoch (UTC).</param>
    /// <param name="interfaceId">The pcapng interface index within its section; 0 for pcap files.</param>
    /// <param name="linkType">The link type of the interface the packet came from.</param>
    public CapturedPacket(ReadOnlySpan<byte> data, uint wireLength, long timestampNanoseconds, int interfaceId, LinkType linkType)
        : this(data, wireLength,
            Math.DivRem(timestampNanoseconds, 1_000_000_000L, out long rest) - (rest < 0 ? 1 : 0),
            rest < 0 ? rest + 1_000_000_000L : rest, interfaceId, linkType, snapLength: 0)
    {
    }

    /// <summary>
    /// Creates a packet view from a time stamp as libpcap hands it over: whole seconds and a fraction that a corrupt
    /// file may leave outside 0 to 999,999,999 (tcpdump prints such a fraction as it is).
    /// </summary>
    /// <param name="data">The captured bytes.</param>
    /// <param name="wireLength">The length the packet had on the wire.</param>
    /// <param name="timestampSeconds">Seconds since the Unix epoch, libpcap's <c>tv_sec</c>.</param>
    /// <param name="timestampFractionNanoseconds">The fraction in nanoseconds, libpcap's <c>tv_usec</c> at nanosecond precision.</param>
    /// <param name="interfaceId">The pcapng interface index within its section; 0 for pcap files.</param>
    /// <param name="linkType">The link type of the interface the packet came from.</param>
    /// <param name="snapLength">The snapshot length of the packet's interface as libpcap reports it; 0 when unknown.</param>
    public CapturedPacket(ReadOnlySpan<byte> data, uint wireLength, long timestampSeconds, long timestampFractionNanoseconds,
        int interfaceId, LinkType linkType, uint snapLength)
    {
        Data = data;
        WireLength = wireLength;
        TimestampSeconds = timestampSeconds;
        TimestampFractionNanoseconds = timestampFractionNanoseconds;
        InterfaceId = interfaceId;
        LinkType = linkType;
        SnapLength = snapLength;
    }

    /// <summary>The captured bytes (at most the snapshot length), starting with the link-layer header.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The number of bytes the packet had on the wire; at least <see cref="CapturedLength"/> in a sane file.</summary>
    public uint WireLength { get; }

    /// <summary>The number of bytes captured, the length of <see cref="Data"/>.</summary>
    public int CapturedLength => Data.Length;

    /// <summary>
    /// Capture time as nanoseconds since 1970-01-01T00:00:00Z: <see cref="TimestampSeconds"/> and the fraction
    /// combined. A <c>long</c> covers the years 1678 to 2262; outside them the value wraps, so code that must handle
    /// any file reads <see cref="TimestampSeconds"/> and <see cref="TimestampFractionNanoseconds"/> instead.
    /// </summary>
    public long TimestampNanoseconds => unchecked(TimestampSeconds * 1_000_000_000L + TimestampFractionNanoseconds);

    /// <summary>Seconds since the Unix epoch (libpcap's <c>tv_sec</c>; negative before 1970).</summary>
    public long TimestampSeconds { get; }

    /// <summary>
    /// The fraction of the second in nanoseconds: 0 to 999,999,999 in a sane file, but kept as the file gave it
    /// otherwise (a pcap record's microsecond field of 1,500,000 is 1,500,000,000 here), as tcpdump prints it.
    /// </summary>
    public long TimestampFractionNanoseconds { get; }

    /// <summary>Nanoseconds within <see cref="TimestampSeconds"/> (0 to 999,999,999 in a sane file).</summary>
    public int TimestampNanosecondsPart => (int)TimestampFractionNanoseconds;

    /// <summary>The pcapng interface index within the current section (0 for pcap files).</summary>
    public int InterfaceId { get; }

    /// <summary>The LINKTYPE_ number of the packet's interface (1 Ethernet, 101 RAW, 113 LINUX_SLL, 276 LINUX_SLL2, ...).</summary>
    public LinkType LinkType { get; }

    /// <summary>The snapshot length of the packet's interface as libpcap reports it (0 and oversized values adjusted); 0 when unknown.</summary>
    public uint SnapLength { get; }
}
