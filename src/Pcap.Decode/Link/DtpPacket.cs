using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// Cisco's Dynamic Trunking Protocol (SNAP OUI 0x00000C, protocol id 0x2004): a version byte, then type-length-value
/// records (domain, status, DTP type, neighbor) whose length counts their 4-byte header. Read a field only when
/// <see cref="Captured"/> reaches past it.
/// </summary>
public readonly ref struct DtpPacket
{
    /// <summary>The SNAP protocol id of DTP under Cisco's OUI.</summary>
    public const ushort SnapProtocolId = 0x2004;
    /// <summary>Bytes before the first TLV (the version).</summary>
    public const int HeaderLength = 1;
    /// <summary>Bytes in a TLV's type and length fields.</summary>
    public const int TlvHeaderLength = 4;

    private readonly ReadOnlySpan<byte> _bytes;

    private DtpPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Lax read: wraps whatever was captured (possibly nothing); check <see cref="Captured"/> before each field.</summary>
    public static DtpPacket Wrap(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Reads a packet whose version byte was captured.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out DtpPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("dtp", HeaderLength, bytes.Length);
            return false;
        }
        packet = new DtpPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The protocol version.</summary>
    public byte Version => _bytes[0];
    /// <summary>The type of the TLV at <paramref name="offset"/> (1 domain, 2 status, 3 DTP type, 4 neighbor).</summary>
    public ushort TlvType(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]);
    /// <summary>The length of the TLV at <paramref name="offset"/>, its 4-byte header included.</summary>
    public ushort TlvLength(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[(offset + 2)..]);
    /// <summary>The captured bytes from <paramref name="offset"/> on.</summary>
    public ReadOnlySpan<byte> From(int offset) => _bytes[Math.Min(offset, _bytes.Length)..];
}
