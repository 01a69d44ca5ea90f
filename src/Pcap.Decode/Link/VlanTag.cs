using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>An 802.1Q (or 802.1ad QinQ) tag as it follows a tag EtherType: TCI then the inner type.</summary>
public readonly ref struct VlanTag
{
    /// <summary>Bytes in the tag after its EtherType.</summary>
    public const int Length = 4;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal VlanTag(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the tag (TCI and inner type) at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out VlanTag tag, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            tag = default;
            error = DecodeError.Truncated("vlan", Length, bytes.Length);
            return false;
        }
        tag = new VlanTag(bytes);
        error = default;
        return true;
    }

    /// <summary>The tag control information.</summary>
    public ushort Tci => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The VLAN identifier (low 12 bits).</summary>
    public int VlanId => Tci & 0x0fff;
    /// <summary>The priority code point (top 3 bits).</summary>
    public int Priority => Tci >> 13;
    /// <summary>The drop-eligible indicator (formerly CFI).</summary>
    public bool DropEligible => (Tci & 0x1000) != 0;
    /// <summary>The type (or 802.3 length) of what follows the tag.</summary>
    public ushort TypeOrLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(2, 2));
    /// <summary>True when the field after the tag is an 802.3 length (an LLC header follows).</summary>
    public bool IsLengthField => TypeOrLength <= EthernetHeader.MaxLengthValue;
    /// <summary>The EtherType of what follows (meaningful when <see cref="IsLengthField"/> is false).</summary>
    public EtherType EtherType => new(TypeOrLength);
    /// <summary>The bytes after the tag.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
