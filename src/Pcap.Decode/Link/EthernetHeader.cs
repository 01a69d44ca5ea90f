using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>An Ethernet II or 802.3 header: destination, source, then a type (above 1500) or a length (1500 or less).</summary>
public readonly ref struct EthernetHeader
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 14;
    /// <summary>Largest value of the type field that is an 802.3 length rather than a type.</summary>
    public const int MaxLengthValue = 1500;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal EthernetHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="frame"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out EthernetHeader header, out DecodeError error)
    {
        if (frame.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("ether", Length, frame.Length);
            return false;
        }
        header = new EthernetHeader(frame);
        error = default;
        return true;
    }

    /// <summary>The destination MAC address (6 bytes).</summary>
    public ReadOnlySpan<byte> Destination => _bytes[..6];
    /// <summary>The source MAC address (6 bytes).</summary>
    public ReadOnlySpan<byte> Source => _bytes.Slice(6, 6);
    /// <summary>The raw type-or-length field.</summary>
    public ushort TypeOrLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(12, 2));
    /// <summary>True when the field is an 802.3 length (an LLC header follows).</summary>
    public bool IsLengthField => TypeOrLength <= MaxLengthValue;
    /// <summary>The EtherType (meaningful when <see cref="IsLengthField"/> is false).</summary>
    public EtherType EtherType => new(TypeOrLength);
    /// <summary>The bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
