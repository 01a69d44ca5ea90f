using System.Text.RegularExpressions;
using Pcap.Filter;
using Pcap.Testing.Packets;
using Xunit.Abstractions;

namespace Pcap.Decode.Tests.Golden;

/// <summary>
/// The shared conformance generator's packets printed by tcpdump and by the formatter: a measured, per-protocol count of what
/// still differs. Protocols outside issue 5's scope (application protocols on well-known ports, MPLS, PPPoE, SCTP, IGMP, PIM,
/// VRRP, IPsec, Geneve, LLC payloads such as STP/IPX/NetBEUI/ISO/AppleTalk, decoded ethertypes) may differ and are only counted;
/// every in-scope packet must print identically.
/// </summary>
public sealed partial class ConformanceCorpusGapTests(ITestOutputHelper output)
{
    private const int PacketsPerLinkType = 1500;

    private static readonly LinkType[] LinkTypes =
        [LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Raw, LinkType.Null, LinkType.Loop];

    private static readonly string[][] FlagSets = [["-n"], ["-n", "-v"], ["-n", "-e"]];

    /// <summary>Ports tcpdump hands to an application-protocol printer (for TCP, UDP or both).</summary>
    private static readonly HashSet<int> ApplicationPorts = [20, 21, 22, 23, 25, 53, 67, 68, 80, 110, 123, 161, 514, 1000, 2049, 3306, 5353, 6081, 8080];

    private static readonly string[] OutOfScopeWords =
        [
            "mpls", "pppoe", "sctp", "igmp", "pim", "vrrp", "ah ", "esp", "geneve", "llc stp", "llc ipx", "llc netbeui", "llc iso", "llc control", "llc random", "snap atalk", "snap aarp", "raw 802.3", "ethertype", "tunnel", "proto ",
            "af 7 ", "sll 0x0001", "sll2 0x0001", "icmp6 type 138 ", "icmp6 type 139 ", "icmp6 type 140 ", "icmp6 type 155 ",
        ];

    /// <summary>What tcpdump prints for random bytes it decodes as an out-of-scope protocol (LLC SAPs, OSI, IPX).</summary>
    private static readonly string[] OutOfScopeText = ["SSAP", "DSAP", "NLPID", "IPX", "LLC"];

    [Fact]
    public void In_scope_packets_of_the_conformance_generator_print_as_tcpdump_prints_them()
    {
        var outOfScope = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var inScope = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<string>();
        var total = 0;
        var differing = 0;
        foreach (var linkType in LinkTypes)
        {
            var packets = PacketGenerator.GenerateForPrinting(linkType, PacketsPerLinkType, 5).ToList();
            var frames = packets.Select(p => (p.Data, (int)p.WireLength)).ToList();
            foreach (var flags in FlagSets)
            {
                var differences = TcpdumpOracle.Compare((int)linkType, frames, flags);
                total += frames.Count;
                differing += differences.Count;
                foreach (var difference in differences)
                {
                    if (difference.Index < 0)
                        continue;
                    var description = packets[difference.Index].Description;
                    var (category, scoped) = Categorize(description, difference.Expected);
                    var table = scoped ? inScope : outOfScope;
                    table[category] = table.GetValueOrDefault(category) + 1;
                    // One example per protocol keeps the failure message short and covers every kind of difference.
                    if (scoped && table[category] == 1)
                        examples.Add($"{linkType} {string.Join(' ', flags)} [{description}] {Convert.ToHexString(difference.Data)}\n" +
                                     $"  tcpdump: {difference.Expected}\n  ours:    {difference.Actual}");
                }
            }
        }
        output.WriteLine($"conformance generator: {total} packet prints ({LinkTypes.Length} link types x {FlagSets.Length} flag sets), " +
                         $"{total - differing} identical ({100.0 * (total - differing) / total:F1}%), {differing} differ");
        output.WriteLine("differing, out of scope (per protocol):");
        foreach (var (category, count) in outOfScope.OrderByDescending(p => p.Value))
            output.WriteLine($"  {category,-24} {count}");
        output.WriteLine("differing, in scope (must be none):");
        foreach (var (category, count) in inScope.OrderByDescending(p => p.Value))
            output.WriteLine($"  {category,-24} {count}");
        Assert.True(inScope.Count == 0, $"in-scope packets differ:\n{string.Join("\n", examples)}");
    }

    /// <summary>The protocol a differing packet is charged to, and whether issue 5's scope covers it.</summary>
    private static (string Category, bool InScope) Categorize(string description, string expected)
    {
        // Ports seen in tcpdump's text (also those of a datagram quoted inside an ICMP error, which the description omits).
        foreach (Match quoted in QuotedPorts().Matches(expected))
        {
            foreach (var group in new[] { quoted.Groups[1], quoted.Groups[2] })
            {
                if (ApplicationPorts.Contains(int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture)))
                    return ($"application port {group.Value}", false);
            }
        }
        foreach (var word in OutOfScopeWords)
        {
            if (description.Contains(word, StringComparison.Ordinal))
                return (word.Trim(), false);
        }
        if (AuthenticationHeaderInChain().IsMatch(description))
            return ("ah", false);
        foreach (Match port in PortPair().Matches(description))
        {
            foreach (var group in new[] { port.Groups[2], port.Groups[3] })
            {
                var number = int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (ApplicationPorts.Contains(number))
                    return ($"{port.Groups[1].Value} port {number}", false);
            }
        }
        if (description.StartsWith("garbage", StringComparison.Ordinal))
        {
            var foreign = OutOfScopeText.FirstOrDefault(t => expected.Contains(t, StringComparison.Ordinal));
            return foreign is null ? ("garbage", true) : ("garbage as " + foreign, false);
        }
        var innermost = InnermostProtocol().Matches(description);
        return (innermost.Count > 0 ? innermost[^1].Value.Trim() : description, true);
    }

    [GeneratedRegex(@"ext [\d,]*\b51\b")]
    private static partial Regex AuthenticationHeaderInChain();

    [GeneratedRegex(@"\.(\d+) > \S+\.(\d+):")]
    private static partial Regex QuotedPorts();

    [GeneratedRegex(@"(tcp|udp) (\d+)>(\d+)")]
    private static partial Regex PortPair();

    [GeneratedRegex(@"\b(arp|rarp|ip6|ip|icmp6 type \d+|icmp type \d+|tcp|udp|vlan)\b")]
    private static partial Regex InnermostProtocol();
}
