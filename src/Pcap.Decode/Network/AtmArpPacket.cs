using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// An ATM ARP packet (RFC 2225, hardware type 19): a 12-byte fixed part with separate source and target lengths, then the
/// source ATM number, subaddress and protocol address and the target's. Each ATM length byte carries an E.164 flag (0x40).
/// </summary>
public readonly ref struct AtmArpPacket
{
    /// <summary>Bytes in the fixed part.</summary>
    public const int FixedLength = 12;

    /// <summary>ARP's hardware type for ATM.</summary>
    public const ushort HardwareTypeValue = 19;

    private const byte LengthMask = 0x3f;

    private readonly ReadOnlySpan<byte> _bytes;

    private AtmArpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the packet; fails unless the fixed part and every address are present.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out AtmArpPacket packet, out DecodeError error)
    {
        packet = default;
        if (bytes.Length < FixedLength)
        {
            error = DecodeError.Truncated("arp", FixedLength, bytes.Length);
            return false;
        }
        var candidate = new AtmArpPacket(bytes);
        var needed = candidate.TargetProtocolOffset + candidate.TargetProtocolLength;
        if (bytes.Length < needed)
        {
            error = DecodeError.Truncated("arp", needed, bytes.Length);
            return false;
        }
        packet = candidate;
        error = default;
        return true;
    }

    /// <summary>Hardware type (19).</summary>
    public ushort HardwareType => BinaryPrimitives.ReadUInt16BigEndian(_bytes);

    /// <summary>Protocol type (an EtherType).</summary>
    public ushort ProtocolType => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);

    /// <summary>Operation (as ARP's, plus 10 = NAK).</summary>
    public ushort Operation => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);

    /// <summary>Length of the source protocol address.</summary>
    public byte SourceProtocolLength => _bytes[8];

    /// <summary>Length of the target protocol address.</summary>
    public byte TargetProtocolLength => _bytes[11];

    /// <summary>Source ATM number.</summary>
    public ReadOnlySpan<byte> SourceNumber => _bytes.Slice(FixedLength, _bytes[4] & LengthMask);

    /// <summary>Source ATM subaddress.</summary>
    public ReadOnlySpan<byte> SourceSubaddress => _bytes.Slice(FixedLength + (_bytes[4] & LengthMask), _bytes[5] & LengthMask);

    /// <summary>Source protocol address.</summary>
    public ReadOnlySpan<byte> SourceProtocolAddress => _bytes.Slice(SourceProtocolOffset, SourceProtocolLength);

    /// <summary>Target ATM number.</summary>
    public ReadOnlySpan<byte> TargetNumber => _bytes.Slice(SourceProtocolOffset + SourceProtocolLength, _bytes[9] & LengthMask);

    /// <summary>Target ATM subaddress.</summary>
    public ReadOnlySpan<byte> TargetSubaddress => _bytes.Slice(SourceProtocolOffset + SourceProtocolLength + (_bytes[9] & LengthMask), _bytes[10] & LengthMask);

    /// <summary>Target protocol address.</summary>
    public ReadOnlySpan<byte> TargetProtocolAddress => _bytes.Slice(TargetProtocolOffset, TargetProtocolLength);

    private int SourceProtocolOffset => FixedLength + (_bytes[4] & LengthMask) + (_bytes[5] & LengthMask);

    private int TargetProtocolOffset => SourceProtocolOffset + SourceProtocolLength + (_bytes[9] & LengthMask) + (_bytes[10] & LengthMask);
}
