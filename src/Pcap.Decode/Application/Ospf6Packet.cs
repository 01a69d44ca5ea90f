using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// An OSPF version 3 packet (IP protocol 89 over IPv6, RFC 5340): the 16-byte header and the hello and database description
/// fields after it. A cut-off packet reads as far as it goes: a field may be read only when <see cref="Captured"/> reaches
/// past its last byte. The LSAs use the same 20-byte header layout as version 2 with a 16-bit type (scope and function).
/// </summary>
public readonly ref struct Ospf6Packet
{
    /// <summary>Bytes in the common header.</summary>
    public const int HeaderLength = 16;
    /// <summary>The options bit that says link-local signalling data follows a hello or database description.</summary>
    public const uint LinkLocalSignalling = 0x0200;

    private readonly ReadOnlySpan<byte> _bytes;

    private Ospf6Packet(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 16-byte header at the start of <paramref name="bytes"/> (an IPv6 payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Ospf6Packet packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("ospf6", HeaderLength, bytes.Length);
            return false;
        }
        packet = new Ospf6Packet(bytes);
        error = default;
        return true;
    }

    /// <summary>Lax read for printing a cut-off packet: any <paramref name="bytes"/>, fields checked against <see cref="Captured"/>.</summary>
    public static Ospf6Packet ReadPartial(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The captured packet.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The version (3).</summary>
    public byte Version => _bytes[0];
    /// <summary>The packet type (1 hello to 5 acknowledgement, as in version 2).</summary>
    public byte Type => _bytes[1];
    /// <summary>The packet length field (without an LLS block or authentication trailer).</summary>
    public ushort PacketLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The sending router's ID.</summary>
    public ReadOnlySpan<byte> RouterId => _bytes.Slice(4, 4);
    /// <summary>The area ID (0.0.0.0: the backbone).</summary>
    public ReadOnlySpan<byte> AreaId => _bytes.Slice(8, 4);
    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[12..]);
    /// <summary>The instance ID.</summary>
    public byte InstanceId => _bytes[14];

    /// <summary>Hello: the interface ID.</summary>
    public ReadOnlySpan<byte> InterfaceId => _bytes.Slice(16, 4);
    /// <summary>Hello: the router priority (the first byte of the options word).</summary>
    public byte HelloPriority => _bytes[20];
    /// <summary>Hello: the options word (its 24 low bits; the priority above them).</summary>
    public uint HelloOptions => BinaryPrimitives.ReadUInt32BigEndian(_bytes[20..]);
    /// <summary>Hello: seconds between hellos.</summary>
    public ushort HelloInterval => BinaryPrimitives.ReadUInt16BigEndian(_bytes[24..]);
    /// <summary>Hello: seconds before a silent neighbor is declared down.</summary>
    public ushort DeadInterval => BinaryPrimitives.ReadUInt16BigEndian(_bytes[26..]);
    /// <summary>Hello: the designated router.</summary>
    public ReadOnlySpan<byte> DesignatedRouter => _bytes.Slice(28, 4);
    /// <summary>Hello: the backup designated router.</summary>
    public ReadOnlySpan<byte> BackupDesignatedRouter => _bytes.Slice(32, 4);
    /// <summary>Hello: where the neighbor list starts.</summary>
    public const int HelloNeighborsOffset = 36;

    /// <summary>Database description: the options word.</summary>
    public uint DescriptionOptions => BinaryPrimitives.ReadUInt32BigEndian(_bytes[16..]);
    /// <summary>Database description: the interface MTU.</summary>
    public ushort InterfaceMtu => BinaryPrimitives.ReadUInt16BigEndian(_bytes[20..]);
    /// <summary>Database description: the flags (0x04 init, 0x02 more, 0x01 master, 0x10 IPv6 MTU).</summary>
    public byte DescriptionFlags => _bytes[23];
    /// <summary>Database description: the sequence number.</summary>
    public uint DescriptionSequence => BinaryPrimitives.ReadUInt32BigEndian(_bytes[24..]);
    /// <summary>Database description: where the LSA headers start.</summary>
    public const int DescriptionHeadersOffset = 28;

    /// <summary>Link state update: the number of LSAs.</summary>
    public uint UpdateCount => BinaryPrimitives.ReadUInt32BigEndian(_bytes[16..]);
    /// <summary>Link state update: where the first LSA starts.</summary>
    public const int UpdateLsasOffset = 20;
}
