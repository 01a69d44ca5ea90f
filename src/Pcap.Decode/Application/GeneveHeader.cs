using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A Geneve header (RFC 8926; UDP port 6081): version and options length, the O and C flags, the protocol type of the
/// payload (an EtherType; 0x6558 for an Ethernet frame), the 24-bit VNI, and the variable-length options.
/// </summary>
public readonly ref struct GeneveHeader
{
    /// <summary>Bytes in the fixed header.</summary>
    public const int FixedLength = 8;
    /// <summary>The IANA UDP port of Geneve.</summary>
    public const ushort Port = 6081;
    /// <summary>Transparent Ethernet bridging: the payload is an Ethernet frame.</summary>
    public const ushort EthernetBridging = 0x6558;

    private readonly ReadOnlySpan<byte> _bytes;

    private GeneveHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the fixed header at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out GeneveHeader header, out DecodeError error)
    {
        if (bytes.Length < FixedLength)
        {
            header = default;
            error = DecodeError.Truncated("geneve", FixedLength, bytes.Length);
            return false;
        }
        header = new GeneveHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>The version (0).</summary>
    public int Version => _bytes[0] >> 6;
    /// <summary>Bytes of options after the fixed header.</summary>
    public int OptionsLength => (_bytes[0] & 0x3f) * 4;
    /// <summary>The flags byte: O (0x80, control packet), C (0x40, critical options present), reserved bits.</summary>
    public byte Flags => _bytes[1];
    /// <summary>The EtherType of the payload.</summary>
    public ushort ProtocolType => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The 24-bit virtual network identifier.</summary>
    public uint Vni => (uint)(_bytes[4] << 16 | _bytes[5] << 8 | _bytes[6]);
    /// <summary>The reserved byte after the VNI.</summary>
    public byte Reserved => _bytes[7];
    /// <summary>The captured options (up to <see cref="OptionsLength"/> bytes).</summary>
    public ReadOnlySpan<byte> Options => _bytes[FixedLength..Math.Min(_bytes.Length, FixedLength + OptionsLength)];
    /// <summary>The captured payload after the options.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Math.Min(_bytes.Length, FixedLength + OptionsLength)..];
}
