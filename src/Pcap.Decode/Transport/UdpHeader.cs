using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Pcap.Decode.Transport;

/// <summary>A UDP header: ports, length, checksum.</summary>
public readonly ref struct UdpHeader
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 8;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal UdpHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 8-byte header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out UdpHeader header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("udp", Length, bytes.Length);
            return false;
        }
        header = new UdpHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// The lax variant for printing a cut-off header as tcpdump does: needs only the two ports (4 bytes).
    /// <see cref="DatagramLength"/> may be read only when <see cref="HasLengthField"/>, <see cref="Checksum"/> and
    /// <see cref="Payload"/> only when <see cref="IsComplete"/>.
    /// </summary>
    public static bool TryReadPorts(ReadOnlySpan<byte> bytes, out UdpHeader header, out DecodeError error)
    {
        if (bytes.Length < 4)
        {
            header = default;
            error = DecodeError.Truncated("udp", 4, bytes.Length);
            return false;
        }
        header = new UdpHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>True when the length field was captured (always, after <see cref="TryRead"/>).</summary>
    public bool HasLengthField => _bytes.Length >= 6;
    /// <summary>True when the whole 8-byte header was captured (always, after <see cref="TryRead"/>).</summary>
    public bool IsComplete => _bytes.Length >= Length;
    // The header fields are forced inline: read after an inlined layer walk, the JIT's inline budget is often spent
    // and a field read became a call (the walk benchmark's DNS case).
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
    /// <summary>Length field (header plus data).</summary>
    public ushort DatagramLength
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(4, 2));
    }
    /// <summary>Checksum.</summary>
    public ushort Checksum
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(6, 2));
    }
    /// <summary>Captured bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
