namespace Pcap.Filter.Tests.Optimization;

/// <summary>
/// Filter expressions for the optimizer conformance test: one or more of every pcap-filter primitive,
/// then seeded random and/or/not compositions of them (contradictions and tautologies included).
/// </summary>
internal static class OptimizerCorpus
{
    /// <summary>
    /// The DLT_ values to hand to <c>pcap_open_dead</c> for the link types under test: they equal the LINKTYPE_
    /// numbers except LINKTYPE_RAW (101), which libpcap on Linux knows as DLT_RAW (12).
    /// </summary>
    public static readonly int[] LinkTypes = [1, 12, 108, 113, 228, 229, 276, 0];

    public static readonly string[] Primitives =
    [
        "ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp", "icmp", "icmp6", "igmp", "igrp", "pim", "vrrp", "carp",
        "ah", "esp", "atalk", "aarp", "decnet", "iso", "stp", "ipx", "netbeui", "lat", "mopdl", "moprc", "sca", "llc",
        "isis", "clnp", "esis", "l1", "l2", "iih", "snp", "csnp", "psnp", "lsp",
        "host 10.0.0.1", "src host 10.0.0.1", "dst host 192.168.1.1", "src or dst host 10.1.2.3", "src and dst host 10.1.2.3",
        "host 10.0.0.1 or 10.0.0.2", "ip host 10.0.0.1", "arp host 10.0.0.1", "rarp src host 10.0.0.7",
        "net 10.0.0.0/8", "src net 192.168", "dst net 172.16.0.0 mask 255.240.0.0", "net 10", "net 0.0.0.0/0",
        "host ::1", "host fe80::1", "net 2001:db8::/32", "ip6 host 2001:db8::1", "src net fe80::/10", "dst host ff02::1",
        "port 80", "tcp port 80", "udp port 53", "src port 1024", "dst port 22", "port 80 or 443", "tcp dst port 443",
        "portrange 1000-2000", "tcp portrange 1-1023", "udp src portrange 5000-6000", "portrange 2000-1000", "sctp port 9",
        "ip6 and tcp port 80", "ip and udp port 53",
        "ether host 00:11:22:33:44:55", "ether src 00:11:22:33:44:55", "ether dst ff:ff:ff:ff:ff:ff",
        "ether broadcast", "ether multicast", "ip multicast", "ip6 multicast", "broadcast", "multicast",
        "vlan", "vlan 100", "vlan and ip", "vlan 10 and vlan 20", "vlan and tcp port 80", "vlan and vlan and ip6",
        "mpls", "mpls 5", "mpls and ip", "mpls 1 and mpls 2", "pppoes", "pppoes 3", "pppoed", "pppoes and ip",
        "pppoes 7 and udp port 53",
        "less 100", "greater 1000", "len < 60", "len >= 1500", "len = 0", "len != 64",
        "ip[0] & 0xf != 5", "tcp[13] & 2 != 0", "tcp[tcpflags] & tcp-syn != 0", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
        "tcp[tcpflags] == tcp-ack", "icmp[icmptype] == icmp-echo", "icmp[icmptype] != icmp-echoreply", "icmp[0] = 8",
        "icmp6[icmp6type] == icmp6-echo", "icmp6[0] = 135", "ip[2:2] > 576", "ip[6:2] & 0x1fff = 0", "udp[8:4] = 0x12345678",
        "tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x47455420", "ip[0] + 1 > 5", "ip[1] * 2 = 4", "ip[1] / 2 = 4",
        "ip[1] % 3 = 1", "ip[1] ^ 3 = 1", "ip[1] << 2 = 8", "ip[1] >> 1 = 2", "-ip[1] = 5", "1 + 2 = 3", "2 * 3 = 7",
        "ip[0] & 0 = 0", "ip[0] * 0 = 0", "ip[0] | 0 = 4", "ip[0] + 0 = 4", "ip[0] - 0 = 4", "0 - ip[0] = 4",
        "ether[0] = 1", "ether[12:2] = 0x800", "link[0] & 1 = 1", "ip6[6] = 58", "ip6[40] = 128", "tcp[0:2] > 1023",
        "udp[0:2] < udp[2:2]", "ip[9] = ip[9]", "ip[12:4] = ip[16:4]", "len - 14 > 100", "ip[2:2] - 20 = len - 34",
        "tcp[0] + tcp[1] = 0", "ip[ip[0] & 0xf] = 1", "ip[0] > 0x40", "ip[0] >= 0x45", "ip[0] < 0x50", "ip[0] <= 0x4f",
        "ip proto 6", "ip proto \\tcp", "ip6 proto 17", "proto 47", "ether proto 0x86dd", "ether proto \\arp",
        "ip protochain 6", "ip6 protochain 17", "protochain 58",
        "inbound", "outbound", "ifindex 2", "tcp and port 80", "not tcp", "arp and tcp", "ip and ip6", "tcp and udp",
        "ip or not ip", "tcp or not tcp", "host 10.0.0.1 and not host 10.0.0.1", "port 80 and not port 80",
        "ip and not ip", "icmp and udp", "arp or icmp", "not (arp or icmp)", "tcp and (port 80 or port 443)",
        "ip and tcp and ip", "udp and udp and udp", "not not ip", "ip[0] & 0xf0 = 0x40 and ip",
        "ip[1] / 0 = 1", "ip[1] % 0 = 1", "ip[1] << 40 = 0", "1 = 1", "1 = 2", "0 != 0",
        "ether host 00:11:22:33:44:55 or ether host 00:11:22:33:44:66", "geneve", "geneve 5 and ip",
    ];

    /// <summary>
    /// <paramref name="count"/> seeded random and/or/not compositions of <paramref name="primitives"/>
    /// (pass only primitives the link type accepts, so every composition compiles).
    /// </summary>
    public static IEnumerable<string> Compositions(IReadOnlyList<string> primitives, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
            yield return Compose(random, primitives, random.Next(1, 5));
    }

    private static string Compose(Random random, IReadOnlyList<string> primitives, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            string primitive = primitives[random.Next(primitives.Count)];
            return random.Next(6) == 0 ? $"not ({primitive})" : $"({primitive})";
        }
        string left = Compose(random, primitives, depth - 1);
        string right = Compose(random, primitives, depth - 1);
        string op = random.Next(2) == 0 ? "and" : "or";
        string composed = $"{left} {op} {right}";
        return random.Next(8) == 0 ? $"not ({composed})" : random.Next(3) == 0 ? composed : $"({composed})";
    }
}
