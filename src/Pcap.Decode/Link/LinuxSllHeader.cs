using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>Linux cooked capture v1 (LINKTYPE_LINUX_SLL): packet type, ARPHRD type, link address, protocol.</summary>
public readonly ref struct LinuxSllHeader
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 16;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal LinuxSllHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="frame"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out LinuxSllHeader header, out DecodeError error)
    {
        if (frame.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("sll", Length, frame.Length);
            return false;
        }
        header = new LinuxSllHeader(frame);
        error = default;
        return true;
    }

    /// <summary>Direction/kind of the packet (<see cref="LinuxPacketType"/>).</summary>
    public LinuxPacketType PacketType => (LinuxPacketType)BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The ARPHRD_ type of the interface.</summary>
    public ushort ArpHardwareType => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Length of the link-layer address.</summary>
    public ushort AddressLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>The 8-byte address field (only <see cref="AddressLength"/> bytes of it are meaningful).</summary>
    public ReadOnlySpan<byte> AddressField => _bytes.Slice(6, 8);
    /// <summary>The protocol: an EtherType, or a Linux pseudo-protocol for small values.</summary>
    public ushort Protocol => BinaryPrimitives.ReadUInt16BigEndian(_bytes[14..]);
    /// <summary>The protocol as an EtherType (meaningful when <see cref="Protocol"/> is above 1500; smaller values are Linux pseudo-protocols, 4 = 802.2 LLC).</summary>
    public EtherType EtherType => new(Protocol);
    /// <summary>The bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
