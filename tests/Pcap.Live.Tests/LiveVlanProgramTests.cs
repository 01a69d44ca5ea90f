using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Live.Tests.Support;
using Pcap.Testing;
using Pcap.Testing.Expressions;
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
    public void Live_vlan_programs_are_identical_to_libpcaps_live_programs_or_kernel_valid_where_libpcaps_is_not(string expression)
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
            string? difference = ProgramAgainstLibpcap.Difference(actual.Instructions, expected.Instructions, LinkType.Ethernet);
            Assert.True(difference is null,
                $"'{expression}' optimize={optimize}: {difference}\nlibpcap live:\n{BpfDisassembler.Format(expected, BpfDumpFormat.Assembly)}\npcapcore:\n{BpfDisassembler.Format(actual, BpfDumpFormat.Assembly)}");
        }
    }

    // Random compositions around vlan from a fixed seed: vlan with and without an id, first or later in the expression,
    // stacked, negated, or-ed, mixed with the composer's random primitives.
    private static List<string> RandomVlanExpressions(int count, int seed)
    {
        var random = new Random(seed);
        var composer = new RandomExpressionComposer(seed);
        string Vlan() => random.Next(3) == 0 ? "vlan" : $"vlan {random.Next(5) switch { 0 => 0, 1 => 4095, _ => random.Next(1, 4095) }}";
        var expressions = new List<string>(count);
        while (expressions.Count < count)
        {
            string x = composer.Next(), y = composer.Next();
            expressions.Add(random.Next(7) switch
            {
                0 => $"{Vlan()} and {x}",
                1 => $"{x} and {Vlan()}",
                2 => $"{Vlan()} and {Vlan()} and ({x})",
                3 => $"({x}) or {Vlan()} and ({y})",
                4 => $"not {Vlan()} or ({x})",
                5 => $"{Vlan()} or {Vlan()} and {x}",
                _ => $"({Vlan()} and {x}) or ({Vlan()} and {y})",
            });
        }
        return expressions;
    }

    [Fact]
    public void Random_vlan_compositions_compile_like_a_live_libpcap_handle()
    {
        using var ns = NetworkNamespace.Create("v");
        ns.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        ns.Ip("link", "set", "eth0", "up");
        ns.Ip("link", "set", "peer0", "up");
        var expressions = RandomVlanExpressions(1500, 20261124);
        int compared = 0;
        foreach (bool optimize in new[] { true, false })
        {
            var oracle = LiveLibPcap.Compile(ns.Name, "eth0", expressions, optimize);
            var differences = new List<string>();
            for (int i = 0; i < expressions.Count; i++)
            {
                var (expected, error) = oracle[i];
                bool ours = FilterCompiler.TryCompile(expressions[i], LinkType.Ethernet, out var actual, out var ourError,
                    new FilterOptions { LinuxVlanAncillaryLoads = true, Optimize = optimize });
                if (expected is null)
                {
                    if (ours)
                        differences.Add($"'{expressions[i]}' optimize={optimize}: libpcap refused ({error}), pcapcore compiled it");
                    continue;
                }
                compared++;
                if (!ours)
                    differences.Add($"'{expressions[i]}' optimize={optimize}: pcapcore refused ({ourError!.Message})");
                else if (ProgramAgainstLibpcap.Difference(actual!.Instructions, expected, LinkType.Ethernet) is { } difference)
                    differences.Add($"'{expressions[i]}' optimize={optimize}: {difference}\nlibpcap live:\n{BpfDisassembler.Format(expected, BpfDumpFormat.Assembly)}\npcapcore:\n{BpfDisassembler.Format(actual, BpfDumpFormat.Assembly)}");
            }
            Assert.True(differences.Count == 0, $"{differences.Count} differences:\n{string.Join("\n", differences.Take(10))}");
        }
        Assert.True(compared > 1500, $"only {compared} of 3000 programs were compiled by libpcap, too few to prove anything");
    }

    [Theory]
    [InlineData("udp[7:4] < 0x87 and vlan 0")]
    [InlineData("ether proto \\ip and vlan 0")]
    public void Regression_a_vlan_0_test_the_optimizer_folds_is_refused_with_libpcaps_message(string expression)
    {
        // Found by the random comparison: the optimizer deletes the in-block jump's target and libpcap's layout gives up.
        using var ns = NetworkNamespace.Create("v");
        ns.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        ns.Ip("link", "set", "eth0", "up");
        var (program, error) = LiveLibPcap.Compile(ns.Name, "eth0", [expression], optimize: true)[0];
        Assert.Null(program);
        Assert.False(FilterCompiler.TryCompile(expression, LinkType.Ethernet, out _, out var ours, new FilterOptions { LinuxVlanAncillaryLoads = true }));
        Assert.Equal(error, ours.Message);
    }

    [Theory]
    [InlineData("eth0", "-d", "vlan 100 and icmp")]
    [InlineData("eth0", "-dd", "vlan and ip host 10.1.2.3")]
    [InlineData("eth0", "-ddd", "not vlan 7")]
    [InlineData("any", "-d", "inbound and icmp")]
    public void Pcapcore_dash_i_dump_prints_tcpdumps_live_program(string device, string format, string expression)
    {
        using var ns = NetworkNamespace.Create("v");
        ns.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        ns.Ip("link", "set", "eth0", "up");
        string expected = ns.Exec("tcpdump", "-i", device, format, expression).StandardOutput;
        string actual = PcapcoreDump(ns, device, format, expression);
        if (actual == expected)
            return;
        // pcapcore prints the program it attaches, which may be shorter than libpcap's: judged by the shared rule,
        // and printed exactly as -ddd says it is.
        var theirs = BpfDumpParser.Parse(ns.Exec("tcpdump", "-i", device, "-ddd", expression).StandardOutput);
        var ours = BpfDumpParser.Parse(PcapcoreDump(ns, device, "-ddd", expression));
        string? difference = ProgramAgainstLibpcap.Difference(ours.Instructions, theirs.Instructions, device == "any" ? LinkType.LinuxSll2 : LinkType.Ethernet);
        Assert.True(difference is null, $"pcapcore -i {device} {format} '{expression}': {difference}\ntcpdump:\n{expected}\npcapcore:\n{actual}");
        var dumpFormat = format switch { "-d" => BpfDumpFormat.Assembly, "-dd" => BpfDumpFormat.CArray, _ => BpfDumpFormat.Decimal };
        Assert.Equal(BpfDisassembler.Format(ours, dumpFormat), actual);
    }

    private static string PcapcoreDump(NetworkNamespace ns, string device, string format, string expression)
    {
        using var run = PcapcoreProcess.Start(["ip", "netns", "exec", ns.Name], "-i", device, format, expression);
        Assert.Equal(0, run.WaitForExit(TimeSpan.FromSeconds(30)));
        return run.StandardOutput;
    }
}
