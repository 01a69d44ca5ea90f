namespace Pcap.Testing.Packets;

/// <summary>IPv6 packets with chains of extension headers: hop-by-hop, routing, fragment, destination options and AH.</summary>
public static class Ipv6Builder
{
    /// <summary>The EtherType of IPv6.</summary>
    public const ushort EtherType = 0x86dd;

    /// <summary>Next-header values of the extension headers built here.</summary>
    public const byte HopByHop = 0, Routing = 43, Fragment = 44, DestinationOptions = 60, AuthenticationHeader = 51;

    private static readonly byte[][] Chains =
    [
        [], [], [], [], [], [], [], [], [], [], [], [HopByHop], [Routing], [Fragment], [DestinationOptions], [HopByHop, Routing],
        [HopByHop, DestinationOptions, Routing, Fragment], [Fragment, DestinationOptions], [AuthenticationHeader],
        [HopByHop, AuthenticationHeader], [DestinationOptions, Fragment],
    ];

    /// <summary>Wraps <paramref name="segment"/> (protocol <paramref name="protocol"/>) in an IPv6 header, maybe behind extension headers.</summary>
    public static byte[] Build(Random random, byte[] source, byte[] destination, byte protocol, byte[] segment, out string description)
    {
        var chain = Chains[random.Next(Chains.Length)];
        byte next = protocol;
        byte[] payload = segment;
        for (int i = chain.Length - 1; i >= 0; i--)
        {
            payload = ExtensionHeader(random, chain[i], next, payload);
            next = chain[i];
        }
        int payloadLength = random.Next(50) == 0 ? random.Next(65536) : payload.Length;
        int version = random.Next(60) == 0 ? random.Next(16) : 6;
        var w = new ByteWriter()
            .U32((uint)(version << 28 | (random.Next(4) == 0 ? random.Next(256) : 0) << 20 | random.Next(2) * random.Next(1 << 20)))
            .U16(payloadLength).U8(next).U8(random.Next(2) == 0 ? 64 : 255).Bytes(source).Bytes(destination).Bytes(payload);
        description = $"ip6{(version != 6 ? $" v{version}" : "")}{(chain.Length > 0 ? " ext " + string.Join(",", chain) : "")}";
        return w.ToArray();
    }

    /// <summary>One extension header of kind <paramref name="kind"/> pointing at <paramref name="next"/>, followed by <paramref name="rest"/>.</summary>
    public static byte[] ExtensionHeader(Random random, byte kind, byte next, byte[] rest)
    {
        var w = new ByteWriter();
        switch (kind)
        {
            case HopByHop or DestinationOptions:
                // Router alert (as MLD uses) padded to 8 bytes with PadN.
                w.U8(next).U8(0).U8(5).U8(2).U16(0).U8(1).U8(0);
                break;
            case Routing:
                int segments = random.Next(1, 3);
                w.U8(next).U8(2 * segments).U8(random.Next(2) == 0 ? 0 : 2).U8(segments).U32(0);
                for (int i = 0; i < segments; i++) w.Bytes(AddressPool.NextIpv6(random));
                break;
            case Fragment:
                int offset = random.Next(2) == 0 ? 0 : random.Next(1, 8192);
                w.U8(next).U8(0).U16(offset << 3 | random.Next(2)).U32((uint)random.Next());
                return offset == 0 ? w.Bytes(rest).ToArray() : w.Bytes(rest.AsSpan(Math.Min(rest.Length, 8))).ToArray();
            default:
                return IpsecBuilder.AuthenticationHeader(random, next, rest);
        }
        return w.Bytes(rest).ToArray();
    }
}
