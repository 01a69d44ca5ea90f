using Pcap.Live.Tests.Support;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// tcpdump and the <c>pcapcore</c> command on the same interface and traffic at the same time print the same lines:
/// VLAN-tagged frames the kernel moved the tag of into metadata (<c>vlan 100 and icmp</c>, the program compiled by
/// PcapCore itself), and the direction qualifiers on <c>-i any</c>.
/// </summary>
public sealed class PrintedLinesTests
{
    private static void Ping(NetworkNamespace from, string address) =>
        from.Exec("ping", "-c", "3", "-i", "0.2", "-W", "1", address);

    [Theory]
    [InlineData("-e")]
    [InlineData("-v")]
    public void Vlan_100_and_icmp_prints_what_tcpdump_prints(string flag)
    {
        using var topology = VethTopology.Create();
        var frames = RawFrameSender.VlanMix(topology);
        var (tcpdump, pcapcore) = PrintedCapture.Both(topology.Right.Name, ["-i", "eth0", "-n", "-t", flag, "vlan 100 and icmp"],
            () => RawFrameSender.Send(topology.Left.Name, "eth0", frames));
        PrintedCapture.AssertSameLines($"vlan 100 and icmp {flag}", tcpdump, pcapcore, 3);
        Assert.Equal(3, pcapcore.Count(l => l.Contains("ICMP echo request", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("inbound and icmp")]
    [InlineData("outbound and icmp")]
    [InlineData("inbound and arp or outbound and icmp")]
    public void Direction_qualifiers_on_any_print_what_tcpdump_prints(string expression)
    {
        using var topology = VethTopology.Create();
        var (tcpdump, pcapcore) = PrintedCapture.Both(topology.Right.Name, ["-i", "any", "-n", "-e", "-t", expression],
            () =>
            {
                topology.Right.Ip("neigh", "flush", "all");
                topology.Left.Ip("neigh", "flush", "all");
                Ping(topology.Left, VethTopology.RightAddress);
            });
        PrintedCapture.AssertSameLines(expression, tcpdump, pcapcore, 3);
        string marker = expression.StartsWith("inbound", StringComparison.Ordinal) && !expression.Contains("outbound", StringComparison.Ordinal) ? " In " : " Out ";
        Assert.All(pcapcore.Where(l => l.Contains("ICMP", StringComparison.Ordinal)), l => Assert.Contains(marker, l, StringComparison.Ordinal));
    }

    [Fact]
    public void Ip_broadcast_compiles_with_tcpdumps_netmask_and_prints_what_tcpdump_prints()
    {
        // tcpdump passes netmask 0 to pcap_compile: 'ip broadcast' is a destination of all zeros or all ones.
        using var topology = VethTopology.Create();
        byte[] leftMac = RawFrameSender.MacOf(topology.Left), rightMac = RawFrameSender.MacOf(topology.Right);
        byte[] broadcastMac = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], leftIp = [10, 200, 0, 1], rightIp = [10, 200, 0, 2];
        var frames = new List<byte[]>();
        for (ushort sequence = 1; sequence <= 3; sequence++)
        {
            frames.Add(RawFrameSender.IcmpEcho(broadcastMac, leftMac, null, leftIp, [255, 255, 255, 255], sequence));
            frames.Add(RawFrameSender.IcmpEcho(rightMac, leftMac, null, leftIp, rightIp, (ushort)(sequence + 10)));
        }
        var (tcpdump, pcapcore) = PrintedCapture.Both(topology.Right.Name, ["-i", "eth0", "-n", "-t", "ip broadcast"],
            () => RawFrameSender.Send(topology.Left.Name, "eth0", frames));
        PrintedCapture.AssertSameLines("ip broadcast", tcpdump, pcapcore, 3);
        Assert.Equal(3, pcapcore.Count(l => l.Contains("> 255.255.255.255: ICMP echo request", StringComparison.Ordinal)));
    }
}
