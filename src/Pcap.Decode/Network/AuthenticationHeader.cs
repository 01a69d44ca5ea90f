using System.Buffers.Binary;
using Pcap.Wire;

namespace Pcap.Decode.Network;

/// <summary>
/// An IPsec Authentication Header (IP protocol 51, RFC 4302): the protocol it protects, its own length, the security
/// parameters index, the sequence number and the integrity check value, followed by the protected payload.
/// </summary>
public readonly ref struct AuthenticationHeader
{
    /// <summary>Bytes up to and including the sequence number; the ICV follows.</summary>
    public const int FixedLength = 12;
    /// <summary>The IP protocol number of AH.</summary>
    public const byte IpProtocolNumber = 51;

    private readonly ReadOnlySpan<byte> _bytes;

    private AuthenticationHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/> (an IP payload), ICV included.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out AuthenticationHeader header, out DecodeError error)
    {
        if (bytes.Length < FixedLength)
        {
            header = default;
            error = DecodeError.Truncated("ah", FixedLength, bytes.Length);
            return false;
        }
        var length = (bytes[1] + 2) * 4;
        if (length < FixedLength)
        {
            header = default;
            error = DecodeError.Invalid("ah", FixedLength, length);
            return false;
        }
        if (bytes.Length < length)
        {
            header = default;
            error = DecodeError.Truncated("ah", length, bytes.Length);
            return false;
        }
        header = new AuthenticationHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// Lax read for printing a cut-off header as far as it goes: succeeds on any non-empty <paramref name="bytes"/>; a field
    /// may be read only when <see cref="Captured"/> reaches past its last byte.
    /// </summary>
    public static bool TryReadPartial(ReadOnlySpan<byte> bytes, out AuthenticationHeader header)
    {
        header = bytes.IsEmpty ? default : new AuthenticationHeader(bytes);
        return !bytes.IsEmpty;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The protocol of the payload after this header.</summary>
    public IpProtocol NextHeader => new(_bytes[0]);
    /// <summary>The payload length field: the header's length in 4-byte words, minus 2.</summary>
    public byte PayloadLength => _bytes[1];
    /// <summary>The header's length in bytes, from <see cref="PayloadLength"/>.</summary>
    public int HeaderLength => (_bytes[1] + 2) * 4;
    /// <summary>The reserved field (zero on the wire).</summary>
    public ushort Reserved => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The security parameters index naming the security association.</summary>
    public uint SecurityParametersIndex => BinaryPrimitives.ReadUInt32BigEndian(_bytes[4..]);
    /// <summary>The anti-replay sequence number.</summary>
    public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes[8..]);
    /// <summary>The captured part of the integrity check value (after the sequence number, up to <see cref="HeaderLength"/>).</summary>
    public ReadOnlySpan<byte> IntegrityCheckValue =>
        _bytes.Length <= FixedLength ? default : _bytes[FixedLength..Math.Min(_bytes.Length, Math.Max(FixedLength, HeaderLength))];
    /// <summary>The captured bytes after the header (empty when the header reaches past the capture).</summary>
    public ReadOnlySpan<byte> Payload => _bytes.Length <= HeaderLength ? default : _bytes[HeaderLength..];
}
