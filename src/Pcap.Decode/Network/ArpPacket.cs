using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>An ARP/RARP/InARP packet: fixed 8-byte header then sender and target hardware and protocol addresses.</summary>
public readonly ref struct ArpPacket
{
    /// <summary>Bytes in the fixed part.</summary>
    public const int FixedLength = 8;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal ArpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the packet; fails unless the fixed header and all four addresses are present.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out ArpPacket packet, out DecodeError error)
    {
        packet = default;
        if (bytes.Length < FixedLength)
        {
            error = DecodeError.Truncated("arp", FixedLength, bytes.Length);
            return false;
        }
        var needed = FixedLength + 2 * (bytes[4] + bytes[5]);
        if (bytes.Length < needed)
        {
            error = DecodeError.Truncated("arp", needed, bytes.Length);
            return false;
        }
        packet = new ArpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>Hardware type (1 = Ethernet).</summary>
    public ushort HardwareType => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>Protocol type (an EtherType, 0x0800 for IPv4).</summary>
    public ushort ProtocolType => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Hardware address length.</summary>
    public byte HardwareLength => _bytes[4];
    /// <summary>Protocol address length.</summary>
    public byte ProtocolLength => _bytes[5];
    /// <summary>Operation (1 request, 2 reply, 3/4 reverse, 8/9 inverse).</summary>
    public ushort Operation => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>Sender hardware address.</summary>
    public ReadOnlySpan<byte> SenderHardwareAddress => _bytes.Slice(FixedLength, HardwareLength);
    /// <summary>Sender protocol address.</summary>
    public ReadOnlySpan<byte> SenderProtocolAddress => _bytes.Slice(FixedLength + HardwareLength, ProtocolLength);
    /// <summary>Target hardware address.</summary>
    public ReadOnlySpan<byte> TargetHardwareAddress => _bytes.Slice(FixedLength + HardwareLength + ProtocolLength, HardwareLength);
    /// <summary>Target protocol address.</summary>
    public ReadOnlySpan<byte> TargetProtocolAddress => _bytes.Slice(FixedLength + 2 * HardwareLength + ProtocolLength, ProtocolLength);
}
