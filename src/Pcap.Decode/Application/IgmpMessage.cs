using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// An IGMP message (RFC 1112, 2236, 3376): type, max response code, checksum, group address, and for IGMPv3 the query's
/// source list or the report's group records (read with <see cref="RecordAt"/>).
/// </summary>
public readonly ref struct IgmpMessage
{
    /// <summary>Bytes in the common header (v1/v2 message).</summary>
    public const int Length = 8;
    /// <summary>Membership query (all versions).</summary>
    public const byte MembershipQuery = 0x11;
    /// <summary>IGMPv1 membership report.</summary>
    public const byte V1Report = 0x12;
    /// <summary>IGMPv2 membership report.</summary>
    public const byte V2Report = 0x16;
    /// <summary>IGMPv2 leave group.</summary>
    public const byte LeaveGroup = 0x17;
    /// <summary>IGMPv3 membership report.</summary>
    public const byte V3Report = 0x22;

    private readonly ReadOnlySpan<byte> _bytes;

    private IgmpMessage(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the 8-byte header at the start of <paramref name="bytes"/> (an IPv4 payload).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out IgmpMessage message, out DecodeError error)
    {
        if (bytes.Length < Length)
        {
            message = default;
            error = DecodeError.Truncated("igmp", Length, bytes.Length);
            return false;
        }
        message = new IgmpMessage(bytes);
        error = default;
        return true;
    }

    /// <summary>The captured message.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>Message type.</summary>
    public byte Type => _bytes[0];
    /// <summary>Max response time (v2) or code (v3), in tenths of a second.</summary>
    public byte MaxResponseCode => _bytes[1];
    /// <summary>Checksum.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[2..]);
    /// <summary>The group address (4 bytes); zero in a general query.</summary>
    public ReadOnlySpan<byte> GroupAddress => _bytes.Slice(4, 4);
    /// <summary>IGMPv3 query: number of sources (0 when not captured).</summary>
    public int QuerySourceCount => _bytes.Length >= 12 ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[10..]) : 0;
    /// <summary>IGMPv3 report: number of group records.</summary>
    public int GroupRecordCount => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);

    /// <summary>The IGMPv3 max response time in tenths of a second (codes from 128 are floating point).</summary>
    public int MaxResponseTime => MaxResponseCode < 128
        ? MaxResponseCode
        : ((MaxResponseCode & 0x0f) | 0x10) << (((MaxResponseCode & 0x70) >> 4) + 3);

    /// <summary>An IGMPv3 report's group record at <paramref name="offset"/>: type, source count, group, or false when not captured.</summary>
    public bool RecordAt(int offset, out int recordType, out int sourceCount, out ReadOnlySpan<byte> group)
    {
        if (offset < 0 || offset + 8 > _bytes.Length)
        {
            recordType = sourceCount = 0;
            group = default;
            return false;
        }
        recordType = _bytes[offset];
        sourceCount = BinaryPrimitives.ReadUInt16BigEndian(_bytes[(offset + 2)..]);
        group = _bytes.Slice(offset + 4, 4);
        return true;
    }
}
