using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// The RFC 4884 extension structure of an ICMP error (after the 128-byte quoted datagram): version, checksum, then objects
/// such as the RFC 4950 MPLS label stack that routers add for traceroute.
/// </summary>
public readonly ref struct IcmpExtension
{
    /// <summary>Offset of the extension header from the start of the ICMP message.</summary>
    public const int Offset = 136;
    /// <summary>The extension version RFC 4884 defines.</summary>
    public const int CurrentVersion = 2;
    /// <summary>Class of the MPLS label stack object (RFC 4950).</summary>
    public const int MplsStackClass = 1;

    private readonly ReadOnlySpan<byte> _bytes;

    private IcmpExtension(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the extension header of the ICMP message <paramref name="icmp"/> (4 bytes at offset 136).</summary>
    public static bool TryRead(ReadOnlySpan<byte> icmp, out IcmpExtension extension, out DecodeError error)
    {
        if (icmp.Length < Offset + 4)
        {
            extension = default;
            error = DecodeError.Truncated("icmp", Offset + 4, icmp.Length);
            return false;
        }
        extension = new IcmpExtension(icmp[Offset..]);
        error = default;
        return true;
    }

    /// <summary>The extension version (2).</summary>
    public int Version => _bytes[0] >> 4;
    /// <summary>The checksum over the extension structure.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The captured extension structure, header included.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
}
