namespace Pcap.Filter.Tests.Compilation;

/// <summary>Hand-written primitives covering pcap-filter, and seeded random compositions of them.</summary>
internal static class FilterExpressions
{
    public static readonly LinkType[] AllLinkTypes =
    [
        LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Raw, LinkType.Ipv4, LinkType.Ipv6,
        LinkType.Null, LinkType.Loop,
    ];

    public static readonly string[] Primitives =
    [
        "", "ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp", "icmp", "icmp6", "igmp", "igrp", "pim", "vrrp", "carp",
        "ah", "esp", "atalk", "aarp", "decnet", "iso", "stp", "ipx", "netbeui", "lat", "mopdl", "moprc", "sca",
        "esis", "isis", "clnp", "l1", "l2", "iih", "lsp", "snp", "csnp", "psnp", "es-is", "is-is",
        "host 10.0.0.1", "src host 10.0.0.1", "dst host 10.0.0.1", "src or dst host 10.1.2.3", "src and dst host 10.1.2.3",
        "host 10.0", "host 10", "net 10", "net 192.168", "net 192.168.1", "net 10.0.0.0/8", "net 172.16.0.0/12",
        "net 192.168.0.0 mask 255.255.0.0", "src net 10.0.0.0/8", "dst net 192.168.1.0/24", "net 0.0.0.0/0",
        "ip host 1.2.3.4", "arp host 1.2.3.4", "rarp host 1.2.3.4", "ip src host 1.2.3.4", "arp dst host 1.2.3.4",
        "host ::1", "ip6 host fe80::1", "src host 2001:db8::1", "dst host ::ffff:1.2.3.4", "net 2001:db8::/32",
        "ip6 net fe80::/10", "src net 2001:db8:1::/48", "net ::/0", "host 2001:db8::1:2:3:4",
        "ether host 01:02:03:04:05:06", "ether src 0:1:2:3:4:5", "ether dst ff:ff:ff:ff:ff:ff", "ether host 0102.0304.0506",
        "ether src and dst 1:2:3:4:5:6", "ether host aa-bb-cc-dd-ee-ff",
        "ether broadcast", "broadcast", "ether multicast", "multicast", "ip multicast", "ip6 multicast",
        "port 80", "port 53", "src port 1024", "dst port 22", "tcp port 80", "udp port 53", "sctp port 9",
        "tcp src port 80", "udp dst port 67", "port 0", "port 65535", "src or dst port 8080", "src and dst port 7",
        "portrange 1000-2000", "tcp portrange 1-1023", "udp src portrange 33434-33534", "portrange 2000-1000",
        "port http", "port ssh", "tcp port ssh", "port domain", "udp port domain", "port ftp-data", "portrange ftp-data-ssh",
        "ip proto 6", "ip proto 17", "ip6 proto 58", "proto 6", "ip proto \\tcp", "ip proto \\udp", "ip6 proto \\icmp",
        "ether proto 0x800", "ether proto \\ip", "ether proto \\arp", "ether proto \\ip6", "ether proto 0x86dd",
        "ether proto \\stp", "ether proto \\ipx", "ether proto 0x42", "ether proto 100", "link proto 0x806",
        "iso proto \\isis", "iso proto 0x83", "isis proto 16", "proto \\icmp",
        "less 100", "greater 1000", "len < 60", "len >= 100", "len = 64", "len != 1500", "len <= 0x100", "len > 010",
        // Regression: '%' and '^' have no precedence in libpcap's grammar (yacc shifts), found by the conformance suite.
        "ip[0] % 2 - 1 = 0", "ether[23:2] * 0x3f ^ 0x96 >= 16623", "-(link[9:4] << len ^ 0x96) >= 0x12",
        "(len / 3) % 042 | 0xa8 <= 040", "- ip[1] % 3 * 2 = 1", "(link[12:2] << 1 ^ (igmp[4:4] ^ 1)) = 0", "ip[0] ^ 1 % 3 + 2 = 7",
        "ip[0] & 0xf != 5", "ip[6:2] & 0x1fff = 0", "ip[2:2] > 576", "ip[9] = 6", "ip[16:4] = 0x0a000001",
        "tcp[0:2] = 80", "tcp[13] & 2 != 0", "tcp[tcpflags] & tcp-syn != 0", "tcp[tcpflags] & (tcp-syn|tcp-ack) = tcp-syn",
        "tcp[tcpflags] & (tcp-fin|tcp-rst) != 0", "udp[0:2] = 53", "icmp[icmptype] = icmp-echo", "icmp[0] = 8",
        "icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply", "icmp6[icmp6type] = icmp6-echo",
        "ether[0] & 1 = 1", "ether[12:2] = 0x800", "link[0] = 0xff", "arp[6:2] = 1", "rarp[7] = 3", "ip6[6] = 58",
        "igmp[0] = 0x11", "sctp[0:2] = 9", "pim[0] = 1", "vrrp[0] = 1", "carp[1] = 2", "igrp[0] = 1",
        "decnet[0] = 1", "lat[0] = 1", "sca[0] = 1", "atalk[0] = 1", "moprc[0]=1", "mopdl[0] = 2",
        "1 = 1", "0 = 1", "2 + 3 = 5", "len - 14 > 100", "len * 2 > 100", "len / 2 > 10", "len % 7 = 3", "len & 3 = 0",
        "len | 1 = 1", "len ^ 1 = 0", "len << 2 > 100", "len >> 1 > 100", "-len = 0", "- 1 = 0xffffffff",
        "1 ^ 2 & 3 = 0", "1 | 2 ^ 3 = 0", "(1 + 2) * 3 = 9", "1 + 2 * 3 = 7", "len - 1 - 1 = 0", "ip[0] + ip[1] = tcp[0]",
        "ip[len - 1] = 0", "1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + (9 + (10 + (11 + (12 + (13 + (14 + (15)))))))))))))) = 0", "1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + (9 + (10 + (11 + (12 + (13 + (14 + (15 + (16))))))))))))))) = 0", "1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + (9 + (10 + (11 + (12 + (13 + (14 + (15 + (16 + (17)))))))))))))))) = 0", "1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + (9 + (10 + (11 + (12 + (13 + (14 + (15 + (16 + (17 + (18 + (19 + (20))))))))))))))))))) = 0",
        "ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[ip[0]]]]]]]]]]]]]]]]] = 1", "ether[len-1:1] = 0", "ip[2:2] - ((ip[0] & 0xf) << 2) > 0", "ip[0:4] = 0x45000054",
        "len / 0 = 1", "len % 0 = 1", "len << 32 = 1", "len >> 40 = 1", "ip[0:3] = 1", "len / (0) = 1",
        "byte 0 = 1", "byte 12 & 8", "byte 14 | 3", "byte 1 < 2", "byte 3 > 4",
        "inbound", "outbound", "ifindex 1", "ifindex 42",
        "vlan", "vlan 100", "vlan 0", "vlan 4095", "vlan 4096", "vlan and ip", "vlan 10 and vlan 20", "vlan and host 10.0.0.1",
        "vlan and port 80", "vlan and arp", "vlan and ip6", "vlan (100)",
        "mpls", "mpls 100", "mpls and ip", "mpls 1 and mpls 2", "mpls and ip6", "mpls and host 10.0.0.1", "mpls 1048576",
        "pppoed", "pppoes", "pppoes 1", "pppoes and ip", "pppoes 0x1234 and tcp port 80", "pppoes and ip6", "pppoes 65536",
        "llc", "llc i", "llc s", "llc u", "llc rr", "llc rnr", "llc rej", "llc ui", "llc ua", "llc disc", "llc dm",
        "llc sabme", "llc test", "llc xid", "llc frmr", "llc bogus",
        "geneve", "geneve 10", "geneve and ip", "geneve 100 and host 10.0.0.1", "geneve and ether host 1:2:3:4:5:6",
        "geneve and tcp port 80", "geneve and vlan", "geneve and ether broadcast", "geneve and multicast", "geneve and arp",
        "geneve and ip6 and udp", "geneve 16777216", "geneve and ip[0] = 0x45", "geneve and tcp[13] = 2", "geneve or ip",
        "geneve and geneve", "geneve and mpls", "geneve and pppoes and ip", "geneve and llc", "geneve and ether[0] = 1",
        "geneve and geneve and ip protochain \\tcp", "not (geneve 10) && ip6 protochain 58",
        "decnet host 1.2", "decnet src 10.20", "decnet dst 63.1023", "decnet host 5", "ip and decnet host 1.1",
        "decnet src and dst 1.1", "iso proto \\esis", "ether proto \\iso", "ether proto \\netbeui", "llc and stp",
        "ether[0:4] & 0xffffff00 = 0x01005e00", "vlan and vlan 20 and ip host 1.2.3.4", "mpls and mpls 3 and ip6",
        "pppoes and mpls", "vlan and mpls and ip", "pppoes and ether host 1:2:3:4:5:6", "pppoes and vlan",
        "ether proto 0x8100 and vlan", "link[12:2] = 0x800", "ppp[0] = 0xff", "fddi host 1:2:3:4:5:6", "tr src 1:2:3:4:5:6",
        "wlan host 1:2:3:4:5:6", "slip[0] = 1", "host 10.1.2.3 and port 80 or host 10.1.2.4 and port 443",
        "src net 10.0.0.0/8 and not dst net 10.0.0.0/8", "ip6 net 2001:db8::/32 and src host ::1",
        "tcp dst portrange 8000-8100 or udp src portrange 5000-5100", "icmp6 and ip6[40] = 128",
        "(arp or icmp) and ether host 02:42:ac:11:00:02", "protochain 6", "ip protochain 17", "ip6 protochain 58", "ip protochain \\tcp",
        "ip broadcast", "gateway 1.2.3.4", "gateway foo", "port 70000", "portrange 1-70000", "tcp port 80000",
        "ip host 1.2.3.4 and not tcp", "not ip", "! arp", "not not ip", "ip and tcp", "ip or arp", "tcp or udp or icmp",
        "host 1.2.3.4 or 5.6.7.8", "host 1.2.3.4 and 5.6.7.8", "port 80 or 443", "tcp port 80 or 443 or 8080",
        "src net 10 or 192.168", "host 1.2.3.4 and not 5.6.7.8", "ip host (1.2.3.4 or 2.2.2.2) and port 80",
        "host 1.2.3.4 and (5.6.7.8 or 9.9.9.9)", "(tcp or udp) and port 53", "not (tcp or udp)", "(ip)", "((ip))",
        "ip and (tcp or (udp and port 53))", "tcp and not port 22 and not port 80", "ether src 1:2:3:4:5:6 or dst 1:2:3:4:5:7",
        "arp or icmp", "icmp or arp and host 10.0.0.1", "not host 10.0.0.1 or 10.0.0.2", "ip6 and not icmp6",
        "host localhost", "ip host localhost", "ip6 host localhost", "ether proto \\aarp", "ether proto \\atalk",
        "tcp port ssh and not src host 10.0.0.1", "(host 1.2.3.4) or 5.6.7.8", "tcp or 1.2.3.4", "1.2.3.4",
        "ip proto tcp", "host", "port", "tcp port", "and", "ip and", "(ip", "ip)", "ip ip", "ether host 1.2.3.4",
        "host 1.2.3.4/24", "net 10.0.0.1/8", "net 10.0.0.0/33", "net 1.2.3.4 mask 255.0.0.0", "ip6 host 1.2.3.4",
        "ip host ::1", "tcp host 1.2.3.4", "port 1.2.3.4", "ether src foo", "net foo", "proto foo", "dst port http",
        "udp port ssh", "tcp[100000] = 1", "ip[0:5] = 1", "radio[0] = 1", "ah[0] = 1", "ip6[0:2] > 0", "arp[0] & 0xf0 = 0x10",
    ];

    public static IEnumerable<string> RandomCompositions(int seed, int count)
    {
        var random = new Random(seed);
        string[] atoms = Primitives.Where(p => p.Length > 0).ToArray();
        for (int i = 0; i < count; i++)
            yield return Compose(random, atoms, random.Next(1, 4));
    }

    private static string Compose(Random r, string[] atoms, int depth)
    {
        if (depth == 0 || r.Next(3) == 0)
            return atoms[r.Next(atoms.Length)];
        string left = Compose(r, atoms, depth - 1), right = Compose(r, atoms, depth - 1);
        return r.Next(7) switch
        {
            0 => $"{left} and {right}",
            1 => $"{left} or {right}",
            2 => $"({left}) and ({right})",
            3 => $"({left}) or not ({right})",
            4 => $"not ({left}) && {right}",
            5 => $"{left} || ! {right}",
            _ => $"({left} and {right}) or {atoms[r.Next(atoms.Length)]}",
        };
    }
}
