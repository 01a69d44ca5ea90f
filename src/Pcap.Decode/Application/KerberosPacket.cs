using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// The start of a Kerberos message (UDP port 88, and 750 for version 4): the protocol version byte, and for version 4
/// (Athena plan E.2.1) the message type byte, whose low bit says the sender's byte order, followed by NUL-terminated
/// name strings and fixed fields. A version 5 message is ASN.1 (its first byte is the application tag 0x6a or 0x6b for
/// AS-REQ and AS-REP), which this view does not decode.
/// </summary>
public readonly ref struct KerberosPacket
{
    /// <summary>The UDP port of Kerberos.</summary>
    public const ushort Port = 88;
    /// <summary>The UDP port of the Kerberos version 4 server.</summary>
    public const ushort Version4Port = 750;
    /// <summary>Version 4 KDC request (the message type without its byte-order bit).</summary>
    public const byte KdcRequest = 1 << 1;
    /// <summary>Version 4 KDC reply.</summary>
    public const byte KdcReply = 2 << 1;
    /// <summary>Version 4 application request.</summary>
    public const byte ApplicationRequest = 3 << 1;
    /// <summary>Version 4 mutual application request.</summary>
    public const byte ApplicationRequestMutual = 4 << 1;
    /// <summary>Version 4 error reply.</summary>
    public const byte ErrorReply = 5 << 1;

    private readonly ReadOnlySpan<byte> _bytes;

    private KerberosPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the version byte at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out KerberosPacket packet, out DecodeError error)
    {
        if (bytes.IsEmpty)
        {
            packet = default;
            error = DecodeError.Truncated("krb", 1, 0);
            return false;
        }
        packet = new KerberosPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>The protocol version byte (1 to 4 for the old protocols; 106 or 107, an ASN.1 tag, for version 5).</summary>
    public byte Version => _bytes[0];
    /// <summary>True when the version 4 message type byte was captured.</summary>
    public bool HasType => _bytes.Length >= 2;
    /// <summary>The version 4 message type, byte-order bit cleared (when <see cref="HasType"/>).</summary>
    public byte MessageType => (byte)(_bytes[1] & 0xfe);
    /// <summary>True when the version 4 sender wrote its numbers little-endian (the low bit of the type byte).</summary>
    public bool IsLittleEndian => (_bytes[1] & 1) != 0;
    /// <summary>The captured message bytes, from the version byte on.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>
    /// The 16-bit number at <paramref name="offset"/> in the sender's byte order, or -1 when it was not captured.
    /// </summary>
    public int ReadUInt16(int offset)
    {
        if (offset < 0 || offset > _bytes.Length - 2)
            return -1;
        var field = _bytes.Slice(offset, 2);
        return IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(field) : BinaryPrimitives.ReadUInt16BigEndian(field);
    }

    /// <summary>
    /// The length of the NUL-terminated string at <paramref name="offset"/>, terminator included; 0 when no NUL was captured
    /// after it.
    /// </summary>
    public int TerminatedLength(int offset)
    {
        if (offset >= _bytes.Length)
            return 0;
        var end = _bytes[offset..].IndexOf((byte)0);
        return end < 0 ? 0 : end + 1;
    }
}
