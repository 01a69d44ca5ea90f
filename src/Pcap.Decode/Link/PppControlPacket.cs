using System.Buffers.Binary;

namespace Pcap.Decode.Link;

/// <summary>
/// A PPP control or authentication packet (RFC 1661 section 5; LCP, IPCP, IPv6CP, CCP, BACP, PAP, CHAP): code, identifier
/// and length, then the data (configuration options of type, length, value; a magic number; PAP's or CHAP's fields).
/// </summary>
public readonly ref struct PppControlPacket
{
    /// <summary>Bytes of code, identifier and length.</summary>
    public const int HeaderLength = 4;
    /// <summary>Code: Configure-Request.</summary>
    public const byte ConfigureRequest = 1;
    /// <summary>Code: Configure-Reject, the last of the four codes that carry options.</summary>
    public const byte ConfigureReject = 4;
    /// <summary>Code: Terminate-Request.</summary>
    public const byte TerminateRequest = 5;
    /// <summary>Code: Echo-Request (LCP).</summary>
    public const byte EchoRequest = 9;

    private readonly ReadOnlySpan<byte> _bytes;

    private PppControlPacket(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 4-byte header at the start of <paramref name="bytes"/> (a PPP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out PppControlPacket packet, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            packet = default;
            error = DecodeError.Truncated("ppp", HeaderLength, bytes.Length);
            return false;
        }
        packet = new PppControlPacket(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// Lax read for printing a cut-off packet as far as it goes: always succeeds; a field may be read only when
    /// <see cref="Captured"/> reaches past its last byte (<see cref="Has"/>).
    /// </summary>
    public static PppControlPacket ReadPartial(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The captured packet.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The code (1 Configure-Request ... 15 Reset-Ack; PAP's and CHAP's own codes).</summary>
    public byte Code => _bytes[0];
    /// <summary>The identifier that matches a reply to its request.</summary>
    public byte Identifier => _bytes[1];
    /// <summary>The length field: the packet's bytes including this header.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);

    /// <summary>Whether <paramref name="count"/> bytes at <paramref name="offset"/> were captured.</summary>
    public bool Has(int offset, int count) => offset >= 0 && count >= 0 && _bytes.Length - offset >= count;
    /// <summary>The byte at <paramref name="offset"/>.</summary>
    public byte U8(int offset) => _bytes[offset];
    /// <summary>The big-endian 16-bit word at <paramref name="offset"/>.</summary>
    public ushort U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]);
    /// <summary>The big-endian 24-bit value at <paramref name="offset"/> (an OUI).</summary>
    public int U24(int offset) => _bytes[offset] << 16 | _bytes[offset + 1] << 8 | _bytes[offset + 2];
    /// <summary>The big-endian 32-bit word at <paramref name="offset"/>.</summary>
    public uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_bytes[offset..]);
    /// <summary>The captured bytes from <paramref name="offset"/> on (empty past the end).</summary>
    public ReadOnlySpan<byte> From(int offset) => offset < _bytes.Length ? _bytes[offset..] : default;
}
