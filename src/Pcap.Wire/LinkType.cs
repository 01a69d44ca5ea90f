namespace Pcap.Wire;

/// <summary>
/// A link-layer header type, numbered as the <c>LINKTYPE_</c> values stored in pcap and pcapng files. Open, so a file's
/// unknown link type survives as its number. The filter compiler, the decoders, live capture and the tool all use it.
/// </summary>
/// <param name="Value">The <c>LINKTYPE_</c> number.</param>
public readonly record struct LinkType(uint Value)
{
    /// <summary>BSD loopback: a 4-byte address family in host byte order (<c>LINKTYPE_NULL</c>, 0).</summary>
    public static readonly LinkType Null = new(0);
    /// <summary>Ethernet II and 802.3 (<c>LINKTYPE_ETHERNET</c>, 1, tcpdump's EN10MB).</summary>
    public static readonly LinkType Ethernet = new(1);
    /// <summary>Raw IPv4 or IPv6, no link header (<c>LINKTYPE_RAW</c>, 101).</summary>
    public static readonly LinkType Raw = new(101);
    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order (<c>LINKTYPE_LOOP</c>, 108).</summary>
    public static readonly LinkType Loop = new(108);
    /// <summary>Linux cooked capture v1, 16-byte header (<c>LINKTYPE_LINUX_SLL</c>, 113).</summary>
    public static readonly LinkType LinuxSll = new(113);
    /// <summary>Raw IPv4 only (<c>LINKTYPE_IPV4</c>, 228).</summary>
    public static readonly LinkType Ipv4 = new(228);
    /// <summary>Raw IPv6 only (<c>LINKTYPE_IPV6</c>, 229).</summary>
    public static readonly LinkType Ipv6 = new(229);
    /// <summary>Linux cooked capture v2, 20-byte header with interface index (<c>LINKTYPE_LINUX_SLL2</c>, 276); what <c>-i any</c> produces.</summary>
    public static readonly LinkType LinuxSll2 = new(276);

    /// <summary>The link types PcapCore filters and decodes, in <c>LINKTYPE_</c> order.</summary>
    public static ReadOnlySpan<LinkType> Known => KnownTypes;

    private static readonly LinkType[] KnownTypes = [Null, Ethernet, Raw, Loop, LinuxSll, Ipv4, Ipv6, LinuxSll2];

    /// <summary>The name of a known link type (<c>Ethernet</c>, <c>LinuxSll2</c>, ...), or null.</summary>
    public string? Name => Value switch
    {
        0 => nameof(Null),
        1 => nameof(Ethernet),
        101 => nameof(Raw),
        108 => nameof(Loop),
        113 => nameof(LinuxSll),
        228 => nameof(Ipv4),
        229 => nameof(Ipv6),
        276 => nameof(LinuxSll2),
        _ => null,
    };

    /// <summary>The name of a known link type, otherwise its number.</summary>
    public override string ToString() => Name ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>LINKTYPE_</c> number.</summary>
    public static explicit operator uint(LinkType linkType) => linkType.Value;

    /// <summary>The <c>LINKTYPE_</c> number as an <see cref="int"/> (every assigned number fits).</summary>
    public static explicit operator int(LinkType linkType) => (int)linkType.Value;

    /// <summary>The link type of a <c>LINKTYPE_</c> number.</summary>
    public static explicit operator LinkType(uint value) => new(value);

    /// <summary>The link type of a <c>LINKTYPE_</c> number; negative numbers wrap as the file's 32-bit field would.</summary>
    public static explicit operator LinkType(int value) => new(unchecked((uint)value));
}
