namespace Pcap.Decode.Application;

/// <summary>What an ASN.1 BER element holds, as SNMP's types sort it (the kinds tcpdump's asn1_parse tells apart).</summary>
public enum BerType : byte
{
    /// <summary>A tag the reader gives no meaning (a context-specific primitive beyond the SNMP exceptions).</summary>
    Any,
    /// <summary>NULL.</summary>
    Null,
    /// <summary>Contents kept as raw octets (a type SNMP does not use here, e.g. Opaque or BOOLEAN).</summary>
    Octets,
    /// <summary>OBJECT IDENTIFIER.</summary>
    ObjectIdentifier,
    /// <summary>INTEGER (read into <see cref="BerElement.Integer"/>, 32 bits).</summary>
    Integer,
    /// <summary>Counter, Gauge or TimeTicks (read into <see cref="BerElement.Unsigned"/>, 32 bits).</summary>
    Unsigned,
    /// <summary>OCTET STRING.</summary>
    String,
    /// <summary>SEQUENCE (constructed): the contents are more elements.</summary>
    Sequence,
    /// <summary>IpAddress.</summary>
    IpAddress,
    /// <summary>A constructed context-specific element: an SNMP PDU, its tag number the PDU type.</summary>
    Pdu,
    /// <summary>Counter64 (read into <see cref="BerElement.Unsigned64"/>).</summary>
    Unsigned64,
    /// <summary>The noSuchObject exception.</summary>
    NoSuchObject,
    /// <summary>The noSuchInstance exception.</summary>
    NoSuchInstance,
    /// <summary>The endOfMibView exception.</summary>
    EndOfMibView,
}

/// <summary>Why a BER element did not read (each is one of tcpdump's asn1_parse complaints).</summary>
public enum BerError : byte
{
    /// <summary>The element read.</summary>
    None,
    /// <summary>No bytes were left for it.</summary>
    Empty,
    /// <summary>A multi-byte tag number ran past the bytes left.</summary>
    ExtendedTag,
    /// <summary>No length octet was left after the tag.</summary>
    NoLength,
    /// <summary>A long-form length has more length octets than bytes left.</summary>
    LengthOctets,
    /// <summary>The contents are longer than the bytes left.</summary>
    LengthOverrun,
    /// <summary>A tag number SNMP does not define for its class.</summary>
    UnknownTag,
    /// <summary>An INTEGER with no contents.</summary>
    EmptyInteger,
    /// <summary>The length octets or the contents were not captured (the element is cut off).</summary>
    NotCaptured,
    /// <summary>The tag or the length octet itself was not captured.</summary>
    HeaderNotCaptured,
}

