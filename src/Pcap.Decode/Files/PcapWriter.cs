using System.Buffers.Binary;

namespace Pcap.Decode.Files;

/// <summary>
/// Writes the classic pcap format: the 24-byte file header at construction, then one record per
/// <see cref="WritePacket(long, ReadOnlySpan{byte}, uint)"/>. Little-endian by default, as tcpdump writes on x86; big-endian on request.
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
    private readonly byte[]? _buffer;
    private int _buffered;
    private bool _disposed;

    /// <summary>Writes the file header to <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the capture goes.</param>
    /// <param name="linkType">The link type (Ethernet, RAW, LINUX_SLL2, ...).</param>
    /// <param name="snapLength">The snapshot length recorded in the header; longer packets are cut to it.</param>
    /// <param name="nanosecondResolution">True to write the nanosecond magic and nanosecond timestamps.</param>
    /// <param name="bigEndian">True to write integers big-endian.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the writer is disposed.</param>
    /// <param name="bufferSize">
    /// 0 to hand every record to <paramref name="stream"/> as it is written; otherwise the size of a buffer the writer
    /// gathers records in and hands over whole (when full, on <see cref="Flush"/> and on <see cref="Dispose"/>), so a
    /// capture of small packets pays one stream call per buffer instead of two per packet.
    /// </param>
    public PcapWriter(Stream stream, LinkType linkType, uint snapLength = CaptureLimits.DefaultSnapLength,
        bool nanosecondResolution = false, bool bigEndian = false, bool leaveOpen = false, int bufferSize = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (snapLength == 0 || snapLength > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(snapLength), snapLength, $"the snapshot length must be between 1 and {int.MaxValue}");
        ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
        if (bufferSize > 0)
            _buffer = new byte[Math.Max(bufferSize, FileHeaderLength)];
        _stream = stream;
        _leaveOpen = leaveOpen;
        _order = new ByteOrder(bigEndian);
        LinkType = linkType;
        SnapLength = snapLength;
        IsNanosecondResolution = nanosecondResolution;

        Span<byte> header = stackalloc byte[FileHeaderLength];
        _order.Write(header, nanosecondResolution ? PcapMagic.Nanoseconds : PcapMagic.Microseconds);
        _order.Write(header[4..], (ushort)2);
        _order.Write(header[6..], (ushort)4);
        _order.Write(header[8..], 0u);  // thiszone: timestamps are UTC
        _order.Write(header[12..], 0u); // sigfigs: unused by everyone
        _order.Write(header[16..], snapLength);
        _order.Write(header[20..], linkType.Value);
        if (_buffer is not null)
        {
            header.CopyTo(_buffer);
            _buffered = header.Length;
        }
        else
        {
            _stream.Write(header);
        }
    }

    /// <summary>The LINKTYPE_ number written in the header.</summary>
    public LinkType LinkType { get; }

    /// <summary>The snapshot length written in the header.</summary>
    public uint SnapLength { get; }

    /// <summary>True when timestamps are written in nanoseconds.</summary>
    public bool IsNanosecondResolution { get; }

    /// <summary>Bytes of records held in the writer's own buffer, not yet handed to the stream (0 without a buffer).</summary>
    public int BufferedLength => _buffered;

    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    /// <summary>Appends one packet record; data longer than <see cref="SnapLength"/> is cut to it.</summary>
    /// <param name="timestampNanoseconds">Capture time in nanoseconds since the Unix epoch (see the other overload for the range).</param>
    /// <param name="data">The captured bytes, starting with the link-layer header.</param>
    /// <param name="wireLength">The packet's length on the wire.</param>
    public void WritePacket(long timestampNanoseconds, ReadOnlySpan<byte> data, uint wireLength)
    {
        long seconds = Math.DivRem(timestampNanoseconds, 1_000_000_000L, out long nanoseconds);
        if (nanoseconds < 0)
            (seconds, nanoseconds) = (seconds - 1, nanoseconds + 1_000_000_000L);
        WritePacket(seconds, nanoseconds, data, wireLength);
    }

    /// <summary>
    /// Appends one packet record; data longer than <see cref="SnapLength"/> is cut to it. pcap stores the seconds and
    /// the fraction as 32-bit fields: like libpcap's <c>pcap_dump</c>, only their low 32 bits are written, so a time
    /// before 1970 reads back as written (signed seconds) and one after 2038 wraps, as in every pcap file tcpdump writes.
    /// </summary>
    /// <param name="seconds">Seconds since the Unix epoch.</param>
    /// <param name="fractionNanoseconds">The fraction of the second in nanoseconds (written in microseconds unless the file is nanosecond).</param>
    /// <param name="data">The captured bytes, starting with the link-layer header.</param>
    /// <param name="wireLength">The packet's length on the wire.</param>
    public void WritePacket(long seconds, long fractionNanoseconds, ReadOnlySpan<byte> data, uint wireLength)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int captured = Math.Min(data.Length, (int)SnapLength);
        uint fraction = unchecked((uint)(IsNanosecondResolution ? fractionNanoseconds : fractionNanoseconds / 1000));
        // The common case first, kept small (no stack buffer, no stream call): the record fits in the writer's buffer.
        if (_buffer is { } buffer && RecordHeaderLength + captured <= buffer.Length - _buffered)
        {
            Append(buffer, unchecked((uint)seconds), fraction, data[..captured], wireLength);
            return;
        }
        WriteThrough(unchecked((uint)seconds), fraction, data[..captured], wireLength);
    }

    // A record that does not fit what is left of the buffer: the buffer goes first, then the record is buffered if it
    // fits the now empty buffer, or else written straight through (in order either way).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void WriteThrough(uint seconds, uint fraction, ReadOnlySpan<byte> data, uint wireLength)
    {
        if (_buffer is { } buffer)
        {
            FlushBuffer();
            if (RecordHeaderLength + data.Length <= buffer.Length)
            {
                Append(buffer, seconds, fraction, data, wireLength);
                return;
            }
        }
        Span<byte> header = stackalloc byte[RecordHeaderLength];
        WriteRecordHeader(header, seconds, fraction, (uint)data.Length, wireLength);
        _stream.Write(header);
        _stream.Write(data);
    }

    // Adds one record after the buffered ones; the caller has checked that it fits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Append(byte[] buffer, uint seconds, uint fraction, ReadOnlySpan<byte> data, uint wireLength)
    {
        var record = buffer.AsSpan(_buffered, RecordHeaderLength + data.Length);
        WriteRecordHeader(record, seconds, fraction, (uint)data.Length, wireLength);
        data.CopyTo(record[RecordHeaderLength..]);
        _buffered += record.Length;
    }

    private void WriteRecordHeader(Span<byte> header, uint seconds, uint fraction, uint capturedLength, uint wireLength)
    {
        if (!_order.IsBigEndian)
        {
            // The common case without a byte-order test per field.
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], wireLength);
            BinaryPrimitives.WriteUInt32LittleEndian(header, seconds);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], fraction);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], capturedLength);
            return;
        }
        _order.Write(header, seconds);
        _order.Write(header[4..], fraction);
        _order.Write(header[8..], capturedLength);
        _order.Write(header[12..], wireLength);
    }

    // Hands the gathered records to the stream in one write.
    private void FlushBuffer()
    {
        if (_buffered == 0)
            return;
        int count = _buffered;
        _buffered = 0;
        _stream.Write(_buffer.AsSpan(0, count));
    }

    /// <summary>Hands the writer's buffered records to the stream and flushes it.</summary>
    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    /// <summary>Flushes, then closes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        FlushBuffer();
        _stream.Flush();
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
