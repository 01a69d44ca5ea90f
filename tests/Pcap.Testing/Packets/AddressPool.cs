namespace Pcap.Testing.Packets;

/// <summary>
/// Small pools of addresses and ports, so that host, net, port and ether filters in the expression corpus
/// hit the generated packets often; a share of draws is random so that they also miss.
/// </summary>
public static class AddressPool
{
    /// <summary>IPv4 addresses the expression corpus names.</summary>
    public static readonly byte[][] Ipv4 =
    [
        [10, 0, 0, 1], [10, 0, 0, 2], [10, 1, 2, 3], [172, 17, 0, 1], [172, 17, 0, 2], [172, 17, 255, 255],
        [192, 168, 1, 1], [192, 168, 1, 2], [192, 168, 1, 10], [192, 168, 1, 255], [127, 0, 0, 1],
        [203, 0, 113, 61], [8, 8, 8, 8], [255, 255, 255, 255], [224, 0, 0, 1], [224, 0, 0, 251], [239, 1, 2, 3],
        [0, 0, 0, 0], [169, 254, 1, 1],
    ];

    /// <summary>IPv6 addresses the expression corpus names.</summary>
    public static readonly byte[][] Ipv6 =
    [
        Parse6("2001:db8::1"), Parse6("2001:db8::2"), Parse6("2001:db8:0:1::5"), Parse6("fe80::1"), Parse6("fe80::2"),
        Parse6("ff02::1"), Parse6("ff02::2"), Parse6("ff02::1:ff00:1"), Parse6("::1"), Parse6("::"),
        Parse6("fd00::17:2"), Parse6("::ffff:10.0.0.1"),
    ];

    /// <summary>MAC addresses the expression corpus names, including broadcast and multicast.</summary>
    public static readonly byte[][] Mac =
    [
        [0x02, 0x42, 0xac, 0x11, 0x00, 0x02], [0x02, 0x42, 0x9a, 0x5c, 0x21, 0x01], [0x00, 0x11, 0x22, 0x33, 0x44, 0x55],
        [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x01, 0x00, 0x5e, 0x00, 0x00, 0x01],
        [0x33, 0x33, 0x00, 0x00, 0x00, 0x01], [0x01, 0x80, 0xc2, 0x00, 0x00, 0x00], [0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
    ];

    /// <summary>Well-known ports the expression corpus names.</summary>
    public static readonly int[] Ports = [20, 21, 22, 23, 25, 53, 67, 68, 80, 110, 123, 161, 443, 514, 1000, 1024, 2049, 3306, 5353, 6081, 8080, 65535];

    /// <summary>An IPv4 address: from the pool most of the time, random otherwise.</summary>
    public static byte[] NextIpv4(Random random) => random.Next(5) == 0 ? RandomBytes(random, 4) : Ipv4[random.Next(Ipv4.Length)];

    /// <summary>An IPv6 address: from the pool most of the time, random otherwise.</summary>
    public static byte[] NextIpv6(Random random) => random.Next(5) == 0 ? RandomBytes(random, 16) : Ipv6[random.Next(Ipv6.Length)];

    /// <summary>A MAC address: from the pool most of the time, random otherwise.</summary>
    public static byte[] NextMac(Random random) => random.Next(4) == 0 ? RandomBytes(random, 6) : Mac[random.Next(Mac.Length)];

    /// <summary>A port: well-known most of the time, random otherwise.</summary>
    public static int NextPort(Random random) => random.Next(4) switch
    {
        0 => random.Next(65536),
        1 => HotPorts[random.Next(HotPorts.Length)],
        _ => Ports[random.Next(Ports.Length)],
    };

    /// <summary>The ports filters name most often, drawn more often so that each protocol meets them.</summary>
    public static readonly int[] HotPorts = [22, 53, 80, 443];

    /// <summary><paramref name="count"/> random bytes.</summary>
    public static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Parse6(string text) => System.Net.IPAddress.Parse(text).GetAddressBytes();
}
