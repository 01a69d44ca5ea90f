using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Pcap.Decode.Application;

/// <summary>
/// A DNS message (RFC 1035 section 4.1): the 12-byte header with its flags and section counts, over the captured bytes of the
/// whole message so names and records can be read from it. The same layout serves mDNS and, after a 2-byte length prefix, DNS
/// over TCP (<see cref="TryReadTcp"/>).
/// </summary>
public readonly ref struct DnsMessage
{
    /// <summary>Bytes in the header.</summary>
    public const int HeaderLength = 12;
    /// <summary>The UDP and TCP port of DNS.</summary>
    public const ushort Port = 53;
    /// <summary>The UDP port of multicast DNS (RFC 6762).</summary>
    public const ushort MulticastPort = 5353;

    private readonly ReadOnlySpan<byte> _bytes;

    // Internal so the layer walk, which validated the bytes once, hands out views without reading them again.
    internal DnsMessage(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/> (a UDP payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out DnsMessage message, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            message = default;
            error = DecodeError.Truncated("domain", HeaderLength, bytes.Length);
            return false;
        }
        message = new DnsMessage(bytes);
        error = default;
        return true;
    }

    /// <summary>Reads a message carried over TCP: a 2-byte length, then the message.</summary>
    public static bool TryReadTcp(ReadOnlySpan<byte> bytes, out DnsMessage message, out DecodeError error)
    {
        if (bytes.Length < 2)
        {
            message = default;
            error = DecodeError.Truncated("domain", 2 + HeaderLength, bytes.Length);
            return false;
        }
        return TryRead(bytes[2..], out message, out error);
    }

    /// <summary>The message's captured bytes, from the header on; names and records are read at offsets into it.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    // The header fields are forced inline: read after an inlined layer walk, the JIT's inline budget is often spent
    // and a field read became a call (the walk benchmark's DNS case).
    /// <summary>Query identifier.</summary>
    public ushort Id
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    }
    /// <summary>The 16-bit flags word (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode).</summary>
    public ushort Flags
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(2, 2));
    }
    /// <summary>QR: a response rather than a query.</summary>
    public bool IsResponse => (Flags & 0x8000) != 0;
    /// <summary>The operation (0 query, 1 inverse query, 2 status, 4 notify, 5 update...).</summary>
    public int Opcode => (Flags >> 11) & 0xf;
    /// <summary>AA: authoritative answer.</summary>
    public bool Authoritative => (Flags & 0x0400) != 0;
    /// <summary>TC: the message was truncated.</summary>
    public bool Truncated => (Flags & 0x0200) != 0;
    /// <summary>RD: recursion desired.</summary>
    public bool RecursionDesired => (Flags & 0x0100) != 0;
    /// <summary>RA: recursion available.</summary>
    public bool RecursionAvailable => (Flags & 0x0080) != 0;
    /// <summary>AD: authentic data.</summary>
    public bool AuthenticData => (Flags & 0x0020) != 0;
    /// <summary>CD: checking disabled.</summary>
    public bool CheckingDisabled => (Flags & 0x0010) != 0;
    /// <summary>The 4-bit response code of the header (EDNS extends it in the OPT record).</summary>
    public int ResponseCode => Flags & 0xf;
    /// <summary>Entries in the question section.</summary>
    public ushort QuestionCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(4, 2));
    }
    /// <summary>Records in the answer section.</summary>
    public ushort AnswerCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(6, 2));
    }
    /// <summary>Records in the authority section.</summary>
    public ushort AuthorityCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(8, 2));
    }
    /// <summary>Records in the additional section.</summary>
    public ushort AdditionalCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(10, 2));
    }

    /// <summary>
    /// The offset just past the name at <paramref name="offset"/> (a compression pointer ends a name), or -1 when the name
    /// runs past the captured bytes or uses a label type that cannot be skipped.
    /// </summary>
    public int SkipName(int offset) => DnsName.Skip(_bytes, offset);

    /// <summary>The name at <paramref name="offset"/>, to enumerate its labels with compression pointers followed.</summary>
    public DnsName NameAt(int offset) => new(_bytes, offset, 0);

    /// <summary>The 16-bit big-endian value at <paramref name="offset"/>, or -1 when it was not captured.</summary>
    public int ReadUInt16(int offset) =>
        offset >= 0 && offset <= _bytes.Length - 2 ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]) : -1;
}
