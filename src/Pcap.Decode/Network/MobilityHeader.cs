using System.Buffers.Binary;

namespace Pcap.Decode.Network;

/// <summary>
/// An IPv6 mobility header (RFC 6275; next header 135, or 62 in early drafts): the message type and the fields of the
/// messages tcpdump's <c>print-mobility.c</c> decodes (binding refresh request, home/care-of test init and test, binding
/// update, acknowledgement and error), then mobility options.
/// </summary>
public readonly ref struct MobilityHeader
{
    /// <summary>Bytes before the message data (payload protocol, length, type, reserved, checksum).</summary>
    public const int FixedLength = 6;

    private readonly ReadOnlySpan<byte> _bytes;

    private MobilityHeader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Reads the header: needs the 6 fixed bytes and all of <see cref="HeaderLength"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out MobilityHeader header, out DecodeError error)
    {
        header = default;
        if (bytes.Length < FixedLength)
        {
            error = DecodeError.Truncated("mobility", FixedLength, bytes.Length);
            return false;
        }
        var length = (bytes[1] + 1) * 8;
        if (bytes.Length < length)
        {
            error = DecodeError.Truncated("mobility", length, bytes.Length);
            return false;
        }
        header = new MobilityHeader(bytes);
        error = default;
        return true;
    }

    /// <summary>
    /// The lax variant for printing a cut-off header as tcpdump does: never fails. Fields can be read only as far as
    /// <see cref="Available"/> reaches; each says the last byte it needs.
    /// </summary>
    public static MobilityHeader ReadLax(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>The bytes captured from this header's start on.</summary>
    public int Available => _bytes.Length;
    /// <summary>The payload protocol (byte 0; RFC 6275 wants 59, no next header).</summary>
    public IpProtocol PayloadProtocol => new(_bytes[0]);
    /// <summary>The length byte (byte 1): 8-byte units after the first 8.</summary>
    public byte LengthField => _bytes[1];
    /// <summary>Total bytes of the header, message and options included (needs byte 1).</summary>
    public int HeaderLength => (_bytes[1] + 1) * 8;
    /// <summary>The message type (byte 2): 0 BRR, 1 HoTI, 2 CoTI, 3 HoT, 4 CoT, 5 BU, 6 BA, 7 BE.</summary>
    public byte MessageType => _bytes[2];
    /// <summary>The checksum (bytes 4-5).</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_bytes[4..]);
    /// <summary>The home or care-of nonce index of a HoT or CoT message (bytes 6-7).</summary>
    public ushort NonceIndex => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
    /// <summary>The sequence number of a binding update (bytes 6-7) or acknowledgement (bytes 8-9).</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_bytes[(MessageType == 6 ? 8 : 6)..]);
    /// <summary>A binding update's flags byte (byte 8): 0x80 A(cknowledge), 0x40 H(ome registration), 0x20 L(ink-local), 0x10 K(ey management).</summary>
    public byte BindingUpdateFlags => _bytes[8];
    /// <summary>The lifetime of a binding update or acknowledgement in seconds (bytes 10-11, in units of 4 seconds).</summary>
    public uint LifetimeSeconds => (uint)BinaryPrimitives.ReadUInt16BigEndian(_bytes[10..]) << 2;
    /// <summary>The status of a binding acknowledgement or error (byte 6).</summary>
    public byte Status => _bytes[6];
    /// <summary>A binding acknowledgement's key-management-mobility-capability flag (byte 7, 0x80).</summary>
    public bool KeyManagementCapable => (_bytes[7] & 0x80) != 0;
    /// <summary>The home or care-of init cookie of a HoTI, CoTI, HoT or CoT message (bytes 8-15).</summary>
    public ulong InitCookie => BinaryPrimitives.ReadUInt64BigEndian(_bytes[8..]);
    /// <summary>The home or care-of keygen token of a HoT or CoT message (bytes 16-23).</summary>
    public ulong KeygenToken => BinaryPrimitives.ReadUInt64BigEndian(_bytes[16..]);
    /// <summary>The home address of a binding error (bytes 8-23).</summary>
    public ReadOnlySpan<byte> HomeAddress => _bytes.Slice(8, 16);

    /// <summary>Where the options start for this message type (the end of its fixed fields), or -1 for a type without a known layout.</summary>
    public int OptionsOffset => MessageType switch
    {
        0 => 8,
        1 or 2 => 16,
        3 or 4 => 24,
        5 or 6 => 12,
        7 => 24,
        _ => -1,
    };
    /// <summary>The declared length of the options (<see cref="HeaderLength"/> minus <see cref="OptionsOffset"/>).</summary>
    public int OptionsLength => HeaderLength - OptionsOffset;
    /// <summary>The captured bytes from the options on (empty when none were captured).</summary>
    public ReadOnlySpan<byte> OptionsOnward => OptionsOffset >= 0 && OptionsOffset < _bytes.Length ? _bytes[OptionsOffset..] : default;
}