/// <summary>
/// One ASN.1 element in BER (X.690) as SNMP carries it: identifier (class, constructed bit, tag number), definite length
/// (short or long form), contents. <see cref="TryRead"/> reads it from the captured bytes and the length its container
/// leaves; numbers are decoded as tcpdump decodes them (32-bit INTEGER and unsigned, 64-bit Counter64, both wrapping).
/// </summary>
public readonly ref struct BerElement
{
    /// <summary>The universal class.</summary>
    public const byte UniversalClass = 0;
    /// <summary>The application class (SNMP's IpAddress, Counter, Gauge, TimeTicks, Opaque, Counter64).</summary>
    public const byte ApplicationClass = 1;
    /// <summary>The context-specific class (SNMP's PDUs and exceptions).</summary>
    public const byte ContextClass = 2;
    /// <summary>The private class.</summary>
    public const byte PrivateClass = 3;

    private readonly ReadOnlySpan<byte> _contents;

    private BerElement(BerError error, byte tagClass, bool constructed, byte tag, uint length, int headerLength, int remaining, int lengthOctets,
        BerType type, ReadOnlySpan<byte> contents, ulong number)
    {
        Error = error;
        Class = tagClass;
        IsConstructed = constructed;
        Tag = tag;
        Length = length;
        HeaderLength = headerLength;
        Remaining = remaining;
        LengthOctets = lengthOctets;
        Type = type;
        _contents = contents;
        Unsigned64 = number;
    }

    /// <summary>Why the element did not read (<see cref="BerError.None"/> when it did).</summary>
    public BerError Error { get; }
    /// <summary>The tag class (0 universal, 1 application, 2 context-specific, 3 private).</summary>
    public byte Class { get; }
    /// <summary>True for a constructed element (SEQUENCE, PDU).</summary>
    public bool IsConstructed { get; }
    /// <summary>The tag number, kept to 8 bits as tcpdump keeps it.</summary>
    public byte Tag { get; }
    /// <summary>The contents length.</summary>
    public uint Length { get; }
    /// <summary>Bytes of identifier and length octets.</summary>
    public int HeaderLength { get; }
    /// <summary>For <see cref="BerError.LengthOctets"/> and <see cref="BerError.LengthOverrun"/>: the bytes that were left after the octets read.</summary>
    public int Remaining { get; }
    /// <summary>For a long-form length: the number of length octets.</summary>
    public int LengthOctets { get; }
    /// <summary>What the element holds.</summary>
    public BerType Type { get; }
    /// <summary>The contents (all captured when the element read).</summary>
    public ReadOnlySpan<byte> Contents => _contents;
    /// <summary>The value of an INTEGER.</summary>
    public int Integer => (int)Unsigned64;
    /// <summary>The value of a Counter, Gauge or TimeTicks.</summary>
    public uint Unsigned => (uint)Unsigned64;
    /// <summary>The value of a Counter64 (and the raw number behind <see cref="Integer"/> and <see cref="Unsigned"/>).</summary>
    public ulong Unsigned64 { get; }
    /// <summary>Bytes of the whole element, identifier to the end of the contents.</summary>
    public int TotalLength => HeaderLength + (int)Length;

    /// <summary>How many tag numbers SNMP defines in <paramref name="tagClass"/> (universal 0-17, application 0-6, context 0-8, private 0).</summary>
    public static int TagsDefined(byte tagClass) => tagClass switch { UniversalClass => 18, ApplicationClass => 7, ContextClass => 9, _ => 1 };

    /// <summary>
    /// Reads the element at the start of <paramref name="bytes"/> (what was captured from there) within the
    /// <paramref name="length"/> bytes its container leaves it. False with <see cref="Error"/> set when it does not read.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int length, out BerElement element)
    {
        element = Read(bytes, length);
        return element.Error == BerError.None;
    }

    private static BerElement Fail(BerError error, int remaining = 0, int lengthOctets = 0, uint contentLength = 0, byte tagClass = 0, bool constructed = false, byte tag = 0) =>
        new(error, tagClass, constructed, tag, contentLength, 0, remaining, lengthOctets, BerType.Any, default, 0);

    private static BerElement Read(ReadOnlySpan<byte> bytes, int length)
    {
        if (length < 1)
            return Fail(BerError.Empty);
        if (bytes.IsEmpty)
            return Fail(BerError.HeaderNotCaptured);
        var tag = (byte)(bytes[0] & 0x1f);
        var constructed = (bytes[0] & 0x20) != 0;
        var tagClass = (byte)(bytes[0] >> 6);
        int at = 1, left = length - 1;
        if (tag == 0x1f)
        {
            // A multi-byte tag number: seven bits an octet while the high bit is set.
            tag = 0;
            while (true)
            {
                if (at >= bytes.Length)
                    return Fail(BerError.HeaderNotCaptured);
                if ((bytes[at] & 0x80) == 0)
                    break;
                if (left < 1)
                    return Fail(BerError.ExtendedTag);
                tag = (byte)(tag << 7 | bytes[at] & 0x7f);
                left--;
                at++;
            }
            if (left < 1)
                return Fail(BerError.ExtendedTag);
            tag = (byte)(tag << 7 | bytes[at]);
            left--;
            at++;
        }
        if (left < 1)
            return Fail(BerError.NoLength);
        if (at >= bytes.Length)
            return Fail(BerError.HeaderNotCaptured);
        uint contentLength = bytes[at++];
        left--;
        var lengthOctets = 0;
        if ((contentLength & 0x80) != 0)
        {
            lengthOctets = (int)(contentLength & 0x7f);
            contentLength = 0;
            if (left < lengthOctets)
                return Fail(BerError.LengthOctets, left, lengthOctets);
            if (bytes.Length - at < lengthOctets)
                return Fail(BerError.NotCaptured);
            for (var i = 0; i < lengthOctets; i++, left--)
                contentLength = contentLength << 8 | bytes[at++];
        }
        if ((uint)left < contentLength)
            return Fail(BerError.LengthOverrun, left, lengthOctets, contentLength);
        if (tag >= TagsDefined(tagClass))
            return Fail(BerError.UnknownTag, left, lengthOctets, contentLength, tagClass, constructed, tag);
        if ((uint)(bytes.Length - at) < contentLength)
            return Fail(BerError.NotCaptured);
        var contents = bytes.Slice(at, (int)contentLength);
        var type = Classify(tagClass, constructed, tag);
        ulong number = 0;
        switch (type)
        {
            case BerType.Integer:
                if (contents.IsEmpty)
                    return Fail(BerError.EmptyInteger);
                // Sign-extended, then shifted in a byte at a time in 32 bits, as tcpdump does.
                var value = (contents[0] & 0x80) != 0 ? -1 : 0;
                foreach (var b in contents)
                    value = value << 8 | b;
                number = (uint)value;
                break;
            case BerType.Unsigned:
                uint unsigned = 0;
                foreach (var b in contents)
                    unsigned = (unsigned << 8) + b;
                number = unsigned;
                break;
            case BerType.Unsigned64:
                foreach (var b in contents)
                    number = (number << 8) + b;
                break;
        }
        return new BerElement(BerError.None, tagClass, constructed, tag, contentLength, at, 0, lengthOctets, type, contents, number);
    }

    private static BerType Classify(byte tagClass, bool constructed, byte tag)
    {
        if (constructed)
            return tagClass == UniversalClass && tag == 16 ? BerType.Sequence : tagClass == ContextClass ? BerType.Pdu : BerType.Octets;
        return tagClass switch
        {
            UniversalClass => tag switch
            {
                2 => BerType.Integer,
                4 => BerType.String,
                5 => BerType.Null,
                6 => BerType.ObjectIdentifier,
                _ => BerType.Octets,
            },
            ApplicationClass => tag switch
            {
                0 => BerType.IpAddress,
                1 or 2 or 3 => BerType.Unsigned,
                6 => BerType.Unsigned64,
                _ => BerType.Octets,
            },
            ContextClass => tag switch
            {
                0 => BerType.NoSuchObject,
                1 => BerType.NoSuchInstance,
                2 => BerType.EndOfMibView,
                _ => BerType.Any,
            },
            _ => BerType.Octets,
        };
    }
}
