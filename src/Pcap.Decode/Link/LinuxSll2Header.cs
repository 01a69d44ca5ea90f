using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, what <c>-i any</c> produces): protocol, interface index, ARPHRD type, packet type, address.</summary>
public readonly ref struct LinuxSll2Header
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 20;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal LinuxSll2Header(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="frame"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out LinuxSll2Header header, out DecodeError error)
    {
        if (frame.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("sll2", Length, frame.Length);
            return false;
        }
        header = new LinuxSll2Header(frame);
        error = default;
        return true;
    }

    /// <summary>The protocol: an EtherType, or a Linux pseudo-protocol for small values.</summary>
    public ushort Protocol => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The interface index the packet was seen on.</summary>
    public uint InterfaceIndex => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>The ARPHRD_ type of the interface.</summary>
    public ushort ArpHardwareType => BinaryPrimitives.ReadUInt16BigEndian(_bytes[8..]);
    /// <summary>Direction/kind of the packet.</summary>
    public LinuxPacketType PacketType => (LinuxPacketType)_bytes[10];
    /// <summary>Length of the link-layer address.</summary>
    public byte AddressLength => _bytes[11];
    /// <summary>The 8-byte address field.</summary>
    public ReadOnlySpan<byte> AddressField => _bytes.Slice(12, 8);
    /// <summary>The protocol as an EtherType (meaningful when <see cref="Protocol"/> is above 1500; smaller values are Linux pseudo-protocols, 4 = 802.2 LLC).</summary>
    public EtherType EtherType => new(Protocol);
    /// <summary>The bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
