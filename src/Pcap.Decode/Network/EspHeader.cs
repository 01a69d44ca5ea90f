using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// An IPsec Encapsulating Security Payload header (IP protocol 50, RFC 4303): the security parameters index and the
/// sequence number in front of the encrypted payload, which cannot be read without the key.
/// </summary>
public readonly ref struct EspHeader
{
    /// <summary>Bytes of the SPI and sequence number.</summary>
    public const int HeaderLength = 8;
    /// <summary>The IP protocol number of ESP.</summary>
    public const byte IpProtocolNumber = 50;

    private readonly ReadOnlySpan<byte> _bytes;

    private EspHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 8-byte header at the start of <paramref name="bytes"/> (an IP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out EspHeader header, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            header = default;
            error = DecodeError.Truncated("esp", HeaderLength, bytes.Length);
            return false;
        }
        header = new EspHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>The security parameters index naming the security association.</summary>
    public uint SecurityParametersIndex => BinaryPrimitives.ReadUInt32BigEndian(_bytes);
    /// <summary>The anti-replay sequence number.</summary>
    public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>The captured bytes after the header: IV, ciphertext, padding, trailer and ICV.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[HeaderLength..];
}
