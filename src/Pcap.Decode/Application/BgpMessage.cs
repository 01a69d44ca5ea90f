using System.Buffers.Binary;

namespace Pcap.Decode.Application;

/// <summary>
/// A BGP-4 message (TCP 179, RFC 4271): the 16-byte all-ones marker, length and type, then the fixed fields of OPEN,
/// NOTIFICATION and ROUTE-REFRESH. A TCP segment may carry several messages back to back; <see cref="FindMarker"/> finds
/// the next one. A field may be read only when <see cref="Captured"/> reaches past its last byte.
/// </summary>
public readonly ref struct BgpMessage
{
    /// <summary>Bytes of marker, length and type.</summary>
    public const int HeaderLength = 19;
    /// <summary>Bytes of an OPEN message up to and including the optional parameters length.</summary>
    public const int OpenLength = 29;
    /// <summary>Bytes of a NOTIFICATION message up to and including the error subcode.</summary>
    public const int NotificationLength = 21;
    /// <summary>Bytes of a ROUTE-REFRESH message.</summary>
    public const int RouteRefreshLength = 23;
    /// <summary>The TCP port of BGP.</summary>
    public const ushort Port = 179;

    /// <summary>Message type: OPEN.</summary>
    public const byte Open = 1;
    /// <summary>Message type: UPDATE.</summary>
    public const byte Update = 2;
    /// <summary>Message type: NOTIFICATION.</summary>
    public const byte Notification = 3;
    /// <summary>Message type: KEEPALIVE.</summary>
    public const byte Keepalive = 4;
    /// <summary>Message type: ROUTE-REFRESH (RFC 2918).</summary>
    public const byte RouteRefresh = 5;

    private const int MarkerLength = 16;

    private readonly ReadOnlySpan<byte> _bytes;

    private BgpMessage(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>
    /// Reads the header at the start of <paramref name="bytes"/>; the view spans every captured byte from there (the
    /// message and whatever follows it), <see cref="Length"/> says where the message ends.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out BgpMessage message, out DecodeError error)
    {
        if (bytes.Length < HeaderLength)
        {
            message = default;
            error = DecodeError.Truncated("bgp", HeaderLength, bytes.Length);
            return false;
        }
        if (bytes[..MarkerLength].ContainsAnyExcept((byte)0xff))
        {
            message = default;
            error = DecodeError.Invalid("bgp", 0xff, bytes[bytes[..MarkerLength].IndexOfAnyExcept((byte)0xff)]);
            return false;
        }
        message = new BgpMessage(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// Where the next 16-byte marker starts in <paramref name="bytes"/> at or after <paramref name="from"/>: its offset, or
    /// -1 when none is there; <paramref name="cutOff"/> tells that the search reached a 0xff too close to the end to hold
    /// a whole marker.
    /// </summary>
    public static int FindMarker(ReadOnlySpan<byte> bytes, int from, out bool cutOff)
    {
        cutOff = false;
        for (var at = from; at < bytes.Length; at++)
        {
            if (bytes[at] != 0xff)
                continue;
            if (bytes.Length - at < MarkerLength)
            {
                cutOff = true;
                return -1;
            }
            if (!bytes.Slice(at, MarkerLength).ContainsAnyExcept((byte)0xff))
                return at;
        }
        return -1;
    }

    /// <summary>How many bytes were captured from the start of the message.</summary>
    public int Captured => _bytes.Length;
    /// <summary>The captured bytes from the start of the message on (marker included, past the message's end too).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The message length field, header included.</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_bytes[MarkerLength..]);
    /// <summary>The message type.</summary>
    public byte Type => _bytes[18];
    /// <summary>Whether the whole message (<see cref="Length"/> bytes) was captured.</summary>
    public bool IsComplete => _bytes.Length >= Length;

    /// <summary>OPEN: the BGP version (4).</summary>
    public byte Version => _bytes[19];
    /// <summary>OPEN: the sender's 2-byte AS number (23456, AS_TRANS, when its real one needs 4 bytes).</summary>
    public ushort MyAutonomousSystem => BinaryPrimitives.ReadUInt16BigEndian(_bytes[20..]);
    /// <summary>OPEN: the proposed hold time in seconds.</summary>
    public ushort HoldTime => BinaryPrimitives.ReadUInt16BigEndian(_bytes[22..]);
    /// <summary>OPEN: the BGP identifier (an IPv4 address).</summary>
    public ReadOnlySpan<byte> Identifier => _bytes.Slice(24, 4);
    /// <summary>OPEN: the length of the optional parameters after the fixed fields.</summary>
    public byte OptionalParametersLength => _bytes[28];

    /// <summary>NOTIFICATION: the error code.</summary>
    public byte ErrorCode => _bytes[19];
    /// <summary>NOTIFICATION: the error subcode.</summary>
    public byte ErrorSubcode => _bytes[20];

    /// <summary>ROUTE-REFRESH: the address family.</summary>
    public ushort RefreshAddressFamily => BinaryPrimitives.ReadUInt16BigEndian(_bytes[19..]);
    /// <summary>ROUTE-REFRESH: the subsequent address family.</summary>
    public byte RefreshSubsequentAddressFamily => _bytes[22];
}
