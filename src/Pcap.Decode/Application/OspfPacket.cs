using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// An OSPF version 2 packet (IP protocol 89 over IPv4, RFC 2328): the 24-byte header, the hello and database description
/// fields after it, and the 20-byte LSA headers (<see cref="OspfLsaHeader"/>) that database descriptions, requests, updates
/// and acknowledgements carry. A cut-off packet reads as far as it goes: a field may be read only when
/// <see cref="Captured"/> reaches past its last byte.
/// </summary>
public readonly ref struct OspfPacket
{
    /// <summary>Bytes in the common header (up to and including the authentication data).</summary>
    public const int HeaderLength = 24;
    /// <summary>The IP protocol number of OSPF (both versions).</summary>
    public const byte IpProtocolNumber = 89;
    /// <summary>Hello.</summary>
    public const int Hello = 1;
    /// <summary>Database Description.</summary>
    public const int DatabaseDescription = 2;
    /// <summary>Link State Request.</summary>
    public const int LinkStateRequest = 3;
    /// <summary>Link State Update.</summary>
    public const int LinkStateUpdate = 4;
    /// <summary>Link State Acknowledgement.</summary>
    public const int LinkStateAcknowledgement = 5;
    /// <summary>Cryptographic authentication: a 16-byte MD5 digest follows the packet.</summary>
    public const int Md5Authentication = 2;
    /// <summary>Bytes of the MD5 digest after the packet.</summary>
    public const int Md5DigestLength = 16;
    /// <summary>The options bit that says link-local signalling data follows the packet (RFC 5613).</summary>
    public const byte LinkLocalSignalling = 0x10;

    private readonly ReadOnlySpan<byte> _bytes;

    private OspfPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 24-byte header at the start of <paramref name="bytes"/> (an IP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out OspfPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("ospf", HeaderLength, bytes.Length);
            return false;
        }
        packet = new OspfPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>Lax read for printing a cut-off packet: any <paramref name="bytes"/>, fields checked against <see cref="Captured"/>.</summary>
    public static OspfPacket ReadPartial(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The captured packet.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The version (2).</summary>
    public byte Version => _bytes[0];
    /// <summary>The packet type (1 hello to 5 acknowledgement).</summary>
    public byte Type => _bytes[1];
    /// <summary>The packet length field: the header and body, without an MD5 digest or LLS block.</summary>
    public ushort PacketLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The sending router's ID.</summary>
    public ReadOnlySpan<byte> RouterId => _bytes.Slice(4, 4);
    /// <summary>The area ID (0.0.0.0: the backbone).</summary>
    public ReadOnlySpan<byte> AreaId => _bytes.Slice(8, 4);
    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[12..]);
    /// <summary>The authentication type (0 none, 1 simple password, 2 cryptographic).</summary>
    public ushort AuthenticationType => BinaryPrimitives.ReadUInt16BigEndian(_bytes[14..]);
    /// <summary>The 8 bytes of authentication data (a password, or key ID, digest length and sequence number).</summary>
    public ReadOnlySpan<byte> AuthenticationData => _bytes.Slice(16, 8);
    /// <summary>Cryptographic authentication's key ID.</summary>
    public byte KeyId => _bytes[18];
    /// <summary>Cryptographic authentication's digest length.</summary>
    public byte DigestLength => _bytes[19];
    /// <summary>Cryptographic authentication's sequence number.</summary>
    public uint CryptographicSequence => BinaryPrimitives.ReadUInt32BigEndian(_bytes[20..]);

    /// <summary>Hello: the network mask.</summary>
    public ReadOnlySpan<byte> HelloMask => _bytes.Slice(24, 4);
    /// <summary>Hello: seconds between hellos.</summary>
    public ushort HelloInterval => BinaryPrimitives.ReadUInt16BigEndian(_bytes[28..]);
    /// <summary>Hello: the options byte.</summary>
    public byte HelloOptions => _bytes[30];
    /// <summary>Hello: the router priority.</summary>
    public byte HelloPriority => _bytes[31];
    /// <summary>Hello: seconds before a silent neighbor is declared down.</summary>
    public uint DeadInterval => BinaryPrimitives.ReadUInt32BigEndian(_bytes[32..]);
    /// <summary>Hello: the designated router.</summary>
    public ReadOnlySpan<byte> DesignatedRouter => _bytes.Slice(36, 4);
    /// <summary>Hello: the backup designated router.</summary>
    public ReadOnlySpan<byte> BackupDesignatedRouter => _bytes.Slice(40, 4);
    /// <summary>Hello: where the neighbor list starts.</summary>
    public const int HelloNeighborsOffset = 44;

    /// <summary>Database description: the interface MTU.</summary>
    public ushort InterfaceMtu => BinaryPrimitives.ReadUInt16BigEndian(_bytes[24..]);
    /// <summary>Database description: the options byte.</summary>
    public byte DescriptionOptions => _bytes[26];
    /// <summary>Database description: the flags (0x04 init, 0x02 more, 0x01 master, 0x08 resync).</summary>
    public byte DescriptionFlags => _bytes[27];
    /// <summary>Database description: the sequence number.</summary>
    public uint DescriptionSequence => BinaryPrimitives.ReadUInt32BigEndian(_bytes[28..]);
    /// <summary>Database description: where the LSA headers start.</summary>
    public const int DescriptionHeadersOffset = 32;

    /// <summary>Link state update: the number of LSAs.</summary>
    public uint UpdateCount => BinaryPrimitives.ReadUInt32BigEndian(_bytes[24..]);
    /// <summary>Link state update: where the first LSA starts.</summary>
    public const int UpdateLsasOffset = 28;
}

/// <summary>
/// The 20-byte header every OSPFv2 link state advertisement starts with (RFC 2328 A.4.1; opaque LSAs, RFC 5250, split the
/// link state ID into an opaque type and ID).
/// </summary>
public readonly ref struct OspfLsaHeader
{
    /// <summary>Bytes in an LSA header.</summary>
    public const int Length = 20;

    private readonly ReadOnlySpan<byte> _bytes;

    private OspfLsaHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/>; false when fewer than 20 bytes were captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out OspfLsaHeader header)
    {
        header = bytes.Length < Length ? default : new OspfLsaHeader(bytes);
        return bytes.Length >= Length;
    }

    /// <summary>Seconds since the LSA was originated.</summary>
    public ushort Age => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The options byte.</summary>
    public byte Options => _bytes[2];
    /// <summary>The LSA type (1 router ... 11 domain-wide opaque).</summary>
    public byte Type => _bytes[3];
    /// <summary>The link state ID.</summary>
    public ReadOnlySpan<byte> LinkStateId => _bytes.Slice(4, 4);
    /// <summary>An opaque LSA's opaque type (the first byte of the link state ID).</summary>
    public byte OpaqueType => _bytes[4];
    /// <summary>An opaque LSA's 24-bit opaque ID.</summary>
    public uint OpaqueId => (uint)(_bytes[5] << 16 | _bytes[6] << 8 | _bytes[7]);
    /// <summary>The advertising router.</summary>
    public ReadOnlySpan<byte> AdvertisingRouter => _bytes.Slice(8, 4);
    /// <summary>The sequence number.</summary>
    public uint Sequence => BinaryPrimitives.ReadUInt32BigEndian(_bytes[12..]);
    /// <summary>The Fletcher checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[16..]);
    /// <summary>The LSA length, header included.</summary>
    public ushort LsaLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[18..]);
}
