using Pcap.Filter;

namespace Pcap.Testing.Packets;

/// <summary>
/// A seeded generator of diverse frames for every link type the filter compiler supports: VLAN/QinQ, MPLS,
/// PPPoE, LLC/SNAP, ARP/RARP, IPv4 with options and fragments, IPv6 with extension headers, every ICMP and
/// ICMPv6 type, TCP/UDP/SCTP, IGMP/PIM/VRRP/AH/ESP, Geneve, truncated and runt frames, and garbage.
/// The same seed and link type always give the same packets.
/// </summary>
public static class PacketGenerator
{
    /// <summary>The link types the generator can frame packets for.</summary>
    public static readonly LinkType[] LinkTypes =
        [LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Raw, LinkType.Ipv4, LinkType.Ipv6, LinkType.Null, LinkType.Loop];

    /// <summary>
    /// <paramref name="count"/> packets for <paramref name="linkType"/> from <paramref name="seed"/>, with a generous share of
    /// malformed, truncated and runt frames (the mix for filter conformance).
    /// </summary>
    public static IEnumerable<GeneratedPacket> Generate(LinkType linkType, int count, int seed) =>
        Generate(linkType, count, seed, new DamageRates(Garbage: 4, Truncated: 8, Runt: 3));

    /// <summary>
    /// <paramref name="count"/> packets for <paramref name="linkType"/> from <paramref name="seed"/>, mostly well formed
    /// (valid lengths and checksums) so that tcpdump prints meaningful lines; a few are deliberately broken.
    /// </summary>
    public static IEnumerable<GeneratedPacket> GenerateForPrinting(LinkType linkType, int count, int seed) =>
        Generate(linkType, count, seed, new DamageRates(Garbage: 1, Truncated: 3, Runt: 1));

    private static IEnumerable<GeneratedPacket> Generate(LinkType linkType, int count, int seed, DamageRates rates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Mixing the link type into the seed keeps the streams of different link types independent yet reproducible.
        var layers = new LayerGenerator(new Random(unchecked(seed * 1_000_003 + (int)linkType)));
        for (int i = 0; i < count; i++)
            yield return layers.Frame(linkType, rates);
    }
}
