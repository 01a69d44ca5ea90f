using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Live.Tests.Support;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests;

/// <summary>
/// <see cref="FilterOptions.LinuxVlanAncillaryLoads"/>: for a live Ethernet socket, libpcap compiles <c>vlan</c> with the
/// kernel's VLAN metadata loads. The oracle is <c>tcpdump -i DEVICE -ddd</c> on a live veth in a namespace, which prints
/// the program libpcap builds for that live handle; ours must be instruction-identical, with and without the optimizer.
/// </summary>
public sealed class LiveVlanProgramTests
{
    public static TheoryData<string> Expressions() =>
    [
        "vlan",
        "vlan 100",
        "vlan and icmp",
        "vlan 100 and icmp",
        "vlan and vlan",
        "vlan 100 and vlan 200",
        "vlan 100 and ip host 10.1.2.3",
        "vlan 100 and vlan and tcp port 80",
        "vlan or arp",
        "not vlan 7",
        "icmp or vlan 4095 and udp",
        "vlan 100 and (arp or icmp)",
        "ether src 02:00:00:00:00:01 and vlan 3 and ip6",
        "vlan and pppoes and ip",
        "vlan 100 and mpls 5",
        "ip[8] = 64 and vlan 1",
        "vlan 100 and ether[12:2] = 0x800",
        "vlan 10 and src net 10.0.0.0/8 and (tcp[tcpflags] & tcp-syn != 0)",
    ];

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Live_vlan_programs_are_identical_to_libpcaps_live_programs(string expression)
    {
        using var ns = NetworkNamespace.Create("v");
        ns.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        ns.Ip("link", "set", "eth0", "up");
        ns.Ip("link", "set", "peer0", "up");
        foreach (bool optimize in new[] { true, false })
        {
            var expected = LivePrograms.FromTcpdump(ns, "eth0", expression, optimize: optimize);
            var actual = FilterCompiler.Compile(expression, LinkType.Ethernet,
                new FilterOptions { LinuxVlanAncillaryLoads = true, Optimize = optimize });
            Assert.True(expected.Instructions.ToArray().SequenceEqual(actual.Instructions.ToArray()),
                $"'{expression}' optimize={optimize}\nlibpcap live:\n{BpfDisassembler.Format(expected, BpfDumpFormat.Assembly)}\npcapcore:\n{BpfDisassembler.Format(actual, BpfDumpFormat.Assembly)}");
        }
    }
}
