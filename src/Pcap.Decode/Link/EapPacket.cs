using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// An EAP packet (RFC 3748), as 802.1X (EAPOL) and RADIUS's EAP-Message attribute carry it: code, identifier, length, and
/// for requests and responses a type byte and the type's data.
/// </summary>
public readonly ref struct EapPacket
{
    /// <summary>Bytes of code, identifier and length.</summary>
    public const int HeaderLength = 4;
    /// <summary>The Request code.</summary>
    public const byte Request = 1;
    /// <summary>The Response code.</summary>
    public const byte Response = 2;

    private readonly ReadOnlySpan<byte> _bytes;

    private EapPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 4-byte header at the start of <paramref name="bytes"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out EapPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("eap", HeaderLength, bytes.Length);
            return false;
        }
        packet = new EapPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>The code (1 Request, 2 Response, 3 Success, 4 Failure).</summary>
    public byte Code => _bytes[0];
    /// <summary>The identifier that matches a response to its request.</summary>
    public byte Identifier => _bytes[1];
    /// <summary>The length field: the whole packet, header included.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The captured bytes, from the code on (the type byte of a request or response is at offset 4).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
}
