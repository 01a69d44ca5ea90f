namespace Pcap.Decode.Files;

/// <summary>
/// Writes the classic pcap format: the 24-byte file header at construction, then one record per
/// <see cref="WritePacket"/>. Little-endian by default, as tcpdump writes on x86; big-endian on request.
/// </summary>
/// <example><code>
/// using var writer = new PcapWriter(File.Create("out.pcap"), LinkType.Ethernet);
/// writer.WritePacket(timestampNanoseconds, frame, (uint)frame.Length);
/// </code></example>
public sealed class PcapWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ByteOrder _order;
    private bool _disposed;

    /// <summary>Writes the file header to <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the capture goes.</param>
    /// <param name="linkType">The link type (Ethernet, RAW, LINUX_SLL2, ...).</param>
    /// <param name="snapLength">The snapshot length recorded in the header; longer packets are cut to it.</param>
    /// <param name="nanosecondResolution">True to write the nanosecond magic and nanosecond timestamps.</param>
    /// <param name="bigEndian">True to write integers big-endian.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the writer is disposed.</param>
    public PcapWriter(Stream stream, LinkType linkType, uint snapLength = CaptureLimits.DefaultSnapLength,
        bool nanosecondResolution = false, bool bigEndian = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (snapLength == 0 || snapLength > CaptureLimits.MaxPacketLength)
            throw new ArgumentOutOfRangeException(nameof(snapLength), snapLength, $"the snapshot length must be between 1 and {CaptureLimits.MaxPacketLength}");
        _stream = stream;
        _leaveOpen = leaveOpen;
        _order = new ByteOrder(bigEndian);
        LinkType = linkType;
        SnapLength = snapLength;
        IsNanosecondResolution = nanosecondResolution;

        Span<byte> header = stackalloc byte[24];
        _order.Write(header, nanosecondResolution ? PcapMagic.Nanoseconds : PcapMagic.Microseconds);
        _order.Write(header[4..], (ushort)2);
        _order.Write(header[6..], (ushort)4);
        _order.Write(header[8..], 0u);  // thiszone: timestamps are UTC
        _order.Write(header[12..], 0u); // sigfigs: unused by everyone
        _order.Write(header[16..], snapLength);
        _order.Write(header[20..], linkType.Value);
        _stream.Write(header);
    }

    /// <summary>The LINKTYPE_ number written in the header.</summary>
    public LinkType LinkType { get; }

    /// <summary>The snapshot length written in the header.</summary>
    public uint SnapLength { get; }

    /// <summary>True when timestamps are written in nanoseconds.</summary>
    public bool IsNanosecondResolution { get; }

    /// <summary>Appends one packet record; data longer than <see cref="SnapLength"/> is cut to it.</summary>
    /// <param name="timestampNanoseconds">Capture time in nanoseconds since the Unix epoch; must fit pcap's unsigned 32-bit seconds.</param>
    /// <param name="data">The captured bytes, starting with the link-layer header.</param>
    /// <param name="wireLength">The packet's length on the wire.</param>
    public void WritePacket(long timestampNanoseconds, ReadOnlySpan<byte> data, uint wireLength)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long seconds = Math.DivRem(timestampNanoseconds, 1_000_000_000L, out long nanoseconds);
        if (timestampNanoseconds < 0 || seconds > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(timestampNanoseconds), timestampNanoseconds, "pcap timestamps cover 1970 to 2106");
        if (data.Length > SnapLength)
            data = data[..(int)SnapLength];

        Span<byte> header = stackalloc byte[16];
        _order.Write(header, (uint)seconds);
        _order.Write(header[4..], (uint)(IsNanosecondResolution ? nanoseconds : nanoseconds / 1000));
        _order.Write(header[8..], (uint)data.Length);
        _order.Write(header[12..], wireLength);
        _stream.Write(header);
        _stream.Write(data);
    }

    /// <summary>Flushes buffered records to the stream.</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Flushes, then closes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stream.Flush();
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
