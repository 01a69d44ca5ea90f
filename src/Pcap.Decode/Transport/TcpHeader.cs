using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Pcap.Decode.Network;

namespace Pcap.Decode.Transport;

/// <summary>A TCP header: ports, sequence and acknowledgement numbers, data offset, flags, window, checksum, urgent pointer, options.</summary>
public readonly ref struct TcpHeader
{
    /// <summary>Bytes in a header without options.</summary>
    public const int MinimumLength = 20;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal TcpHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header: 20 bytes, a data offset of at least 5 words, and the whole header with its options captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out TcpHeader header, out DecodeError error)
    {
        if (!TryReadFixedPart(bytes, out header, out error))
            return false;
        int headerLength = header.HeaderLength;
        if (headerLength < MinimumLength)
        {
            header = default;
            error = DecodeError.Invalid("tcp", MinimumLength, headerLength);
            return false;
        }
        if (bytes.Length < headerLength)
        {
            header = default;
            error = DecodeError.Truncated("tcp", headerLength, bytes.Length);
            return false;
        }
        return true;
    }

    /// <summary>The header length when <see cref="TryRead"/> would accept <paramref name="bytes"/>, else 0: the layer walk's check, without building an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ValidHeaderLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MinimumLength)
            return 0;
        int headerLength = (bytes[12] >> 4) * 4;
        return headerLength >= MinimumLength && headerLength <= bytes.Length ? headerLength : 0;
    }

    /// <summary>
    /// The lax variant: reads only the fixed 20 bytes, so that a header with a bad data offset or cut-off options can
    /// still be shown (tcpdump prints its ports and flags); <see cref="Options"/> and <see cref="Payload"/> are then
    /// clamped to what was captured.
    /// </summary>
    public static bool TryReadFixedPart(ReadOnlySpan<byte> bytes, out TcpHeader header, out DecodeError error) =>
        TryReadAtLeast(bytes, MinimumLength, out header, out error);

    /// <summary>
    /// The laxest variant, for printing a cut-off header as tcpdump does: needs only the two ports (4 bytes). The other
    /// fields may be read only when <see cref="HasFixedPart"/>.
    /// </summary>
    public static bool TryReadPorts(ReadOnlySpan<byte> bytes, out TcpHeader header, out DecodeError error) =>
        TryReadAtLeast(bytes, 4, out header, out error);

    /// <summary>True when the fixed 20 bytes were captured (always, after <see cref="TryRead"/> and <see cref="TryReadFixedPart"/>).</summary>
    public bool HasFixedPart => _bytes.Length >= MinimumLength;
    /// <summary>True when the whole header, options included, was captured (always, after <see cref="TryRead"/>).</summary>
    public bool IsComplete => HasFixedPart && _bytes.Length >= HeaderLength;
    // The fields the layer walk's readers take most are forced inline, as UdpHeader's are: read after an inlined walk,
    // the JIT's inline budget is often spent, and a call takes the view's address (a stack copy on every walk).
    /// <summary>Source port.</summary>
    public ushort SourcePort
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    }
    /// <summary>Destination port.</summary>
    public ushort DestinationPort
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(2, 2));
    }
    /// <summary>Sequence number.</summary>
    public uint SequenceNumber
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt32BigEndian(_bytes.Slice(4, 4));
    }
    /// <summary>Acknowledgement number.</summary>
    public uint AcknowledgementNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes.Slice(8, 4));
    /// <summary>Header length in bytes (data offset × 4).</summary>
    public int HeaderLength
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_bytes[12] >> 4) * 4;
    }
    /// <summary>The flag bits (FIN 0x01 ... CWR 0x80; AE/NS is bit 0 of byte 12).</summary>
    public TcpFlags Flags => (TcpFlags)_bytes[13];
    /// <summary>Window.</summary>
    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(14, 2));
    /// <summary>Checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(16, 2));
    /// <summary>Urgent pointer.</summary>
    public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(18, 2));
    /// <summary>The AE (formerly NS) bit, bit 0 of byte 12.</summary>
    public bool AccurateEcn => (_bytes[12] & 1) != 0;
    /// <summary>The option bytes (between the fixed 20 bytes and the header length, as far as captured).</summary>
    public ReadOnlySpan<byte> Options => _bytes[MinimumLength..Math.Clamp(HeaderLength, MinimumLength, _bytes.Length)];
    /// <summary>The options one at a time.</summary>
    public TlvOptions OptionList => new(Options, "tcp-option");
    /// <summary>The segment's data: the captured bytes after the header (empty when the header length runs past them).</summary>
    public ReadOnlySpan<byte> Payload
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // The header length, at least 20 and at most what was captured (then the payload is empty); Math.Clamp would
            // throw for a lax view shorter than 20 bytes.
            return _bytes[Math.Min(Math.Max(HeaderLength, MinimumLength), _bytes.Length)..];
        }
    }
    /// <summary>The captured bytes from the start of the header.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    private static bool TryReadAtLeast(ReadOnlySpan<byte> bytes, int needed, out TcpHeader header, out DecodeError error)
    {
        if (bytes.Length < needed)
        {
            header = default;
            error = DecodeError.Truncated("tcp", needed, bytes.Length);
            return false;
        }
        header = new TcpHeader(bytes);
        error = default;
        return true;
    }
}
