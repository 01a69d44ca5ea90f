namespace Pcap.Decode.Application;

/// <summary>
/// An SNMP message (RFC 1157 v1, RFC 1901 v2c, RFC 3412 v3; UDP port 161, traps 162): a BER SEQUENCE of the version and, for
/// v1 and v2c, the community and the PDU, for v3 the header data, security parameters and scoped PDU. The view reads the
/// SEQUENCE and the version; walk <see cref="Data"/> with <see cref="BerElement"/> for the rest.
/// </summary>
public readonly ref struct SnmpMessage
{
    /// <summary>The UDP port of SNMP agents.</summary>
    public const ushort Port = 161;
    /// <summary>The UDP port of trap receivers.</summary>
    public const ushort TrapPort = 162;
    /// <summary>The version field of SNMPv1.</summary>
    public const int Version1 = 0;
    /// <summary>The version field of SNMPv2c.</summary>
    public const int Version2c = 1;
    /// <summary>The version field of SNMPv3.</summary>
    public const int Version3 = 3;
    /// <summary>The context tag of a GetRequest PDU.</summary>
    public const byte GetRequest = 0;
    /// <summary>The context tag of a GetNextRequest PDU.</summary>
    public const byte GetNextRequest = 1;
    /// <summary>The context tag of a Response (tcpdump's GetResponse) PDU.</summary>
    public const byte GetResponse = 2;
    /// <summary>The context tag of a SetRequest PDU.</summary>
    public const byte SetRequest = 3;
    /// <summary>The context tag of a v1 Trap PDU.</summary>
    public const byte Trap = 4;
    /// <summary>The context tag of a GetBulkRequest PDU.</summary>
    public const byte GetBulk = 5;
    /// <summary>The context tag of an InformRequest PDU.</summary>
    public const byte Inform = 6;
    /// <summary>The context tag of a v2 Trap PDU.</summary>
    public const byte V2Trap = 7;
    /// <summary>The context tag of a Report PDU.</summary>
    public const byte Report = 8;

    private readonly ReadOnlySpan<byte> _data;

    private SnmpMessage(int version, ReadOnlySpan<byte> data, int dataLength)
    {
        Version = version;
        _data = data;
        DataLength = dataLength;
    }

    /// <summary>
    /// Reads the message SEQUENCE and its version at the start of <paramref name="bytes"/> (the captured UDP payload);
    /// <paramref name="length"/> is the UDP payload length.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int length, out SnmpMessage message, out DecodeError error)
    {
        message = default;
        if (!BerElement.TryRead(bytes, length, out var sequence) || sequence.Type != BerType.Sequence)
        {
            error = Error(sequence, 2, bytes.Length);
            return false;
        }
        if (!BerElement.TryRead(sequence.Contents, (int)sequence.Length, out var version) || version.Type != BerType.Integer)
        {
            error = Error(version, sequence.HeaderLength + 3, bytes.Length);
            return false;
        }
        message = new SnmpMessage(version.Integer, sequence.Contents[version.TotalLength..], (int)sequence.Length - version.TotalLength);
        error = default;
        return true;
    }

    private static DecodeError Error(BerElement element, int required, int available) =>
        new("snmp", element.Error is BerError.NotCaptured or BerError.HeaderNotCaptured ? DecodeErrorKind.Truncated : DecodeErrorKind.InvalidField,
            required, available);

    /// <summary>The version field (<see cref="Version1"/>, <see cref="Version2c"/> or <see cref="Version3"/>; others are not SNMP tcpdump decodes).</summary>
    public int Version { get; }
    /// <summary>The captured elements after the version: community and PDU (v1, v2c), or the v3 header, security parameters and scoped PDU.</summary>
    public ReadOnlySpan<byte> Data => _data;
    /// <summary>How many bytes the message SEQUENCE says follow the version.</summary>
    public int DataLength { get; }

    /// <summary>True for a PDU that asks for values (Get, GetNext, GetBulk): its bindings' values must be NULL.</summary>
    public static bool IsRead(byte pdu) => pdu is GetRequest or GetNextRequest or GetBulk;
}
