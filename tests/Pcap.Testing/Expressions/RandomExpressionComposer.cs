using System.Text;
using Pcap.Testing.Packets;

namespace Pcap.Testing.Expressions;

/// <summary>
/// Seeded random filter expressions: primitives drawn with values from the packet generator's pools, combined
/// with and/or/not (in both spellings), parentheses, qualifier inheritance (<c>host a or b</c>) and arithmetic
/// relations on packet accessors.
/// </summary>
public sealed class RandomExpressionComposer(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Protocols =
    [
        "ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp", "icmp", "icmp6", "igmp", "igrp", "pim", "vrrp", "carp", "ah", "esp",
        "atalk", "aarp", "decnet", "iso", "stp", "ipx", "netbeui", "lat", "mopdl", "moprc", "sca", "llc", "clnp", "esis", "isis",
        "l1", "l2", "iih", "lsp", "snp", "csnp", "psnp", "vlan", "mpls", "pppoed", "pppoes", "geneve", "inbound", "outbound",
        "broadcast", "multicast", "ip broadcast", "ip multicast", "ip6 multicast", "ether broadcast", "ether multicast",
    ];

    private static readonly string[] Directions = ["", "", "", "src ", "dst ", "src or dst ", "src and dst "];
    private static readonly string[] AccessorProtocols = ["ip", "ip", "ip6", "tcp", "tcp", "udp", "udp", "icmp", "icmp6", "ether", "link", "arp", "sctp", "igmp", "pim", "vrrp", "rarp"];
    private static readonly string[] Relations = ["=", "==", "!=", "<", "<=", ">", ">="];
    private static readonly string[] Operators = ["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"];
    private static readonly string[] TcpFlags = ["tcp-fin", "tcp-syn", "tcp-rst", "tcp-push", "tcp-ack", "tcp-urg", "tcp-ece", "tcp-cwr"];
    private static readonly string[] IcmpTypes =
    [
        "icmp-echoreply", "icmp-unreach", "icmp-sourcequench", "icmp-redirect", "icmp-echo", "icmp-routeradvert", "icmp-routersolicit",
        "icmp-timxceed", "icmp-paramprob", "icmp-tstamp", "icmp-tstampreply", "icmp-ireq", "icmp-ireqreply", "icmp-maskreq", "icmp-maskreply",
    ];
    private static readonly string[] Icmp6Types =
    [
        "icmp6-destinationunreach", "icmp6-packettoobig", "icmp6-timeexceeded", "icmp6-parameterproblem", "icmp6-echo", "icmp6-echoreply",
        "icmp6-multicastlistenerquery", "icmp6-multicastlistenerreportv1", "icmp6-multicastlistenerdone", "icmp6-routersolicit",
        "icmp6-routeradvert", "icmp6-neighborsolicit", "icmp6-neighboradvert", "icmp6-redirect", "icmp6-multicastlistenerreportv2",
    ];
    private static readonly string[] LlcTypes = ["i", "s", "u", "rr", "rnr", "rej", "ui", "ua", "disc", "dm", "sabme", "test", "xid", "frmr"];
    private static readonly string[] NetPrefixes =
        ["10", "10.0", "10.0.0", "172.17", "192.168.1", "10.0.0.0/8", "172.17.0.0/16", "192.168.1.0/24", "224.0.0.0/4", "127.0.0.0/8",
         "2001:db8::/32", "fe80::/10", "ff02::/16", "172.17.0.0 mask 255.255.0.0", "192.168.0.0 mask 255.255.0.0", "10.0.0.0/30"];
    private static readonly string[] Services = ["http", "https", "domain", "ssh", "ftp", "ftp-data", "telnet", "smtp", "ntp", "snmp", "bootps", "bootpc"];

    /// <summary>The next random expression.</summary>
    public string Next() => Expression(0);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(int percent) => _random.Next(100) < percent;

    private string Expression(int depth)
    {
        if (depth >= 3 || Chance(depth switch { 0 => 40, 1 => 55, _ => 70 }))
            return Term(depth);
        var left = Expression(depth + 1);
        var right = Expression(depth + 1);
        // "or" a little more often than "and", so that compositions still match some packets.
        string op = _random.Next(20) switch { < 7 => "and", < 15 => "or", < 18 => Chance(50) ? "&&" : "||", _ => Chance(50) ? "and not" : "or not" };
        var text = $"{left} {op} {right}";
        return Chance(35) ? $"({text})" : text;
    }

    private string Term(int depth)
    {
        var primitive = Primitive();
        if (Chance(12)) return (Chance(50) ? "not " : "!") + (Chance(50) ? primitive : $"({primitive})");
        return primitive;
    }

    private string Primitive() => _random.Next(20) switch
    {
        0 or 1 => $"{Pick(Directions)}host {Host()}",
        2 => FamilyHost(),
        3 => $"{Pick(Directions)}net {Pick(NetPrefixes)}",
        4 or 5 => $"{Pick(new[] { "", "tcp ", "udp ", "sctp ", "ip and ", "ip6 and " })}{Pick(Directions)}port {Port()}",
        6 => $"{Pick(new[] { "", "tcp ", "udp " })}{Pick(Directions)}portrange {PortRange()}",
        7 => $"ether {Pick(new[] { "host", "src", "dst", "src or dst", "src and dst" })} {Mac()}",
        8 or 9 => Pick(Protocols),
        10 => QualifierInheritance(),
        11 => $"{Pick(new[] { "ip proto", "ip6 proto", "proto", "ip protochain", "ip6 protochain", "protochain" })} {ProtocolNumber()}",
        12 => $"{Pick(new[] { "less", "greater" })} {Pick(new[] { 40, 60, 64, 70, 100, 128, 200, 576, 1000, 1500 })}",
        13 => Encapsulation(),
        14 => _random.Next(5) switch
        {
            0 => $"icmp[icmptype] {Pick(new[] { "=", "!=" })} {Pick(IcmpTypes)}",
            1 => $"icmp6[icmp6type] {Pick(new[] { "=", "!=" })} {Pick(Icmp6Types)}",
            2 => $"tcp[tcpflags] & {TcpFlagSet()} != 0",
            3 => TcpFlagsEqual(),
            _ => $"{Pick(new[] { "icmp[icmpcode]", "icmp6[icmp6code]" })} = {_random.Next(5)}",
        },
        15 => $"ether proto {Pick(new[] { "\\ip", "\\ip6", "\\arp", "\\rarp", "0x0800", "0x86dd", "0x8100", "2048", "\\atalk", "\\ipx", "\\iso", "\\stp", "\\netbeui", "\\decnet", "\\lat", "0x88cc" })}",
        16 => _random.Next(3) switch { 0 => $"ifindex {Pick(LinkHeaderBuilder.InterfaceIndexes)}", 1 => $"llc {Pick(LlcTypes)}", _ => $"len {Pick(Relations)} {_random.Next(20, 200)}" },
        _ => Relation(),
    };

    private string QualifierInheritance()
    {
        var (head, values) = _random.Next(5) switch
        {
            0 => ($"{Pick(Directions)}host", new Func<string>(Host)),
            1 => ($"{Pick(new[] { "", "tcp ", "udp " })}{Pick(Directions)}port", new Func<string>(Port)),
            2 => ($"{Pick(Directions)}net", new Func<string>(() => Pick(NetPrefixes).Replace(" mask ", "/16 ", StringComparison.Ordinal).Split(' ')[0])),
            3 => ("ether host", new Func<string>(Mac)),
            _ => ($"{Pick(new[] { "", "tcp " })}portrange", new Func<string>(PortRange)),
        };
        var text = new StringBuilder($"{head} {values()}");
        int more = _random.Next(1, 3);
        for (int i = 0; i < more; i++)
            text.Append(Chance(60) ? " or " : " and ").Append(Chance(15) ? "not " : "").Append(values());
        return text.ToString();
    }

    private string Encapsulation() => _random.Next(5) switch
    {
        0 => Chance(60) ? $"vlan {Pick(Packets.VlanTagBuilder.Ids)}" : "vlan",
        1 => Chance(60) ? $"mpls {Pick(MplsBuilder.Labels)}" : "mpls",
        2 => Chance(50) ? $"pppoes 0x{Pick(PppoeBuilder.SessionIds):x}" : "pppoes",
        3 => Chance(50) ? $"geneve {Pick(GeneveBuilder.Vnis)}" : "geneve",
        _ => $"{Pick(new[] { "vlan", "mpls", "pppoes", "vlan and vlan", "geneve" })} and {Pick(new[] { "ip", "ip6", "tcp", "udp", "arp", "icmp", "port 80", "host 10.0.0.1" })}",
    };

    private string Relation()
    {
        var left = Arithmetic(0);
        string relation = Pick(Relations);
        // Equality with a random constant almost never holds; compare with small values, which packet bytes often are.
        string right = Chance(70) ? (relation is "=" or "==" && Chance(60) ? Pick(new[] { "0", "1", "2", "4", "0x45", "6", "17" }) : Constant()) : Arithmetic(1);
        return $"{left} {relation} {right}";
    }

    private string Arithmetic(int depth)
    {
        if (depth >= 2 || Chance(55))
            return _random.Next(10) switch
            {
                < 7 => Accessor(depth),
                7 => "len",
                _ => Constant(),
            };
        string op = Pick(Operators);
        var left = Arithmetic(depth + 1);
        // Mostly a constant right operand, as people write masks and shifts; a constant zero divisor is a libpcap refusal.
        string right = Chance(70)
            ? op is "<<" or ">>" ? _random.Next(0, 9).ToString(System.Globalization.CultureInfo.InvariantCulture)
              : op is "/" or "%" ? (Chance(3) ? "0" : _random.Next(1, 17).ToString(System.Globalization.CultureInfo.InvariantCulture)) : Constant()
            : Arithmetic(depth + 1);
        var text = $"{left} {op} {right}";
        if (Chance(8)) text = $"-({text})";
        return Chance(50) ? $"({text})" : text;
    }

    private string Accessor(int depth)
    {
        string protocol = Pick(AccessorProtocols);
        string index = depth < 1 && Chance(10) ? Arithmetic(2) : _random.Next(protocol is "ip6" ? 48 : 24).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string size = _random.Next(4) switch { 0 => "", 1 => ":1", 2 => ":2", _ => ":4" };
        return $"{protocol}[{index}{size}]";
    }

    private string Constant() => _random.Next(6) switch
    {
        0 => _random.Next(0, 16).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => $"0x{_random.Next(0, 256):x}",
        2 => _random.Next(0, 65536).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => $"0{Convert.ToString(_random.Next(0, 64), 8)}",
        4 => Pick(new[] { "0x45", "0x60", "6", "17", "0x0800", "0x86dd", "80", "443", "53", "0x12", "2", "0xff" }),
        _ => _random.Next(0, 2) == 0 ? "0" : "1",
    };

    private string TcpFlagsEqual()
    {
        // Compare the masked flags with the mask itself or with zero: other right sides can never hold.
        var mask = TcpFlagSet();
        return $"tcp[tcpflags] & {mask} {Pick(new[] { "=", "==", "!=" })} {(Chance(70) ? mask : "0")}";
    }

    private string TcpFlagSet()
    {
        var flag = Pick(TcpFlags);
        return Chance(30) ? $"({flag}|{Pick(TcpFlags)})" : flag;
    }

    private string Host()
    {
        int roll = _random.Next(10);
        if (roll < 6) return Ipv4Builder.Format(Pick(AddressPool.Ipv4));
        if (roll < 9) return new System.Net.IPAddress(Pick(AddressPool.Ipv6)).ToString();
        return "localhost";
    }

    private string FamilyHost()
    {
        // Mostly a family that fits the address; a few mismatches test libpcap's refusal.
        string family = Pick(new[] { "ip", "ip6", "arp", "rarp" });
        string address = family == "ip6" ? new System.Net.IPAddress(Pick(AddressPool.Ipv6)).ToString() : Ipv4Builder.Format(Pick(AddressPool.Ipv4));
        if (Chance(5)) address = family == "ip6" ? Ipv4Builder.Format(Pick(AddressPool.Ipv4)) : new System.Net.IPAddress(Pick(AddressPool.Ipv6)).ToString();
        return $"{family} {Pick(Directions)}host {address}";
    }

    private string Port() => Chance(15) ? Pick(Services) : Pick(AddressPool.Ports).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string PortRange()
    {
        int low = Chance(50) ? Pick(AddressPool.Ports) : _random.Next(65536);
        int high = Chance(90) ? Math.Min(65535, low + (Chance(50) ? _random.Next(0, 100) : _random.Next(0, 30000))) : _random.Next(65536);
        return $"{low}-{high}";
    }

    // Bare protocol names are keywords and a syntax error after "proto"; only a few are written that way.
    private string ProtocolNumber() => Chance(30)
        ? Pick(new[] { "\\tcp", "\\udp", "\\icmp", "\\sctp", "\\tcp", "\\udp", "\\icmp6", "\\pim", "\\igmp", Chance(15) ? "tcp" : "\\ah" })
        : Pick(new[] { 1, 2, 6, 17, 41, 43, 44, 47, 50, 51, 58, 60, 103, 112, 132, 255 }).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Mac() => string.Join(":", Pick(AddressPool.Mac).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
