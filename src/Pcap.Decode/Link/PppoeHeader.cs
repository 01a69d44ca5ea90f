using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// A PPPoE header (RFC 2516), EtherType 0x8863 (discovery) or 0x8864 (session): version and type (1 each), the code
/// (PADI, PADO, PADR, PADS, PADT; 0 in a session packet), the session id and the payload length; then the discovery
/// tags or, in a session, a PPP frame starting at its protocol field.
/// </summary>
public readonly ref struct PppoeHeader
{
    /// <summary>Bytes in the header.</summary>
    public const int Length = 6;
    /// <summary>Bytes in a tag's type and length fields.</summary>
    public const int TagHeaderLength = 4;
    /// <summary>Code of a session packet (PPP data).</summary>
    public const byte SessionData = 0x00;
    /// <summary>Code of an Active Discovery Initiation.</summary>
    public const byte Padi = 0x09;
    /// <summary>Code of an Active Discovery Offer.</summary>
    public const byte Pado = 0x07;
    /// <summary>Code of an Active Discovery Request.</summary>
    public const byte Padr = 0x19;
    /// <summary>Code of an Active Discovery Session-confirmation.</summary>
    public const byte Pads = 0x65;
    /// <summary>Code of an Active Discovery Terminate.</summary>
    public const byte Padt = 0xa7;
    /// <summary>Tag type End-Of-List, which ends the tags.</summary>
    public const ushort EndOfList = 0x0000;

    private readonly ReadOnlySpan<byte> _bytes;

    private PppoeHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 6-byte header at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out PppoeHeader header, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            header = default;
            error = DecodeError.Truncated("pppoe", Length, bytes.Length);
            return false;
        }
        header = new PppoeHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>The version, the high nibble of the first byte (1).</summary>
    public int Version => _bytes[0] >> 4;
    /// <summary>The type, the low nibble of the first byte (1).</summary>
    public int Type => _bytes[0] & 0x0f;
    /// <summary>The code: a discovery stage, or <see cref="SessionData"/>.</summary>
    public byte Code => _bytes[1];
    /// <summary>The session id (0 before PADS assigns one).</summary>
    public ushort SessionId => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The payload length field.</summary>
    public ushort PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>The captured bytes after the header (tags, or a PPP frame), which may run past <see cref="PayloadLength"/>.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[Length..];

    /// <summary>
    /// Reads the tag whose type field starts <paramref name="offset"/> bytes into <see cref="Payload"/>; false when its type
    /// and length fields were not captured.
    /// </summary>
    public bool TryReadTag(int offset, out ushort type, out ushort length)
    {
        var payload = Payload;
        if (offset < 0 || payload.Length - offset < TagHeaderLength)
        {
            type = length = 0;
            return false;
        }
        type = BinaryPrimitives.ReadUInt16BigEndian(payload[offset..]);
        length = BinaryPrimitives.ReadUInt16BigEndian(payload[(offset + 2)..]);
        return true;
    }
}
