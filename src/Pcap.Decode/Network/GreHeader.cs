using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// A GRE header (IP protocol 47): version 0 (RFC 1701/2784/2890: optional checksum and offset, key, sequence number and
/// source routes) or version 1, PPTP's enhanced GRE (RFC 2637: payload length and call id in the key, optional sequence
/// and acknowledgment numbers). The optional fields follow the 4 fixed bytes in that order when their flag is set.
/// </summary>
public readonly ref struct GreHeader
{
    /// <summary>Bytes in the fixed part: flags and version, protocol type.</summary>
    public const int FixedLength = 4;
    /// <summary>The IP protocol number of GRE.</summary>
    public const byte IpProtocolNumber = 47;
    /// <summary>Checksum present (the checksum and offset words follow).</summary>
    public const ushort ChecksumFlag = 0x8000;
    /// <summary>Routing present (the offset word and source route entries follow).</summary>
    public const ushort RoutingFlag = 0x4000;
    /// <summary>Key present.</summary>
    public const ushort KeyFlag = 0x2000;
    /// <summary>Sequence number present.</summary>
    public const ushort SequenceFlag = 0x1000;
    /// <summary>Strict source route.</summary>
    public const ushort StrictSourceRouteFlag = 0x0800;
    /// <summary>Acknowledgment number present (version 1).</summary>
    public const ushort AcknowledgmentFlag = 0x0080;

    private readonly ReadOnlySpan<byte> _bytes;

    private GreHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header at the start of <paramref name="bytes"/> (an IP payload), with every optional field its flags announce.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out GreHeader header, out DecodeError error)
    {
        header = new GreHeader(bytes);
        if (bytes.Length < FixedLength || bytes.Length < header.OptionalFieldsEnd)
        {
            header = default;
            error = DecodeError.Truncated("gre", bytes.Length < FixedLength ? FixedLength : new GreHeader(bytes).OptionalFieldsEnd, bytes.Length);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>
    /// Lax read for printing a cut-off header as far as it goes: succeeds when the flags word was captured; another field may be
    /// read only when <see cref="Captured"/> reaches past it.
    /// </summary>
    public static bool TryReadPartial(ReadOnlySpan<byte> bytes, out GreHeader header)
    {
        header = bytes.Length >= 2 ? new GreHeader(bytes) : default;
        return bytes.Length >= 2;
    }

    /// <summary>How many bytes were captured.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The flags and version word.</summary>
    public ushort FlagsAndVersion => BinaryPrimitives.ReadUInt16BigEndian(_bytes);
    /// <summary>The version (0: GRE, 1: PPTP's enhanced GRE).</summary>
    public int Version => _bytes[1] & 7;
    /// <summary>The EtherType of the payload.</summary>
    public ushort ProtocolType => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>Whether the checksum/offset word pair is present (version 0: checksum or routing flag).</summary>
    public bool HasChecksumAndOffset => Version == 0 && (FlagsAndVersion & (ChecksumFlag | RoutingFlag)) != 0;
    /// <summary>Offset of the checksum field (valid when <see cref="HasChecksumAndOffset"/>).</summary>
    public int ChecksumOffset => FixedLength;
    /// <summary>Offset of the key (version 0) or payload length and call id (version 1).</summary>
    public int KeyOffset => FixedLength + (HasChecksumAndOffset ? 4 : 0);
    /// <summary>Offset of the sequence number.</summary>
    public int SequenceOffset => KeyOffset + ((FlagsAndVersion & KeyFlag) != 0 ? 4 : 0);
    /// <summary>Offset of the acknowledgment number (version 1) or the source route entries (version 0).</summary>
    public int AfterSequenceOffset => SequenceOffset + ((FlagsAndVersion & SequenceFlag) != 0 ? 4 : 0);
    /// <summary>The end of the fixed and optional words, before version 0's source route entries.</summary>
    public int OptionalFieldsEnd => AfterSequenceOffset + (Version == 1 && (FlagsAndVersion & AcknowledgmentFlag) != 0 ? 4 : 0);
    /// <summary>The 16-bit word at <paramref name="offset"/> (a field offset from this view).</summary>
    public ushort Word16At(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes[offset..]);
    /// <summary>The 32-bit word at <paramref name="offset"/> (a field offset from this view).</summary>
    public uint Word32At(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_bytes[offset..]);
    /// <summary>The captured bytes from <paramref name="offset"/> on (the source routes or the payload).</summary>
    public ReadOnlySpan<byte> From(int offset) => _bytes[Math.Min(offset, _bytes.Length)..];
}
