using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>The SNAP extension after an LLC header of DSAP=SSAP=0xAA, control 0x03: an OUI and a protocol id (an EtherType when the OUI is 0).</summary>
public readonly ref struct SnapHeader
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 5;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal SnapHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 5-byte header at the start of <paramref name="bytes"/> (the bytes after the LLC header).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out SnapHeader header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("snap", Length, bytes.Length);
            return false;
        }
        header = new SnapHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>The organisation code (24 bits).</summary>
    public uint Oui => (uint)(_bytes[0] << 16 | _bytes[1] << 8 | _bytes[2]);
    /// <summary>The protocol id.</summary>
    public ushort ProtocolId => BinaryPrimitives.ReadUInt16BigEndian(_bytes[3..]);
    /// <summary>
    /// True when <see cref="ProtocolId"/> is an EtherType: OUI 0 (RFC 1042), 0x0000F8 (802.1H bridge tunnel, "Cisco bridged")
    /// and AppleTalk's 0x080007 with AppleTalk's EtherType, the cases tcpdump's snap_print hands to its EtherType dispatch.
    /// </summary>
    public bool CarriesEtherType => Oui is 0 or 0x0000f8 || (Oui == 0x080007 && ProtocolId == 0x809b);
    /// <summary>The protocol id as an EtherType (meaningful when <see cref="CarriesEtherType"/>).</summary>
    public EtherType EtherType => new(ProtocolId);
    /// <summary>The bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];
}
