using Pcap.Filter;
using Pcap.Testing;
using Pcap.Testing.Packets;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>The shared packet generator: deterministic, diverse, and printable by tcpdump.</summary>
public sealed class PacketGeneratorTests(ITestOutputHelper output)
{
    public static TheoryData<LinkType> LinkTypes() => new(PacketGenerator.LinkTypes);

    [Theory]
    [MemberData(nameof(LinkTypes))]
    public void Same_seed_gives_the_same_packets_and_another_seed_others(LinkType linkType)
    {
        var first = PacketGenerator.Generate(linkType, 500, 11).Select(p => (p.Hex, p.WireLength)).ToList();
        Assert.Equal(first, PacketGenerator.Generate(linkType, 500, 11).Select(p => (p.Hex, p.WireLength)).ToList());
        Assert.NotEqual(first, PacketGenerator.Generate(linkType, 500, 12).Select(p => (p.Hex, p.WireLength)).ToList());
    }

    [Fact]
    public void Ethernet_packets_cover_every_family_the_filter_language_names()
    {
        var descriptions = PacketGenerator.Generate(LinkType.Ethernet, ConformanceCorpus.PacketsPerLinkType, ConformanceCorpus.PacketSeed)
            .Select(p => p.Description).ToList();
        string[] families =
        [
            "eth vlan", "vlan 100", "mpls", "pppoed", "pppoes", "llc stp", "llc ipx", "raw 802.3 ipx", "llc netbeui", "llc iso", "snap atalk",
            "snap aarp", "arp op", "rarp op", "ip opts", "frag first", "frag +", "ip6 ext 0", "ext 43", "ext 44", "ext 60", "ext 51",
            "icmp type 0 ", "icmp type 3 ", "icmp type 5 ", "icmp type 8 ", "icmp type 11 ", "icmp6 type 1 ", "icmp6 type 128 ",
            "icmp6 type 135 ", "icmp6 type 134 ", "icmp6 type 143 ", "tcp ", "udp ", "sctp ", "igmp", "pim", "vrrp", "ah tcp", "esp",
            "geneve", "tunnel", "[truncated", "[runt", "garbage",
        ];
        var missing = families.Where(f => !descriptions.Any(d => d.Contains(f, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"No generated Ethernet packet contains: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(LinkTypes))]
    public void Tcpdump_prints_a_meaningful_line_for_most_printing_packets(LinkType linkType)
    {
        const int count = 2000;
        var path = Path.Combine(Path.GetTempPath(), $"pcapcore-generator-{linkType}-{Environment.ProcessId}.pcap");
        try
        {
            PcapFileWriter.Write(path, linkType, PacketGenerator.GenerateForPrinting(linkType, count, 5));
            var result = ExternalTool.Run("tcpdump", ["-n", "-r", path]);
            Assert.True(result.ExitCode == 0, $"tcpdump -n -r {path} failed: {result.StandardError}");
            // One record per packet: a line that starts with the time stamp, plus any continuation lines.
            var lines = new List<string>();
            foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (lines.Count == 0 || line.StartsWith("[Invalid header", StringComparison.Ordinal)
                    || System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d\d:\d\d:\d\d\.\d{6} "))
                    lines.Add(line);
                else
                    lines[^1] += " / " + line.Trim();
            }
            Assert.Equal(count, lines.Count);
            // "Unknown ethertype/SSAP" lines are meaningful (random types are wanted); these are not.
            string[] complaints = ["[|", "truncated", "invalid", "Invalid", "malformed", "bad ", "bogus"];
            var complaining = lines.Where(l => complaints.Any(c => l.Contains(c, StringComparison.Ordinal))).ToList();
            output.WriteLine($"{linkType}: {complaining.Count} of {count} tcpdump lines mention a malformation; examples:\n" +
                             string.Join("\n", complaining.Take(8)));
            Assert.True(complaining.Count <= count / 5, $"{complaining.Count} of {count} packets print as malformed:\n{string.Join("\n", complaining.Take(20))}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
